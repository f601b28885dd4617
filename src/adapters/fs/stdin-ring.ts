/**
 * stdin read by a thread of its own into a ring of shared memory. Read through `process.stdin`, a pipe is
 * only drained when this thread returns to its event loop between chunks: the writer (`kubectl logs`)
 * stalls on a full pipe while the analysis runs, then the analysis waits on the writer, and every 64 KiB
 * read allocates a buffer to collect. Here a worker (stdin-ring-worker.ts) drains the pipe while the
 * analysis runs, and the analysis takes whatever has arrived, in place.
 *
 * Single producer, single consumer: the worker writes at `head`, this thread reads at `tail`; both count
 * bytes modulo twice the ring's size, so a full ring and an empty one differ. A chunk handed out is a
 * view of the ring, given back when the next chunk is asked for (see Chunks in the analysis).
 */
import { fstatSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Slots of the control array. */
export const HEAD = 0;
export const TAIL = 1;
/** Bumped on every write and at the end: what the reader waits on. */
export const SEQ = 2;
export const STATE = 3;
export const READING = 0;
export const DONE = 1;
export const FAILED = 2;

/** 2 MiB: a larger ring measured no faster, and every MiB is resident. */
export const RING_BYTES = 2 * 1024 * 1024;
/** The largest chunk handed out: the analysis's working set stays in cache. */
const MAX_CHUNK_BYTES = 1024 * 1024;
/** The worker allocates next to nothing: a small young generation keeps its footprint small. */
const WORKER_YOUNG_MB = 2;

/** What the worker is given. */
export interface RingWork {
  fd: number;
  /** A regular file is read with blocking reads; a pipe or socket through the worker's event loop. */
  kind: 'file' | 'stream';
  ring: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

/** A read error, as the worker posts it. */
export interface RingFailure {
  code?: string;
  message: string;
}

/** How descriptor `fd` can be read into a ring, or undefined (a terminal, a device, not open). */
export function ringKind(fd: number): RingWork['kind'] | undefined {
  try {
    const stats = fstatSync(fd);
    if (stats.isFile()) return 'file';
    if (stats.isFIFO() || stats.isSocket()) return 'stream';
  } catch {
    /* not open: the stream reports it */
  }
  return undefined;
}

/**
 * What is read before a worker is started: an input that ends within it (`echo … |`, a small file) is read
 * here and needs no worker, whose start (~25 ms) would be most of the run.
 */
const FIRST_BYTES = 1024 * 1024;

/**
 * The bytes `fd` has now, up to `limit`, and whether it ended. Once the process's stdin stream exists, a
 * pipe is non-blocking and a read takes only what has arrived; a blocking one waits for the first bytes,
 * which the analysis would wait for anyway.
 */
function readAvailable(fd: number, limit: number): { bytes: Buffer; ended: boolean } {
  const buffer = Buffer.allocUnsafe(limit);
  let length = 0;
  while (length < limit) {
    let read: number;
    try {
      read = readSync(fd, buffer, length, limit - length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') break;
      throw error;
    }
    if (read === 0) return { bytes: buffer.subarray(0, length), ended: true };
    length += read;
  }
  return { bytes: buffer.subarray(0, length), ended: false };
}

/**
 * For tests: a tiny ring (reused all the time), what is read before the worker starts (0: everything goes
 * through the ring), the worker's built module (tests run the sources).
 */
export interface RingOptions {
  ringBytes?: number;
  firstBytes?: number;
  workerUrl?: URL;
}

/** The bytes of `fd` read ahead by a worker; `fallback` is read instead when the worker cannot start. */
export async function* ringChunks(
  fd: number,
  kind: RingWork['kind'],
  fallback: () => AsyncIterable<Uint8Array | string>,
  {
    ringBytes = RING_BYTES,
    firstBytes = FIRST_BYTES,
    workerUrl = new URL('./stdin-ring-worker.js', import.meta.url),
  }: RingOptions = {},
): AsyncGenerator<Uint8Array | string> {
  const first = readAvailable(fd, firstBytes);
  if (first.ended) {
    if (first.bytes.length > 0) yield first.bytes;
    return;
  }
  const ring = new SharedArrayBuffer(ringBytes);
  const control = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(control);
  const bytes = Buffer.from(ring);
  const wrap = 2 * ringBytes;
  /** A read error the worker posted; `crashed`: the worker itself failed (to load, say). */
  let failure: RingFailure | undefined;
  let crashed: Error | undefined;
  let exited: Promise<void>;
  /** Settles when the worker has posted its error or is gone. */
  let reported: Promise<void>;
  let worker: Worker;
  try {
    worker = new Worker(workerUrl, {
      workerData: { fd, kind, ring, control } satisfies RingWork,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    const posted = new Promise<void>((resolve) =>
      worker.once('message', (message: RingFailure) => {
        failure = message;
        resolve();
      }),
    );
    exited = new Promise((resolve) => {
      worker.once('error', (error) => {
        crashed = error;
        resolve();
      });
      worker.once('exit', () => resolve());
    });
    reported = Promise.race([posted, exited]);
  } catch {
    if (first.bytes.length > 0) yield first.bytes;
    yield* fallback();
    return;
  }
  // Read while the worker starts.
  if (first.bytes.length > 0) yield first.bytes;
  let tail = 0;
  let lent = 0;
  let received = 0;
  try {
    for (;;) {
      if (lent > 0) {
        tail = (tail + lent) % wrap;
        lent = 0;
        Atomics.store(state, TAIL, tail);
        Atomics.notify(state, TAIL);
      }
      const seq = Atomics.load(state, SEQ);
      const used = (Atomics.load(state, HEAD) - tail + wrap) % wrap;
      if (used > 0) {
        const at = tail % ringBytes;
        lent = Math.min(used, ringBytes - at, MAX_CHUNK_BYTES);
        received += lent;
        yield bytes.subarray(at, at + lent);
        continue;
      }
      const phase = Atomics.load(state, STATE);
      if (phase === DONE) return;
      if (phase === FAILED) {
        // The error is posted before the state is set, but arrives as a message.
        await reported;
        throw readError(failure ?? { message: 'read failed' });
      }
      // The worker keeps this process alive while it runs; the wait itself would not.
      const wake = Atomics.waitAsync(state, SEQ, seq);
      const woke = wake.async ? await Promise.race([wake.value, exited.then(() => 'exited')]) : wake.value;
      if (woke !== 'exited' || Atomics.load(state, STATE) !== READING) continue;
      if (Atomics.load(state, HEAD) !== tail) continue;
      // The worker failed before it read a byte (it could not load, say): read the stream for the rest.
      if (received === 0 && failure === undefined) {
        yield* fallback();
        return;
      }
      throw readError(
        failure ?? { message: `the reader thread stopped: ${crashed?.message ?? 'no reason'}` },
      );
    }
  } finally {
    void worker.terminate();
  }
}

/** A read error as the file system's are: with its errno code, for the caller to report. */
function readError({ code, message }: RingFailure): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}
