/**
 * Routine lines are counted from their bytes (routine-lines.ts) instead of being decoded and classified.
 * Whatever the lines and wherever the chunks are cut, the diagnosis must be exactly the one reading every
 * line the full way gives — counts, first/last seen, activity, version evidence, examples, line numbers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { SourceReader } from '../../../src/core/explain-logs/analyse.js';
import { Diagnosis } from '../../../src/core/explain-logs/diagnosis.js';
import { buildReport } from '../../../src/core/explain-logs/report.js';
import { HELD, RECORD, RoutineLines } from '../../../src/core/explain-logs/routine-lines.js';
import { MAX_LINE_CHARS } from '../../../src/core/logs/lines.js';

afterEach(() => vi.restoreAllMocks());

const at = (i: number): string => new Date(Date.UTC(2025, 0, 1, 0, 0, 0) + i * 1000).toISOString();
const line = (fields: Record<string, unknown>): string => JSON.stringify(fields);
const routine = (i: number, message: string, extra: Record<string, unknown> = {}, level = 'INFO'): string =>
  line({
    level,
    time: at(i),
    logger: 'controller',
    message,
    commit: i < 300 ? 'abc1234' : 'def5678',
    ...extra,
  });

/** A v1 log whose routine lines vary in every way the fast path must notice. */
function mixedLog(): string {
  const out: string[] = [];
  for (let i = 0; i < 600; i += 1) {
    const k = i % 20;
    if (k === 0) out.push(routine(i, 'found provisionable pod(s)', { Pods: `default/p-${i}` }));
    else if (k === 1) out.push(routine(i, 'registered nodeclaim', { NodeClaim: { name: `default-${i}` } }));
    else if (k === 2) out.push(routine(i, 'computed new nodeclaim(s) to fit pod(s)', {}, 'DEBUG'));
    else if (k === 3) out.push(routine(i, 'registered nodeclaim', { error: 'oops' }));
    else if (k === 4) out.push(routine(i, 'tainted node', { event: { reason: 'x' } }));
    else if (k === 5)
      out.push(routine(i, 'registered nodeclaim', { 'aws-error-code': 'UnauthorizedOperation' }));
    else if (k === 6) out.push(routine(i, 'found provisionable pod(s) "quoted"'));
    else if (k === 7) out.push(routine(i, 'deleted node ü'));
    else if (k === 8) out.push(`${at(i)} ${routine(i, 'tainted node')}`);
    else if (k === 9) out.push(`${routine(i, 'tainted node')}\r`);
    else if (k === 10)
      out.push(routine(i, 'tainted node'), '  goroutine 1 [running]:', 'caused by: something');
    else if (k === 11)
      out.push(routine(i, 'launched nodeclaim', { 'instance-type': 'm5.large', zone: 'us-west-2a' }));
    else if (k === 12)
      out.push(
        line({
          level: 'ERROR',
          time: at(i),
          logger: 'controller',
          message: 'failed launching nodeclaim',
          commit: 'abc1234',
          error:
            'creating instance, insufficient capacity, with fleet error(s), InsufficientInstanceCapacity: We currently do not have sufficient m5.large capacity in the Availability Zone you requested (us-west-2a).',
        }),
      );
    else if (k === 13) out.push(routine(i, 'tainted node', { commit: 'odd\\"commit' }));
    else if (k === 14) out.push(routine(i, 'tainted node').replace(at(i), '2025-01-01 00:00:00'));
    else if (k === 15) out.push('', routine(i, 'deleted node', { commit: 'fff0000' }));
    else if (k === 16) out.push(routine(i, 'tainted node', { pad: 'x'.repeat(MAX_LINE_CHARS) }));
    else if (k === 17)
      out.push('{', `  "level": "INFO", "time": "${at(i)}",`, '  "message": "tainted node"', '}');
    else if (k === 18 && i % 60 === 18) out.push(routine(i, 'Initializing with version v0.16.3'));
    else if (k === 18 && i % 60 === 38) out.push(routine(i, 'tainted node \u001b[0m'));
    // A raw escape byte inside the record (a colouring tool), not a JSON escape.
    else if (k === 18)
      out.push(routine(i, 'tainted node').replace('"logger":', '"colour":"\u001b[1m","logger":'));
    // Records read from their bytes whose commit changes, is missing or is not a string, and whose
    // classification reads a field.
    else if (k === 19 && i % 80 === 19)
      out.push(routine(i, 'launched nodeclaim', { commit: 'aaa9999', 'capacity-type': 'spot' }));
    else if (k === 19 && i % 80 === 39)
      out.push(
        routine(i, 'launched nodeclaim', { 'capacity-type': 'on-demand' }).replace(/"commit":"\w+",/, ''),
      );
    else if (k === 19 && i % 80 === 59) out.push(routine(i, 'launched nodeclaim', { commit: 5 }));
    // A commit written before the message, in a counted line and in a record read from its bytes.
    else if (k === 19 && i % 80 === 79)
      out.push(
        line({
          level: 'INFO',
          time: at(i),
          commit: 'bbb1111',
          logger: 'controller',
          message: 'tainted node',
        }),
        line({ level: 'INFO', time: at(i), logger: 'x', commit: 'ccc2222', message: 'launched nodeclaim' }),
      );
    else out.push(routine(i, 'deleted nodeclaim', { 'instance-type': 'c5.large' }, 'DEBUG'));
  }
  return `\uFEFF${out.join('\n')}\n${routine(601, 'tainted node')}`;
}

function analyse(text: Buffer, chunkBytes: number, fast: boolean) {
  const diagnosis = new Diagnosis();
  const reader = new SourceReader(diagnosis, 'mixed.log', 0, { routine: fast });
  for (let i = 0; i < text.length; i += chunkBytes) reader.read(text.subarray(i, i + chunkBytes));
  diagnosis.stats.addSource('mixed.log', { ...reader.end(), gzip: false });
  // The report, and the version evidence behind it (which the report only summarises).
  return { report: buildReport(diagnosis), versions: diagnosis.versions };
}

describe('routine lines', () => {
  it('are counted from their bytes with exactly the effect of reading them in full', () => {
    // Given a log mixing routine lines with every variation that must be read in full
    const text = Buffer.from(mixedLog());
    const read = vi.spyOn(RoutineLines.prototype, 'read');
    const expected = analyse(text, text.length, false);
    expect(expected.report.problems.length).toBeGreaterThan(3);
    for (const chunkBytes of [text.length, 65536, 4096, 333, 7, 1]) {
      read.mockClear();
      // When it is read with the routine-line path, in chunks of any size
      const actual = analyse(text, chunkBytes, true);
      // Then the diagnosis is the same
      expect(actual, `chunks of ${chunkBytes} bytes`).toEqual(expected);
      // And many lines were counted from their bytes, or read as records without decoding them
      const verdicts = read.mock.results.map((r) => r.value as number);
      expect(verdicts.filter((v) => v === HELD).length, `chunks of ${chunkBytes} bytes`).toBeGreaterThan(80);
      expect(verdicts.filter((v) => v === RECORD).length, `chunks of ${chunkBytes} bytes`).toBeGreaterThan(
        20,
      );
    }
  });

  it('keeps a continuation line with the routine line before it', () => {
    // Given a routine message seen once, then again with a stack line after it
    const text = Buffer.from(
      [
        routine(1, 'tainted node'),
        routine(2, 'tainted node'),
        'panic: runtime error: invalid memory address or nil pointer dereference',
        routine(3, 'tainted node'),
        '\tgithub.com/aws/karpenter/pkg/controllers/node.go:42',
        routine(4, 'tainted node'),
      ].join('\n'),
    );
    // When read with and without the routine path; Then the results agree
    expect(analyse(text, 16, true)).toEqual(analyse(text, text.length, false));
  });
});

/** `text` in chunks of `size` bytes, every one in the same buffer: a chunk is overwritten once the next is asked for. */
function* oneBuffer(text: Buffer, size: number): Generator<Buffer> {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < text.length; i += size) {
    buffer.fill(0x7d);
    const length = text.copy(buffer, 0, i, i + size);
    yield buffer.subarray(0, length);
  }
}

describe('chunks whose memory is reused', () => {
  it('give the diagnosis fresh chunks give: the reader keeps nothing of a chunk once it asks for the next', async () => {
    // Given the mixed log, and its diagnosis read from fresh chunks
    const text = Buffer.from(mixedLog());
    const expected = analyse(text, text.length, false);
    for (const size of [65536, 4096, 333, 7]) {
      // When it is read from one buffer refilled for every chunk (as a ring buffer on stdin is)
      const diagnosis = new Diagnosis();
      const reader = new SourceReader(diagnosis, 'mixed.log');
      await reader.readAll(oneBuffer(text, size));
      diagnosis.stats.addSource('mixed.log', { ...reader.end(), gzip: false });
      // Then nothing read later came from the bytes that replaced a held line's
      expect({ report: buildReport(diagnosis), versions: diagnosis.versions }, `${size}-byte chunks`).toEqual(
        expected,
      );
    }
  });
});

describe('routine records', () => {
  it('carry the logger the line names, however it is written', () => {
    // Given a record message seen once, then with loggers that change, escape, leave ASCII or come late
    const launched = (i: number, fields: Record<string, unknown>): string =>
      line({
        level: 'INFO',
        time: at(i),
        ...fields,
        NodeClaim: { name: `default-${i}` },
        zone: 'us-west-2a',
      });
    const lines = [
      launched(0, { logger: 'controller', message: 'launched nodeclaim' }),
      launched(1, { logger: 'controller', message: 'launched nodeclaim' }),
      launched(2, { logger: 'controller.nodeclaim', message: 'launched nodeclaim' }),
      launched(3, { logger: 'controller', message: 'launched nodeclaim' }),
      launched(4, { logger: 'contr"oller', message: 'launched nodeclaim' }),
      launched(5, { logger: 'contrôleur', message: 'launched nodeclaim' }),
      launched(6, { logger: '', message: 'launched nodeclaim' }),
      launched(7, { message: 'launched nodeclaim', logger: 'after-message' }),
      launched(8, { message: 'launched nodeclaim' }),
      launched(9, { logger: 'controller', message: 'launched nodeclaim' }),
    ];
    const read = RoutineLines.prototype.read;
    const seen: Array<{ line: string; logger: string | undefined }> = [];
    vi.spyOn(RoutineLines.prototype, 'read').mockImplementation(function (this: RoutineLines, b, s, e) {
      const verdict = read.call(this, b, s, e);
      if (verdict === RECORD) seen.push({ line: this.line, logger: this.fields?.logger });
      return verdict;
    });
    // When they are read
    const diagnosis = new Diagnosis();
    const reader = new SourceReader(diagnosis, 'loggers.log');
    reader.read(Buffer.from(`${lines.join('\n')}\n`));
    reader.end();
    // Then every line after the second (the first is learned once the second ends it) was read from its
    // bytes, with the logger its JSON holds
    expect(seen.map((s) => s.line)).toEqual(lines.slice(2));
    for (const { line: text, logger } of seen)
      expect(logger, text).toBe((JSON.parse(text) as { logger?: string }).logger);
  });
});
