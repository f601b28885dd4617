/**
 * Hostile input: nothing crashes, nothing hangs, memory stays bounded, and the summary says what was read.
 * The bytes come in as stdin does, through the file-system adapter (which recognises gzip).
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { logFileInputs } from '../../../src/adapters/fs/log-files.js';
import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { renderExplanation } from '../../../src/core/explain-logs/text.js';
import { MAX_LINE_CHARS } from '../../../src/core/logs/lines.js';
import { plainStyle } from '../../../src/core/format/style.js';
import { isSpotctlError } from '../../../src/core/errors.js';

const ERROR_LINE = JSON.stringify({
  level: 'ERROR',
  time: '2025-01-01T00:00:00.000Z',
  logger: 'controller',
  message: 'failed launching nodeclaim',
  error:
    'insufficient capacity, with fleet error(s), InsufficientInstanceCapacity: We currently do not have sufficient m5.large capacity in the Availability Zone you requested (us-east-1a).',
});

const explain = async (chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) =>
  explainLogs([await logFileInputs(Readable.from(chunks, { objectMode: true })).open('-')]);

/** A deterministic pseudo-random byte generator: the same "garbage" every run. */
function garbage(length: number, seed = 42): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

describe('hostile input', () => {
  it('empty input: zero lines, no problems, a clear summary', async () => {
    const result = await explain([]);
    expect(result.stats).toMatchObject({ lines: 0, bytes: 0, records: 0 });
    expect(result.problems).toEqual([]);
    expect(renderExplanation(result, plainStyle)).toContain('No log records found');
  });

  it('binary garbage: read to the end without throwing', async () => {
    const result = await explain([garbage(256 * 1024)]);
    expect(result.stats.bytes).toBe(256 * 1024);
    expect(result.stats.lines).toBeGreaterThan(0);
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(() => renderExplanation(result, plainStyle)).not.toThrow();
  });

  it('invalid UTF-8 around a real error: the error is still found', async () => {
    const input = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]),
      Buffer.from(`${ERROR_LINE}\n`),
      Buffer.from([0xe2, 0x82]),
    ]);
    const result = await explain([input]);
    expect(result.problems.map((p) => p.id)).toContain('insufficient_instance_capacity');
    expect(result.stats.lines).toBe(3);
  });

  it('a UTF-8 character split across chunks decodes intact', async () => {
    const text = Buffer.from(`{"level":"ERROR","message":"Reconciler error","error":"naïve €"}\n`);
    const at = text.indexOf(0xe2) + 1;
    const result = await explain([text.subarray(0, at), text.subarray(at)]);
    expect(result.unrecognized.lines[0]?.line).toContain('naïve €');
  });

  it('a 50 MB single line: only its start is kept, the error after it is found', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    async function* fiftyMegabyteLine() {
      for (let i = 0; i < 50; i += 1) yield chunk;
      yield Buffer.from(`\n${ERROR_LINE}\n`);
    }
    const before = process.memoryUsage().heapUsed;
    const result = await explain(fiftyMegabyteLine());
    expect(result.stats).toMatchObject({
      lines: 2,
      truncatedLines: 1,
      bytes: 50 * 1024 * 1024 + ERROR_LINE.length + 2,
    });
    expect(result.problems.map((p) => p.id)).toContain('insufficient_instance_capacity');
    // Far below the line's size: the line was never held whole.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(30 * 1024 * 1024);
    expect(MAX_LINE_CHARS).toBeLessThanOrEqual(64 * 1024);
  });

  it('truncated JSON: still recognised from its text, never thrown', async () => {
    const truncated = ERROR_LINE.slice(0, ERROR_LINE.length - 20);
    const result = await explain([
      Buffer.from(
        `${truncated}\n{"level":"INFO","message":"unterminated\n{\n  "level": "ERROR",\n  "message": "Reconciler err`,
      ),
    ]);
    expect(result.problems.map((p) => p.id)).toContain('insufficient_instance_capacity');
    // The unterminated pretty record at the end is flushed as text, as an unrecognised error line.
    expect(result.unrecognized.total).toBe(1);
  });

  it('gzip is detected by its magic bytes and read transparently, across chunks', async () => {
    const gz = gzipSync(Buffer.from(`${ERROR_LINE}\n`.repeat(1000)));
    const result = await explain([gz.subarray(0, 1), gz.subarray(1, 100), gz.subarray(100)]);
    expect(result.stats.sources[0]).toMatchObject({ gzip: true, lines: 1000 });
    expect(result.stats.formats.gzip).toBe(1);
    expect(result.problems.find((p) => p.id === 'insufficient_instance_capacity')?.count).toBe(1000);
  });

  it('corrupt gzip: an input error naming the source, not a crash', async () => {
    const gz = gzipSync(Buffer.from(`${ERROR_LINE}\n`.repeat(100)));
    const corrupt = Buffer.concat([gz.subarray(0, 40), garbage(200)]);
    const error = await explain([corrupt]).catch((e: unknown) => e);
    expect(isSpotctlError(error) && error.code).toBe('BAD_GZIP');
    expect(isSpotctlError(error) && error.exitCode).toBe(3);
  });

  it('many distinct unrecognised lines: listed up to a cap, the rest counted', async () => {
    const lines = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({
        level: 'ERROR',
        message: `mystery ${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'ABCDEFGHIJKLMNOP'[i % 16]}${'qrstu'[i % 5]}`,
      }),
    );
    const result = await explain([Buffer.from(lines.join('\n'))]);
    expect(result.unrecognized.total).toBe(300);
    expect(result.unrecognized.lines.length).toBe(50);
    expect(result.unrecognized.more + result.unrecognized.lines.reduce((n, l) => n + l.count, 0)).toBe(300);
  });

  it('a long log keeps a bounded timeline: head and tail, the middle counted', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) =>
      JSON.stringify({
        level: 'INFO',
        time: new Date(Date.UTC(2025, 0, 1) + i * 120_000).toISOString(),
        logger: 'controller',
        message: 'launched nodeclaim',
        'instance-type': 'm5.large',
        zone: 'us-east-1a',
        'capacity-type': 'spot',
        NodeClaim: { name: `default-${String(i).padStart(5, '0')}` },
      }),
    );
    const result = await explain([Buffer.from(lines.join('\n'))]);
    expect(result.timeline.events.length).toBe(200);
    expect(result.timeline.omitted).toBe(4800);
    expect(result.timeline.events.at(-1)?.summary).toContain('default-04999');
    expect(result.problems.find((p) => p.id === 'nodeclaim_launched')?.count).toBe(5000);
  });
});
