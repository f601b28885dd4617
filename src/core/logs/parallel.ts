/**
 * One large regular file read by several threads: the file is cut into byte ranges at line starts, each
 * range is read in a worker thread (range-worker.ts), and their partial analyses are absorbed here in file
 * order. This thread only merges: its heap, which holds the CLI, stays small. The result is exactly that of reading the file in one pass: a range
 * whose partial analysis cannot be absorbed exactly (it starts inside a record, the range before it ended
 * inside a pretty-printed object, a bound was reached) is read again here, in order, instead.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

import type { LogAnalyzer, PartialAnalysis } from './analyzer.js';
import { decodeLine } from './decode.js';
import { isGzip, MAX_LINE_CHARS, type ReadSummary } from './line-reader.js';
import { RecordAssembler } from './records.js';

/** Below this a range is not worth a thread's start-up (~0.1 s). */
const MIN_RANGE_BYTES = 32 * 1024 * 1024;
/** How far past a cut the next line start is looked for; a longer line just leaves the cut out. */
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

const readRange = (path: string, start: number, end?: number): AsyncIterable<Uint8Array> =>
  createReadStream(path, {
    start,
    end: end === undefined ? undefined : end - 1,
    highWaterMark: CHUNK_BYTES,
  });

/** Byte offsets where ranges start (the first is 0); fewer than asked when lines are too long to cut at. */
async function rangeStarts(path: string, size: number, ranges: number): Promise<number[] | undefined> {
  const handle = await open(path);
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    if (isGzip(head)) return undefined;
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

function analyseInWorker(task: RangeTask): Promise<PartialAnalysis | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./range-worker.js', import.meta.url), {
        workerData: task,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      });
    } catch {
      resolve(undefined);
      return;
    }
    // Any failure (unreadable range, no worker support) leaves the range to be read here.
    worker.once('message', (partial: PartialAnalysis) => resolve(partial));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}

/**
 * Read the regular file `file` into `analyzer` using up to `threads` threads. Returns what was read, or
 * undefined when the file is not worth splitting (small, gzip, lines too long to cut): the caller then
 * reads it as a stream.
 */
export async function readFileInParallel(
  analyzer: LogAnalyzer,
  name: string,
  file: { path: string; size: number },
  threads: number,
): Promise<ReadSummary | undefined> {
  const ranges = Math.min(threads, Math.floor(file.size / MIN_RANGE_BYTES));
  if (ranges < 2) return undefined;
  const starts = await rangeStarts(file.path, file.size, ranges);
  if (!starts || starts.length < 2) return undefined;
  const endOf = (i: number): number | undefined => starts[i + 1];
  const partials = starts.map((start, i) => analyseInWorker({ path: file.path, name, start, end: endOf(i) }));

  let lines = 0;
  let bytes = 0;
  let assembler = new RecordAssembler(analyzer, name);
  for (let i = 0; i < starts.length; i += 1) {
    const partial = await partials[i];
    const last = i === starts.length - 1;
    if (partial && !assembler.open && (last || !partial.endedOpen) && analyzer.canAbsorb(partial)) {
      assembler.end();
      analyzer.absorb(partial, lines);
      lines += partial.read.lines;
      bytes += partial.read.bytes;
      assembler = new RecordAssembler(analyzer, name, lines);
      continue;
    }
    const read = await analyzer.readInto(readRange(file.path, starts[i]!, endOf(i)), assembler, name, true);
    lines += read.lines;
    bytes += read.bytes;
  }
  assembler.end();
  return { lines, bytes, gzip: false };
}
