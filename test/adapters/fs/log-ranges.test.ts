/**
 * A large file is read in byte ranges whose diagnoses are merged in order (by the adapter, with the core's
 * `analyseRange` for each range). Whatever the cut, the diagnosis must be the one a single pass gives:
 * counts, first/last seen, examples and their line numbers, the bounded timeline, blocked offerings,
 * unrecognised lines.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, expect, it } from 'vitest';

import {
  inThisThread,
  readFileInRanges,
  readRangeSync,
  type RangeAnalyser,
} from '../../../src/adapters/fs/log-ranges.js';
import { cutPoints } from '../../../src/adapters/fs/range-plan.js';
import { analyseSource } from '../../../src/core/explain-logs/analyse.js';
import { Diagnosis } from '../../../src/core/explain-logs/diagnosis.js';
import { buildReport } from '../../../src/core/explain-logs/report.js';
import { describeShared, readShared, sharedPath } from '../../helpers/shared.js';

const NAME = 'all.log';
const dir = mkdtempSync(join(tmpdir(), 'spotctl-log-ranges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every real fixture, concatenated: all formats, pretty-printed records and continuation lines. */
const allFixtures = (): string =>
  readdirSync(sharedPath('fixtures/karpenter-logs'))
    .filter((file) => file.endsWith('.log'))
    .sort()
    .map((file) => readShared('fixtures/karpenter-logs', file))
    .join('');

/** Error lines no knowledge-base entry explains: 80 templates, more than the 50 the result keeps. */
const unknownErrors = (round: number): string =>
  Array.from({ length: 80 }, (_, i) => {
    const template = String.fromCharCode(97 + (i % 26)).repeat(1 + Math.floor(i / 26));
    const time = new Date(Date.UTC(2025, 0, 1, round, 0, i)).toISOString();
    return `{"level":"ERROR","time":"${time}","logger":"controller","message":"mystery ${template} went wrong on try ${round * 100 + i}"}\n`;
  }).join('');

async function onePass(text: string) {
  const diagnosis = await analyseSource({ name: NAME, chunks: [Buffer.from(text)] });
  return buildReport(diagnosis);
}

let merged = 0;

/** The file cut before line `cut` (0-based) and read in two ranges. */
async function inTwoRanges(lines: string[], cut: number) {
  const path = join(dir, `cut-${cut}.log`);
  writeFileSync(path, lines.join(''));
  const start = Buffer.byteLength(lines.slice(0, cut).join(''));
  const into = new Diagnosis();
  // The second range was merged (not read again here) when a merge comes with the cut's line offset.
  const merge = into.merge.bind(into);
  let absorbed = false;
  into.merge = (later, lineOffset) => {
    absorbed ||= lineOffset > 0;
    merge(later, lineOffset);
  };
  const read = await readFileInRanges(
    { path, name: NAME, size: Buffer.byteLength(lines.join('')), threads: 2 },
    into,
    // The second range analysed in this thread, by the function the worker threads call.
    { starts: [0, start], analysers: [inThisThread] },
  );
  into.stats.addSource(NAME, read!);
  rmSync(path);
  if (absorbed) merged += 1;
  return { result: buildReport(into), absorbed };
}

describeShared('reading a log in ranges', () => {
  it('gives the one-pass diagnosis wherever the log is cut', async () => {
    // Given every real fixture and unexplained error lines in one log, and its one-pass diagnosis
    const text = allFixtures() + unknownErrors(0);
    const lines = text.split(/(?<=\n)/);
    const expected = await onePass(text);
    expect(expected.problems.length).toBeGreaterThan(20);
    let absorbed = 0;
    // When it is cut at every 7th line and read in two ranges
    for (let cut = 1; cut < lines.length; cut += 7) {
      const actual = await inTwoRanges(lines, cut);
      if (actual.absorbed) absorbed += 1;
      // Then the diagnosis is the same
      expect(actual.result, `cut before line ${cut + 1}`).toEqual(expected);
    }
    // And most cuts were merged (not read again), so the merge itself was exercised
    expect(absorbed).toBeGreaterThan(lines.length / 7 / 2);
  });

  it('reads again, in order, the ranges a thread claimed but did not finish', async () => {
    // Given a log cut into four ranges, and a thread that claims two of them and dies
    const text = allFixtures() + unknownErrors(0);
    const lines = text.split(/(?<=\n)/);
    const expected = await onePass(text);
    const path = join(dir, 'dies.log');
    writeFileSync(path, text);
    const at = (line: number) => Buffer.byteLength(lines.slice(0, line).join(''));
    const quarter = Math.floor(lines.length / 4);
    const dies: RangeAnalyser = {
      run: (_job, claims) => {
        Atomics.add(claims, 0, 2);
        return Promise.resolve(new Map());
      },
      close: () => undefined,
    };
    // When the file is read with it beside this thread
    const into = new Diagnosis();
    const read = await readFileInRanges(
      { path, name: NAME, size: Buffer.byteLength(text), threads: 2 },
      into,
      { starts: [0, at(quarter), at(2 * quarter), at(3 * quarter)], analysers: [dies] },
    );
    into.stats.addSource(NAME, read!);
    // Then nothing is lost: the diagnosis is the one-pass one
    expect(buildReport(into)).toEqual(expected);
  });

  it('merges the bounded timeline and unrecognised lines exactly when both ranges overflow them', async () => {
    // Given a log long enough that the timeline and the unrecognised lines are capped in each half
    const fixtures = allFixtures();
    const text = [0, 1, 2, 3, 4, 5].map((round) => fixtures + unknownErrors(round)).join('');
    const lines = text.split(/(?<=\n)/);
    const expected = await onePass(text);
    expect(expected.timeline.omitted).toBeGreaterThan(0);
    expect(expected.unrecognized.more).toBeGreaterThan(0);
    const cuts = [lines.length / 3, lines.length / 2 + 3, lines.length - 100, lines.length - 30];
    for (const cut of cuts.map(Math.floor)) {
      // When it is read in two ranges; Then the diagnosis is the same
      const actual = await inTwoRanges(lines, cut);
      expect(actual.result, `cut before line ${cut + 1}`).toEqual(expected);
    }
    expect(merged).toBeGreaterThan(0);
  });
});

it('cuts a file into shrinking ranges, so the threads finish close together', () => {
  const MB = 1024 * 1024;
  // Given a 300 MB file for two threads / When it is cut
  const size = 300 * MB;
  const cuts = cutPoints(size, 2);
  const pieces = [...cuts, size].map((end, i) => end - (i === 0 ? 0 : cuts[i - 1]!));
  // Then the first range is a quarter of the file and each later one no larger than the one before
  expect(pieces[0]).toBe(75 * MB);
  for (let i = 1; i < pieces.length - 1; i += 1) expect(pieces[i]).toBeLessThanOrEqual(pieces[i - 1]!);
  // And the last ranges are a few MB, not a sixth of a thread's share, with none smaller than 2 MB
  expect(Math.max(...pieces.slice(-3))).toBeLessThanOrEqual(4 * MB + 2 * MB);
  expect(Math.min(...pieces)).toBeGreaterThanOrEqual(2 * MB);
  expect(pieces.reduce((a, b) => a + b, 0)).toBe(size);
  expect(pieces.length).toBeLessThanOrEqual(20);
  // And a file of a few pieces is cut into few ranges, one that is too small not at all
  expect(cutPoints(10 * MB, 2).length).toBeLessThanOrEqual(2);
  expect(cutPoints(5 * MB, 2)).toEqual([]);
});

it('starts no more worker threads than the file is worth, whatever the machine offers', async () => {
  // Given a file of 64 MiB (two threads' worth) on a machine that offers four
  const path = join(dir, 'two-threads.log');
  const line =
    '{"level":"INFO","time":"2025-01-01T00:00:00Z","logger":"controller","message":"found provisionable pod(s)"}\n';
  writeFileSync(path, line.repeat(4));
  let started = 0;
  const counted = (): RangeAnalyser => {
    started += 1;
    return inThisThread;
  };
  // When it is read in ranges (its size stated, its cuts given)
  const into = new Diagnosis();
  await readFileInRanges({ path, name: NAME, size: 64 * 1024 * 1024, threads: 4 }, into, {
    starts: [0, 2 * line.length],
    worker: counted,
  });
  // Then one worker is started beside this thread, not three
  expect(started).toBe(1);
});

it('reads a byte range with blocking reads exactly, each chunk valid until the next is asked for', () => {
  // Given a file of 1,000 bytes
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
  const path = join(dir, 'bytes.bin');
  writeFileSync(path, bytes);
  for (const [start, end, chunk] of [
    [0, undefined, 64],
    [100, 700, 64],
    [100, 164, 64],
    [999, undefined, 7],
    [1000, undefined, 64],
    [300, 300, 64],
  ] as const) {
    // When a range is read in chunks, each copied before the next is asked for (as the reader does)
    const copies: Buffer[] = [];
    for (const c of readRangeSync(path, start, end, chunk)) copies.push(Buffer.from(c));
    // Then the chunks are the range's bytes, none longer than asked
    expect(Buffer.concat(copies), `${start}-${end}`).toEqual(bytes.subarray(start, end));
    expect(copies.every((c) => c.length > 0 && c.length <= chunk)).toBe(true);
  }
});
