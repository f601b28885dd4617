/** The CEL pieces the rules rely on, each against the behaviour the API server's cel-go has. */
import { describe, expect, it } from 'vitest';

import {
  celGoMessage,
  compileRule,
  escapeProperty,
  toCel,
  usesOldSelf,
} from '../../../../src/core/manifests/crd/cel.js';
import { fieldPathSegments } from '../../../../src/core/manifests/crd/cel-check.js';
import { fieldError, goQuote, key } from '../../../../src/core/manifests/crd/field-error.js';
import { compileRe2 } from '../../../../src/core/manifests/crd/re2.js';

const run = (rule: string, self: unknown) => compileRule(rule)(self as never);

describe('Kubernetes CEL library functions used by the Karpenter rules', () => {
  it.each([
    ['find: leftmost match', `self.find("^([^/]+)")`, 'karpenter.sh/nodepool', 'karpenter.sh'],
    ['find: no match is the empty string', `self.find("^[^@]+")`, '@latest', ''],
    ['matches is an unanchored RE2 search', `self.matches('[0-9]+')`, 'al2023@latest', true],
    ['split (strings extension)', `self.split('@')[1]`, 'al2023@v20240807', 'v20240807'],
    [
      'startsWith / endsWith',
      `self.startsWith('kubernetes.io/cluster') && self.endsWith('owned')`,
      'kubernetes.io/cluster/owned',
      true,
    ],
    ['in on a list literal', `self.split('@')[0] in ['al2','al2023']`, 'al2@latest', true],
  ])('%s', (_name, rule, self, expected) => {
    expect(run(rule, self)).toEqual({ value: expected });
  });

  it('macros over lists and maps: all, exists, exists_one, filter, has, size', () => {
    const terms = toCel([{ id: 'sg-1' }, { tags: { a: 'b' } }], {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    });
    expect(run('self.all(x, has(x.id) || has(x.tags))', terms)).toEqual({ value: true });
    expect(run('self.exists_one(x, has(x.id))', terms)).toEqual({ value: true });
    expect(run('self.filter(x, has(x.tags)).size() == 1 && size(self) == 2', terms)).toEqual({ value: true });
    expect(run("self.exists(x, has(x.tags) && x.tags.all(k, x.tags[k] != ''))", terms)).toEqual({
      value: true,
    });
  });

  it('types integers as CEL ints so they compare with size() and int()', () => {
    const req = toCel(
      { values: ['a', 'b'], minValues: 2 },
      {
        type: 'object',
        properties: { values: { type: 'array', items: { type: 'string' } }, minValues: { type: 'integer' } },
      },
    );
    expect(run('self.values.size() >= self.minValues', req)).toEqual({ value: true });
    expect(run("int('12') >= 0", null)).toEqual({ value: true });
  });

  it('words runtime errors as cel-go does', () => {
    expect(
      run(
        'self.values.size() != 0',
        toCel({}, { type: 'object', properties: { values: { type: 'array' } } }),
      ),
    ).toEqual({ error: 'no such key: values' });
    expect(run("self.split('@')[1] == 'latest'", 'windows2022')).toEqual({ error: 'index out of bounds: 1' });
    expect(run('int(self) >= 0', 'four')).toEqual({ error: "type conversion error from 'string' to 'int'" });
    expect(celGoMessage('found no matching overload for _>_ applied to (string, int)')).toBe(
      'no such overload',
    );
  });

  it('rejects regular expressions RE2 does not support (no look-around)', () => {
    expect(() => compileRe2('(?<=a)b')).toThrow(/invalid named capture/);
    expect(compileRe2('^a+$').test('aaa')).toBe(true);
  });

  it('tells transition rules by the oldSelf variable, not by the word', () => {
    expect(usesOldSelf('self.group == oldSelf.group')).toBe(true);
    expect(usesOldSelf("self != 'oldSelf'")).toBe(false);
  });

  it('escapes property names the way Kubernetes does', () => {
    expect(escapeProperty('namespace')).toBe('__namespace__');
    expect(escapeProperty('foo-bar.baz')).toBe('foo__dash__bar__dot__baz');
    expect(escapeProperty('a__b')).toBe('a__underscores__b');
    expect(escapeProperty('9lives')).toBeUndefined();
  });

  it('reads a rule fieldPath into path steps', () => {
    expect(fieldPathSegments(".spec.tags['kubernetes.io/cluster']")).toEqual([
      'spec',
      'tags',
      key('kubernetes.io/cluster'),
    ]);
  });
});

describe('field errors', () => {
  it('quote like Go %q and render values like ErrorBody', () => {
    expect(goQuote('a"b\\c\n\x01')).toBe('"a\\"b\\\\c\\n\\x01"');
    expect(fieldError.invalid('spec.weight', 0, 'too small')).toBe(
      'spec.weight: Invalid value: 0: too small',
    );
    expect(fieldError.invalid('<nil>', null, 'x')).toBe('<nil>: Invalid value: null: x');
    expect(fieldError.tooMany('spec.x', 2, 1)).toBe('spec.x: Too many: 2: must have at most 1 item');
    expect(fieldError.tooLong('spec.x', 1)).toBe('spec.x: Too long: may not be more than 1 byte');
    expect(fieldError.notSupported('spec.x', 'c', ['a', 'b'])).toBe(
      'spec.x: Unsupported value: "c": supported values: "a", "b"',
    );
    expect(fieldError.required('spec.x')).toBe('spec.x: Required value');
    expect(fieldError.forbidden('spec.x', 'no')).toBe('spec.x: Forbidden: no');
    expect(fieldError.duplicate('spec.x[1]', 'a')).toBe('spec.x[1]: Duplicate value: "a"');
  });
});
