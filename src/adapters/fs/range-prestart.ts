/**
 * The range worker of `spotctl explain-logs FILE`, started by the CLI's entry before the CLI framework and
 * the command load (some 150 ms, on one core). The worker cuts the file itself, as the reader of the whole
 * file will, and starts on the ranges it claims; the reader adopts it when it comes to that file, with the
 * same size and thread count, and stops it otherwise. What the worker posts before then is kept: a
 * worker's messages are lost when nobody listens.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';

import { isGzip, offeredThreads, startRangeWorker, threadsFor } from './range-plan.js';

/** The file a worker was started on. */
export interface PrestartedFile {
  path: string;
  size: number;
  threads: number;
}

/** What a prestarted worker is given: its file, and the range counter it shares with the reader. */
export interface PrestartData {
  prestart: PrestartedFile;
  claims: SharedArrayBuffer;
}

/** A prestarted worker handed to the reader: its messages so far, then as they come. */
export interface AdoptedWorker {
  worker: Worker;
  claims: Int32Array;
  /** Every message since the start, in order, then each new one; `ended` once the thread is gone. */
  listen(onMessage: (message: unknown) => void, ended: () => void): void;
}

let started: (PrestartedFile & AdoptedWorker) | undefined;

/** The file's first two bytes are gzip's. */
function gzipFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return isGzip(head.subarray(0, readSync(fd, head, 0, 2, 0)));
  } finally {
    closeSync(fd);
  }
}

/**
 * Start the range worker when the arguments are `explain-logs <file> …` and the file is large enough to
 * be read in ranges. Anything unusual (a flag first, stdin, a FIFO, gzip, an unreadable path) starts
 * nothing: the command then does what it always does.
 */
export function prestartRanges(argv: readonly string[], offered = offeredThreads()): void {
  const [command, path] = argv;
  if (started || command !== 'explain-logs' || !path || path.startsWith('-')) return;
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile() || gzipFile(path)) return;
    size = stats.size;
  } catch {
    return;
  }
  const threads = threadsFor(size, offered);
  if (threads < 2) return;
  const claims = new Int32Array(new SharedArrayBuffer(4));
  claims[0] = 1;
  let worker: Worker;
  try {
    worker = startRangeWorker({
      prestart: { path, size, threads },
      claims: claims.buffer,
    } satisfies PrestartData);
  } catch {
    return;
  }
  const inbox: unknown[] = [];
  let deliver: ((message: unknown) => void) | undefined;
  let gone = false;
  let onGone: (() => void) | undefined;
  worker.on('message', (message: unknown) => (deliver ? deliver(message) : inbox.push(message)));
  const end = () => {
    gone = true;
    onGone?.();
  };
  worker.once('error', end);
  worker.once('exit', end);
  // Not what keeps the process alive: a command that never reads the file (`--help`) exits as it would.
  // After the listeners, which would otherwise hold the worker's port open again.
  worker.unref();
  started = {
    path,
    size,
    threads,
    worker,
    claims,
    listen(onMessage, ended) {
      for (const message of inbox.splice(0)) onMessage(message);
      deliver = onMessage;
      onGone = ended;
      if (gone) ended();
    },
  };
}

/** The prestarted worker if it was started on exactly this file; any other is stopped. Handed over once. */
export function takePrestarted(file: PrestartedFile): AdoptedWorker | undefined {
  const worker = started;
  started = undefined;
  if (!worker) return undefined;
  if (worker.path !== file.path || worker.size !== file.size || worker.threads !== file.threads) {
    void worker.worker.terminate();
    return undefined;
  }
  worker.worker.ref();
  return worker;
}
