/**
 * resourceFields reads the resource-naming fields of a compact JSON line into one fixed shape, and
 * extractResources reads NodePools from NodeClaim names by hand. What they find must be exactly what the
 * plain regex readings found — the first `"key":"value"` of each string key and the first
 * `"Key":{"name":"value"` of each reference, wherever they are, values with a backslash skipped — on real
 * logs and on lines built to catch a reader out.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { resourceFields } from '../../../src/core/logs/json-fields.js';
import { nodePoolOfNodeClaim } from '../../../src/core/logs/resources.js';
import type { LogRecord } from '../../../src/core/logs/types.js';
import { describeShared, sharedPath } from '../../helpers/shared.js';

/** The reading resourceFields had before the hand scan, kept here as the reference. */
const REFERENCE =
  /"(instance-type|zone|capacity-type|nodepool|provisioner|nodeclaim|machine|node|instance-id|instance)":"([^"\\]*)"|"(NodeClaim|NodePool|Node|Machine)":\{"name":"([^"\\]*)"/g;
function reference(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  REFERENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = REFERENCE.exec(line))) {
    if (m[1] !== undefined) out[m[1]] ??= m[2]!;
    else if (m[3] !== undefined) out[m[3]] ??= m[4]!;
  }
  return out;
}

const record = (json: string): LogRecord => ({
  message: '',
  error: '',
  continuation: '',
  json,
  format: 'karpenter-json',
  source: 'test.log',
  lineNumber: 1,
  raw: json,
});

/** What resourceFields found, the keys left unset dropped. */
function scanned(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(resourceFields(record(line))))
    if (value !== undefined) out[key] = value as string;
  return out;
}

/** A reading as text, whatever order its keys were set in. */
const canonical = (fields: Record<string, string>): string => JSON.stringify(Object.entries(fields).sort());

describe('resourceFields', () => {
  it('reads string fields and object references, the first of each, nested ones too', () => {
    // Given a v1 line with references, string fields, a repeated key and a nested object
    const line =
      '{"level":"INFO","message":"launched nodeclaim","NodeClaim":{"name":"default-abcde"},"nodepool":"default",' +
      '"spec":{"zone":"us-east-1a","instance-type":"m5.large"},"zone":"us-east-1b","Node":{"name":"ip-10-0-0-1"}}';
    // When it is read / Then each key has its first value, as the regex found it
    expect(scanned(line)).toEqual({
      NodeClaim: 'default-abcde',
      nodepool: 'default',
      zone: 'us-east-1a',
      'instance-type': 'm5.large',
      Node: 'ip-10-0-0-1',
    });
    expect(scanned(line)).toEqual(reference(line));
  });

  it('takes parsed fields as they are', () => {
    // Given a record whose fields were parsed
    const parsed: LogRecord = {
      ...record('{}'),
      fields: { NodeClaim: { name: 'x-12345' }, zone: 'z', other: 1 },
    };
    // When it is read / Then the parsed values come back unchanged, the others unset
    const f = resourceFields(parsed);
    expect(f.NodeClaim).toEqual({ name: 'x-12345' });
    expect(f.zone).toBe('z');
    expect(f.node).toBeUndefined();
  });

  it.each([
    ['an escaped quote in a value', '{"message":"a \\"zone\\":\\"x\\"","zone":"us-west-2a"}'],
    ['a backslash in the first value', '{"zone":"us\\\\west","zone":"us-west-2b"}'],
    ['a backslash after the value', '{"zone":"us-west-2a","message":"C:\\\\path"}'],
    ['a backslash before every value', '{"message":"\\\\","node":"n1","nodepool":"p\\"q","nodepool":"p2"}'],
    ['an empty first value', '{"node":"","node":"ip-1"}'],
    ['a key inside a string value', '{"message":"\\"node\\":\\"fake\\"","msg":"node\\":\\"x","node":"real"}'],
    [
      'keys that prefix others',
      '{"instance":"i-1","instance-id":"i-2","instance-type":"t3.micro","nodes":"x"}',
    ],
    ['a reference not as an object', '{"NodeClaim":"flat","NodeClaim":{"name":"obj-12345"}}'],
    ['a reference with another first field', '{"Node":{"kind":"Node","name":"n"},"Node":{"name":"m"}}'],
    ['an unterminated value', '{"zone":"us-west-2a'],
    ['an unterminated reference', '{"Machine":{"name":"m-1'],
    ['quotes back to back', '"""zone":"a""node":"b"""'],
    ['a key after a value ends', '{"a":"b""zone":"c"}'],
    ['spaces around the colon', '{"zone" : "a", "node": "b","nodepool":"c"}'],
    ['non-ASCII values', '{"nodepool":"pööl","Node":{"name":"ノード"}}'],
    ['a line terminator in a value', '{"nodeclaim":"a\u2028b","machine":"m\nn"}'],
    ['no fields at all', 'not json at all'],
    ['an empty line', ''],
  ])('matches the regex on %s', (_what, line) => {
    // Given a line built to mislead a scanner / When it is read / Then it finds what the regex found
    expect(scanned(line)).toEqual(reference(line));
  });

  it('matches the regex on lines put together from awkward pieces', () => {
    // Given many lines assembled at random (seeded) from keys, quotes, escapes and braces
    const pieces = [
      '"',
      '\\',
      '\\"',
      ':',
      ',',
      '{',
      '}',
      '"name":"',
      '":"',
      '":{"name":"',
      'zone',
      'node',
      'nodepool',
      'NodeClaim',
      'Node',
      'instance',
      'instance-id',
      '-type',
      'Machine',
      'machine',
      'x',
      'us-west-2a',
      ' ',
      '"zone":"',
      '"Node":{"name":"',
      '"node":"',
      '"instance-type":"',
    ];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    // When each is read
    const lines = Array.from({ length: 20_000 }, () => {
      let line = '';
      const n = 1 + random(24);
      for (let k = 0; k < n; k += 1) line += pieces[random(pieces.length)];
      return line;
    });
    // Then every one gives what the regex gives (the lines that do not, with both readings)
    const differ = lines.flatMap((line) => {
      const [got, want] = [scanned(line), reference(line)];
      return canonical(got) === canonical(want) ? [] : [{ line, got, want }];
    });
    expect(differ).toEqual([]);
    // And the lines did name things for the readings to agree on
    expect(lines.filter((line) => Object.keys(reference(line)).length > 0).length).toBeGreaterThan(1000);
  });
});

describe('nodePoolOfNodeClaim', () => {
  const NODECLAIM_SUFFIX = /^(.+)-[a-z0-9]{5}$/;
  it.each([
    'default-abcde',
    'default-2',
    'general-purpose-x1y2z',
    '-abcde',
    'a-abcde',
    'a-ABCDE',
    'a-abcd',
    'a-abcdef',
    'a--abcde',
    'pool\n-abcde',
    'po\u2028ol-ab3de',
    'pöol-abcde',
    'pool-abcd\u00e9',
    '',
  ])('reads %j as the name pattern does', (name) => {
    // Given a NodeClaim name / When its NodePool is read / Then it is what the pattern's group gives
    expect(nodePoolOfNodeClaim(name)).toBe(NODECLAIM_SUFFIX.exec(name)?.[1]);
  });
});

describeShared('resourceFields on real logs', () => {
  const dir = sharedPath('fixtures', 'karpenter-logs');
  it('matches the regex on every line of every Karpenter log fixture', () => {
    // Given every line of the real Karpenter log fixtures
    let lines = 0;
    let named = 0;
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.log'))) {
      for (const line of readFileSync(`${dir}/${file}`, 'utf8').split('\n')) {
        // When it is read / Then it finds what the regex found
        const expected = reference(line);
        expect(scanned(line), `${file}: ${line}`).toEqual(expected);
        lines += 1;
        if (Object.keys(expected).length > 0) named += 1;
      }
    }
    // And the fixtures did name resources (the comparison was not between empty readings)
    expect(lines).toBeGreaterThan(200);
    expect(named).toBeGreaterThanOrEqual(10);
  });
});
