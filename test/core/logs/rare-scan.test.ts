/**
 * The rare-string search that sends routine lines the full way: the WebAssembly scan must answer exactly
 * what `Buffer.indexOf` for each string answers, line by line, wherever a string sits against the scan's
 * 16- and 32-byte steps, whether the chunk was read into the scanner's memory or copied there, and when
 * several readers take turns on one thread.
 */
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { leaseReadBuffer, RareStrings } from '../../../src/core/logs/rare-scan.js';
import { RARE_STRINGS } from '../../../src/core/logs/rare-scan-wasm.js';
import { describeShared, sharedPath } from '../../helpers/shared.js';

/** Lines of `chunk` (each ended by a newline) as [start, end) byte ranges. */
function lineRanges(chunk: Buffer): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < chunk.length;) {
    const newline = chunk.indexOf(10, start);
    const end = newline < 0 ? chunk.length : newline;
    ranges.push([start, end]);
    start = end + 1;
  }
  return ranges;
}

/** Per line: does one of the strings begin in it — by a plain search of the line's own bytes. */
function expected(chunk: Buffer): boolean[] {
  return lineRanges(chunk).map(([s, e]) => {
    const line = chunk.subarray(s, e).toString('latin1');
    return RARE_STRINGS.some((needle) => line.includes(needle));
  });
}

const answers = (rare: RareStrings, chunk: Buffer): boolean[] =>
  lineRanges(chunk).map(([s, e]) => rare.within(chunk, s, e));

/** A chunk copied into the scanner's read buffer, searched there, the buffer released afterwards. */
function inReadBuffer<T>(chunk: Buffer, use: (placed: Buffer) => T): T {
  const lease = leaseReadBuffer(chunk.length);
  expect(lease, 'a read buffer in the scanner memory').toBeDefined();
  try {
    chunk.copy(lease!.buffer);
    return use(lease!.buffer.subarray(0, chunk.length));
  } finally {
    lease!.release();
  }
}

/** A pseudo-random generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Lines of log-like text with the strings, their prefixes and near misses planted at every offset. */
function plantedChunk(seed: number): Buffer {
  const next = random(seed);
  const filler =
    '{"level":"INFO","logger":"controller","message":"registered nodeclaim","reconcileID":"3-0a1b"}';
  const pieces = [...RARE_STRINGS, 'rro', 'rrr', 'rroR', 'ven', 'vent"', 'vent:', 'er', 'rr', 've', '\u001a'];
  const lines: string[] = [];
  for (let i = 0; i < 400; i += 1) {
    const cut = Math.floor(next() * filler.length);
    let line = filler.slice(0, cut);
    const plants = Math.floor(next() * 3);
    for (let k = 0; k < plants; k += 1)
      line += pieces[Math.floor(next() * pieces.length)]! + filler.slice(0, 7);
    lines.push(line + filler.slice(cut));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'latin1');
}

describe('RareStrings', () => {
  it('uses the module the build script assembles now (rare-scan-wasm.ts is not stale)', async () => {
    const script = new URL('../../../scripts/build-rare-scan.mjs', import.meta.url).href;
    const { rareScanModule } = (await import(script)) as {
      rareScanModule: () => Promise<string>;
    };
    const committed = readFileSync(
      new URL('../../../src/core/logs/rare-scan-wasm.ts', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(await rareScanModule());
  });

  it('runs in WebAssembly here: without it every routine line would be searched four times slower', () => {
    const lease = leaseReadBuffer(1024);
    expect(lease).toBeDefined();
    lease!.release();
  });

  it('finds what Buffer.indexOf finds, at every offset against the scan steps', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const chunk = plantedChunk(seed);
      const want = expected(chunk);
      expect(want.some(Boolean) && !want.every(Boolean)).toBe(true);
      expect(answers(new RareStrings({ wasm: false }), chunk)).toEqual(want);
      expect(answers(new RareStrings(), chunk)).toEqual(want);
      expect(inReadBuffer(chunk, (placed) => answers(new RareStrings(), placed))).toEqual(want);
    }
  });

  it('finds a string wherever it starts within 64 bytes of a line start, and the line it starts in', () => {
    for (const needle of RARE_STRINGS) {
      for (let at = 0; at < 64; at += 1) {
        const line = `${'a'.repeat(at)}${needle}${'b'.repeat(70 - at)}`;
        const chunk = Buffer.from(`${'x'.repeat(at)}\n${line}\n${'c'.repeat(90)}\n`, 'latin1');
        expect(answers(new RareStrings(), chunk)).toEqual([false, true, false]);
        expect(inReadBuffer(chunk, (placed) => answers(new RareStrings(), placed))).toEqual([
          false,
          true,
          false,
        ]);
      }
    }
  });

  it('stays right when readers on one thread take turns on the copy area', () => {
    const first = plantedChunk(101);
    const second = plantedChunk(202);
    const [a, b] = [new RareStrings(), new RareStrings()];
    const rangesA = lineRanges(first);
    const rangesB = lineRanges(second);
    const gotA: boolean[] = [];
    const gotB: boolean[] = [];
    for (let i = 0; i < Math.max(rangesA.length, rangesB.length); i += 1) {
      if (rangesA[i]) gotA.push(a.within(first, ...rangesA[i]!));
      if (rangesB[i]) gotB.push(b.within(second, ...rangesB[i]!));
    }
    expect(gotA).toEqual(expected(first));
    expect(gotB).toEqual(expected(second));
  });

  it('searches a chunk too large for the copy area with Buffer.indexOf, with the same answers', () => {
    const parts: Buffer[] = [];
    for (let seed = 1; parts.reduce((n, p) => n + p.length, 0) < 1.5 * 1024 * 1024; seed += 1)
      parts.push(plantedChunk(seed));
    const chunk = Buffer.concat(parts);
    expect(answers(new RareStrings(), chunk)).toEqual(expected(chunk));
  });

  it('lends one read buffer at a time, and none larger than its area', () => {
    const lease = leaseReadBuffer(256 * 1024);
    expect(lease?.buffer.length).toBe(256 * 1024);
    expect(leaseReadBuffer(16)).toBeUndefined();
    lease!.release();
    lease!.release();
    const again = leaseReadBuffer(16);
    expect(again).toBeDefined();
    again!.release();
    expect(leaseReadBuffer(4 * 1024 * 1024)).toBeUndefined();
  });
});

describeShared('RareStrings on the real logs', () => {
  it('answers every line of every fixture log as a search of the line does, read in 64 KiB chunks', () => {
    const dir = sharedPath('fixtures', 'karpenter-logs');
    const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(5);
    let hits = 0;
    let lines = 0;
    for (const file of files) {
      const bytes = readFileSync(`${dir}/${file}`);
      const end = bytes.lastIndexOf(10) + 1;
      const rare = new RareStrings();
      // Chunks cut at line ends, as ByteLines hands lines: a line never spans two chunks here.
      for (let from = 0; from < end;) {
        let to = Math.min(end, from + 64 * 1024);
        if (to < end) to = bytes.lastIndexOf(10, to - 1) + 1;
        if (to <= from) to = bytes.indexOf(10, from) + 1;
        const chunk = bytes.subarray(from, to);
        const want = expected(chunk);
        expect(answers(rare, chunk), `${file} at byte ${from}`).toEqual(want);
        hits += want.filter(Boolean).length;
        lines += want.length;
        from = to;
      }
    }
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThan(lines);
  });
});
