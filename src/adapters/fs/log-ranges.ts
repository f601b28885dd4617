/**
 * One large regular file read by several threads: the file is cut into byte ranges at record starts, each
 * range but the first is analysed in a worker thread (log-range-worker.ts, which calls the core's
 * `analyseRange`) while this thread reads the first, and the range diagnoses are merged here in file
 * order. The result is exactly that of reading the file in one pass: a range whose diagnosis cannot
 * be merged exactly (it starts inside a record, the range before it ended inside a pretty-printed object,
 * a bound was reached) is read again here, in order, by the same reader.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';

import { analyseRange, SourceReader, type RangeAnalysis } from '../../core/explain-logs/analyse.js';
import { Diagnosis } from '../../core/explain-logs/diagnosis.js';
import type { SourceSummary } from '../../core/explain-logs/log-stats.js';
import { RecordObserver } from '../../core/explain-logs/observe.js';
import { decodeLine } from '../../core/logs/decode.js';
import { MAX_LINE_CHARS } from '../../core/logs/lines.js';
import { leaseReadBuffer } from '../../core/logs/rare-scan.js';
import { cutPoints, startRangeWorker, threadsFor } from './range-plan.js';
import { takePrestarted, type AdoptedWorker } from './range-prestart.js';

/** How far past a cut the next record start is looked for; a longer line just leaves the cut out. */
const ALIGN_WINDOW = 256 * 1024;
/**
 * Bytes per read of a log file: of each range, in every thread, and of a file read as one stream
 * (log-files.ts). A range is read into one buffer again and again (see readRangeSync) and nothing a reader
 * keeps points into it, so larger reads cost no memory (at 1 GB, peak RSS was 135 MB with 64 KiB reads in
 * workers and the same with 256 KiB) and save calls and lines carried between reads.
 */
export const CHUNK_BYTES = 256 * 1024;
/** A file cut into ranges at record starts: range i is `cuts[i]` up to `cuts[i + 1]` (the last: to the end). */
export interface RangeJob {
  path: string;
  name: string;
  cuts: number[];
}

/**
 * The next range nobody has taken, from a counter every thread shares: a thread takes its next range
 * without a hop through any event loop, so one busy thread never keeps another waiting for work.
 */
function claimRange(claims: Int32Array, count: number): number | undefined {
  const index = Atomics.add(claims, 0, 1);
  return index < count ? index : undefined;
}

/**
 * Analyse ranges of `job` as they are claimed, until none is left, handing each analysis to `each`. The
 * ranges share one observer: what it learnt of a text in one range is not learnt again in the next.
 */
export async function analyseClaimed(
  job: RangeJob,
  claims: Int32Array,
  each: (index: number, analysis: RangeAnalysis) => void,
  observer = new RecordObserver(),
): Promise<void> {
  const { cuts } = job;
  for (let i = claimRange(claims, cuts.length); i !== undefined; i = claimRange(claims, cuts.length)) {
    const chunks = readRangeSync(job.path, cuts[i]!, cuts[i + 1], CHUNK_BYTES);
    each(i, await analyseRange(job.name, chunks, observer));
  }
}

/**
 * A byte range read with blocking reads, for a thread that has nothing else to do while it waits: no
 * stream, no hop through the event loop per chunk. One buffer is read into again and again (the reader
 * copies what it keeps of a chunk before it asks for the next; see `Chunks`): no allocation, and no fresh
 * pages for the kernel to fault in, per chunk.
 */
export function* readRangeSync(
  path: string,
  start: number,
  end: number | undefined,
  chunkBytes: number,
): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  // In the rare-string scanner's memory when it is free, so that chunks are searched without a copy.
  const lease = leaseReadBuffer(chunkBytes);
  try {
    const buffer = lease?.buffer ?? Buffer.allocUnsafe(chunkBytes);
    for (let position = start; ;) {
      const want = end === undefined ? chunkBytes : Math.min(chunkBytes, end - position);
      if (want <= 0) return;
      const read = readSync(fd, buffer, 0, want, position);
      if (read === 0) return;
      position += read;
      yield buffer.subarray(0, read);
    }
  } finally {
    lease?.release();
    closeSync(fd);
  }
}

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

/**
 * Byte offsets where ranges start (the first is 0): `cuts` moved to the next record start; fewer when lines
 * are too long to cut at.
 */
export async function rangeStarts(path: string, size: number, cuts: number[]): Promise<number[]> {
  const handle = await open(path);
  try {
    const starts = [0];
    const window = Buffer.alloc(ALIGN_WINDOW);
    for (const cut of cuts) {
      // From the byte before the cut, so a cut that already is a line start stays where it is.
      const from = cut - 1;
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

/**
 * Something that analyses the ranges it claims (a worker thread, or this thread in tests). `run` gives the
 * analyses it finished, by range; a range it claimed but could not finish is missing, and is read again.
 */
export interface RangeAnalyser {
  run(job: RangeJob, claims: Int32Array): Promise<Map<number, RangeAnalysis>>;
  close(): void;
}

/**
 * What a range worker posts: one range's analysis, with the bounds it read (a prestarted worker cut the
 * file itself), or that it has claimed its last.
 */
export type RangeMessage =
  { index: number; start: number; end: number | undefined; analysis: RangeAnalysis } | { done: true };

/** Ranges analysed in this thread, read with blocking reads (nothing else waits on this thread meanwhile). */
export const inThisThread: RangeAnalyser = {
  run: (job, claims) => claimedHere(job, claims),
  close: () => undefined,
};

async function claimedHere(
  job: RangeJob,
  claims: Int32Array,
  observer?: RecordObserver,
): Promise<Map<number, RangeAnalysis>> {
  const analyses = new Map<number, RangeAnalysis>();
  await analyseClaimed(job, claims, (index, analysis) => analyses.set(index, analysis), observer);
  return analyses;
}

/** A worker thread that analyses the ranges it claims; `adopted`: one started before (range-prestart.ts). */
export function rangeWorker(adopted?: AdoptedWorker): RangeAnalyser {
  let worker: Worker | undefined = adopted?.worker;
  if (!worker) {
    try {
      worker = startRangeWorker();
    } catch {
      worker = undefined;
    }
  }
  const listen = (w: Worker, onMessage: (message: RangeMessage) => void, ended: () => void): void => {
    if (adopted) return adopted.listen((message) => onMessage(message as RangeMessage), ended);
    w.on('message', onMessage);
    w.once('error', ended);
    w.once('exit', ended);
  };
  return {
    run: (job, claims) =>
      new Promise((resolve) => {
        const analyses = new Map<number, RangeAnalysis>();
        const w = worker;
        if (!w) return resolve(analyses);
        const finish = () => resolve(analyses);
        listen(
          w,
          (message) => {
            if ('done' in message) finish();
            // A range cut elsewhere than here is not this job's: it is read again.
            else if (message.start === job.cuts[message.index] && message.end === job.cuts[message.index + 1])
              analyses.set(message.index, message.analysis);
          },
          finish,
        );
        if (!adopted) w.postMessage({ job, claims: claims.buffer });
      }),
    close: () => {
      const w = worker;
      worker = undefined;
      void w?.terminate();
    },
  };
}

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
 * stream. The file is cut into ranges, large first (see cutPoints); this thread reads the first straight into
 * `into`, then every thread takes the next range left until none is, and the analyses are merged in file
 * order. `starts`, `analysers` and `worker` are for tests: given cut points, ranges analysed in this thread,
 * what starts a worker.
 */
export async function readFileInRanges(
  file: RangedFile,
  into: Diagnosis,
  {
    starts,
    analysers,
    worker = rangeWorker,
  }: { starts?: number[]; analysers?: RangeAnalyser[]; worker?: () => RangeAnalyser } = {},
): Promise<SourceSummary | undefined> {
  // Threads that are worth their start-up for this file's size.
  const threads = threadsFor(file.size, file.threads);
  if (!starts) {
    if (threads < 2) return undefined;
    starts = await rangeStarts(file.path, file.size, cutPoints(file.size, threads));
  }
  if (starts.length < 2) return undefined;
  const job: RangeJob = { path: file.path, name: file.name, cuts: starts };
  // Range 0 is read here, straight into `into`; the others are claimed from 1 on — by a worker started
  // before the command loaded, when there is one for this file, and ranges it took are already under way.
  const adopted = analysers ? undefined : takePrestarted({ path: file.path, size: file.size, threads });
  const claims = adopted?.claims ?? new Int32Array(new SharedArrayBuffer(4));
  if (!adopted) claims[0] = 1;
  const others =
    analysers ??
    Array.from({ length: Math.max(1, threads - 1) }, (_, i) =>
      i === 0 && adopted ? rangeWorker(adopted) : worker(),
    );
  try {
    const elsewhere = Promise.all(others.map((analyser) => analyser.run(job, claims)));
    const observer = new RecordObserver();
    const reader0 = new SourceReader(into, file.name, 0, { observer });
    await reader0.readAll(readRangeSync(file.path, 0, starts[1], CHUNK_BYTES));
    const found = [await claimedHere(job, claims, observer), ...(await elsewhere)];
    const analyses = starts.map((_, i) => found.find((byRange) => byRange.has(i))?.get(i));
    return await mergeRanges(file, into, starts, analyses, reader0);
  } finally {
    for (const analyser of others) analyser.close();
  }
}

/** Merge the analyses of ranges 1… into `into` (range 0 was read by `reader`), reading again what cannot be. */
async function mergeRanges(
  file: RangedFile,
  into: Diagnosis,
  cuts: number[],
  analyses: Array<RangeAnalysis | undefined>,
  first: SourceReader,
): Promise<SourceSummary> {
  let lines = 0;
  let bytes = 0;
  let reader = first;
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
    await reader.readAll(readRangeSync(file.path, cuts[i]!, cuts[i + 1], CHUNK_BYTES));
  }
  const read = reader.end();
  return { lines: lines + read.lines, bytes: bytes + read.bytes, gzip: false };
}
