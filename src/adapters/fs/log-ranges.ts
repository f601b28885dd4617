/**
 * One large regular file read by several threads: the file is cut into byte ranges at record starts, each
 * range but the first is analysed in a worker thread (log-range-worker.ts, which calls the core's
 * `analyseRange`) while this thread reads the first, and the range diagnoses are merged here in file
 * order. The result is exactly that of reading the file in one pass: a range whose diagnosis cannot
 * be merged exactly (it starts inside a record, the range before it ended inside a pretty-printed object,
 * a bound was reached) is read again here, in order, by the same reader.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

import { SourceReader, type RangeAnalysis } from '../../core/explain-logs/analyse.js';
import { Diagnosis } from '../../core/explain-logs/diagnosis.js';
import type { SourceSummary } from '../../core/explain-logs/log-stats.js';
import { decodeLine } from '../../core/logs/decode.js';
import { MAX_LINE_CHARS } from '../../core/logs/lines.js';

/** Below this a range is not worth a thread's start-up (~0.1 s). */
const MIN_RANGE_BYTES = 32 * 1024 * 1024;
/** How far past a cut the next record start is looked for; a longer line just leaves the cut out. */
const ALIGN_WINDOW = 256 * 1024;
const CHUNK_BYTES = 256 * 1024;
/**
 * Smaller reads in workers: times kept from a line (last seen) pin the read chunk they were cut from, and
 * with 256 KiB chunks that alone costs tens of MB per thread.
 */
export const WORKER_CHUNK_BYTES = 64 * 1024;
/**
 * Young-generation cap per worker: V8's default lets each thread's grow to ~48 MB, more than the analysis
 * needs; much smaller costs throughput in extra scavenges (24 MB measured fastest within the memory target).
 */
const WORKER_YOUNG_MB = 24;

export interface RangeTask {
  path: string;
  name: string;
  start: number;
  /** Exclusive; undefined: to the end of the file. */
  end?: number;
}

/** Analyses one range somewhere (a worker thread, or this thread in tests); undefined when it could not. */
export type RangeRunner = (task: RangeTask) => Promise<RangeAnalysis | undefined>;

export const readRange = (
  path: string,
  start: number,
  end: number | undefined,
  chunkBytes = CHUNK_BYTES,
): AsyncIterable<Uint8Array> =>
  createReadStream(path, { start, end: end === undefined ? undefined : end - 1, highWaterMark: chunkBytes });

/**
 * Offset in `bytes` (which follow some line's first byte) of the first whole line that begins a record
 * of its own — not a stack-trace or `caused by:` line that belongs to the record before it.
 */
function recordStart(bytes: Buffer): number | undefined {
  let start = bytes.indexOf(10) + 1;
  for (let tries = 0; start > 0 && tries < 100; tries += 1) {
    const end = bytes.indexOf(10, start);
    if (end < 0 || end - start >= MAX_LINE_CHARS) return undefined;
    if (decodeLine(bytes.toString('utf8', start, end)).kind !== 'continuation') return start;
    start = end + 1;
  }
  return undefined;
}

/** Byte offsets where ranges start (the first is 0); fewer than asked when lines are too long to cut at. */
export async function rangeStarts(path: string, size: number, ranges: number): Promise<number[]> {
  const handle = await open(path);
  try {
    const starts = [0];
    const window = Buffer.alloc(ALIGN_WINDOW);
    for (let k = 1; k < ranges; k += 1) {
      // From the byte before the cut, so a cut that already is a line start stays where it is.
      const from = Math.floor((k * size) / ranges) - 1;
      const { bytesRead } = await handle.read(window, 0, ALIGN_WINDOW, from);
      const start = recordStart(window.subarray(0, bytesRead));
      if (start !== undefined && from + start > starts[starts.length - 1]! && from + start < size)
        starts.push(from + start);
    }
    return starts;
  } finally {
    await handle.close();
  }
}

/** Analyse a range in a worker thread; undefined on any failure (the range is then read here). */
export const inWorker: RangeRunner = (task) =>
  new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./log-range-worker.js', import.meta.url), {
        workerData: task,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (analysis: RangeAnalysis) => resolve(analysis));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });

/**
 * Whether range `i`'s own analysis (i > 0) is what the stream would give for its lines: it starts a record
 * of its own, and the next range starts one too — a line
 * that continues a record must be read after it, not on its own.
 */
function mergeable(analyses: Array<RangeAnalysis | undefined>, i: number): boolean {
  const analysis = analyses[i]!;
  if (!analysis.startsClean) return false;
  if (i === analyses.length - 1) return true;
  return !analysis.endedOpen && analyses[i + 1]?.startsClean === true;
}

export interface RangedFile {
  path: string;
  name: string;
  size: number;
  threads: number;
}

/**
 * Read the regular file into `into` using up to `threads` threads. Returns what was read, or undefined
 * when the file is not worth splitting (small, lines too long to cut): the caller then reads it as a
 * stream. `starts` and `run` are for tests: given cut points, ranges analysed in this thread.
 */
export async function readFileInRanges(
  file: RangedFile,
  into: Diagnosis,
  { starts, run = inWorker }: { starts?: number[]; run?: RangeRunner } = {},
): Promise<SourceSummary | undefined> {
  if (!starts) {
    const ranges = Math.min(file.threads, Math.floor(file.size / MIN_RANGE_BYTES));
    if (ranges < 2) return undefined;
    starts = await rangeStarts(file.path, file.size, ranges);
  }
  if (starts.length < 2) return undefined;
  const cuts = starts;
  const endOf = (i: number): number | undefined => cuts[i + 1];
  // The first range is read here while the others are analysed in parallel; whether one of those can be
  // merged depends on the next one's start too.
  const running = Promise.all(
    cuts.slice(1).map((start, k) => run({ path: file.path, name: file.name, start, end: endOf(k + 1) })),
  );
  let reader = new SourceReader(into, file.name);
  await reader.readAll(readRange(file.path, 0, endOf(0)));
  const analyses: Array<RangeAnalysis | undefined> = [undefined, ...(await running)];

  let lines = 0;
  let bytes = 0;
  for (let i = 1; i < cuts.length; i += 1) {
    const analysis = analyses[i];
    const later = analysis ? Diagnosis.from(analysis.diagnosis) : undefined;
    if (analysis && later && !reader.open && mergeable(analyses, i) && into.canMerge(later)) {
      const read = reader.end();
      lines += read.lines;
      bytes += read.bytes;
      into.merge(later, lines);
      lines += analysis.lines;
      bytes += analysis.bytes;
      reader = new SourceReader(into, file.name, lines);
      continue;
    }
    await reader.readAll(readRange(file.path, cuts[i]!, endOf(i)));
  }
  const read = reader.end();
  return { lines: lines + read.lines, bytes: bytes + read.bytes, gzip: false };
}
