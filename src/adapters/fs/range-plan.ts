/**
 * How a large log file is split between threads: how many are worth their start-up, where the ranges are
 * cut, and how a range worker is started. Apart from log-ranges.ts, which reads and merges them, so that
 * the CLI's entry can start the worker (range-prestart.ts) without loading the analysis.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Below this per thread a file is not worth a thread's start-up (~0.1 s). */
const MIN_RANGE_BYTES = 32 * 1024 * 1024;
/** The smallest range a file is cut into. */
const MIN_PIECE_BYTES = 4 * 1024 * 1024;
/** Threads for one large file: past four, reading and merging gain little and memory grows. */
const MAX_THREADS = 4;
/**
 * Young-generation cap per worker: V8's default lets each thread's grow to ~48 MB, more than the analysis
 * needs; much smaller costs throughput in extra scavenges (24 MB measured fastest within the memory target).
 */
const WORKER_YOUNG_MB = 24;

/** Whether bytes start as gzip does: such a file is read as one stream, through zlib, never in ranges. */
export const isGzip = (chunk: Uint8Array): boolean =>
  chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;

/** The threads this machine offers for reading a file. */
export const offeredThreads = (): number => Math.min(availableParallelism(), MAX_THREADS);

/** The threads worth starting for a file of `size` bytes when `offered` are available. */
export const threadsFor = (size: number, offered: number): number =>
  Math.min(offered, Math.floor(size / MIN_RANGE_BYTES));

/**
 * Where a file of `size` bytes is cut for `threads` threads, before the cuts are moved to record starts.
 * Each range is a share of what is left (guided self-scheduling): the first are large, the last are small,
 * so whichever thread takes the last range leaves the others waiting for a short one only. Equal ranges
 * left a thread idle for half a range (~45 ms at 25 MB) on average at the end.
 */
export function cutPoints(size: number, threads: number): number[] {
  const cuts: number[] = [];
  let rest = size;
  for (let at = 0; ;) {
    const piece = Math.max(MIN_PIECE_BYTES, Math.ceil(rest / (2 * threads)));
    // The remainder goes to the last range rather than make one smaller than half a piece.
    if (rest - piece < MIN_PIECE_BYTES / 2) return cuts;
    at += piece;
    rest -= piece;
    cuts.push(at);
  }
}

/** A range worker thread (log-range-worker.ts); `workerData` starts it on a file at once. */
export const startRangeWorker = (workerData?: unknown): Worker =>
  new Worker(new URL('./log-range-worker.js', import.meta.url), {
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
