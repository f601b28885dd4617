/**
 * Worker-thread entry: read a descriptor into the shared ring until its end (see stdin-ring.ts). A pipe is
 * read through this thread's own event loop into one reused buffer, so nothing blocks in a read the
 * process would wait for at exit; a regular file is read with blocking reads straight into the ring.
 */
import { readSync } from 'node:fs';
import { Socket, type SocketConstructorOpts } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

import { DONE, FAILED, HEAD, SEQ, STATE, TAIL, type RingFailure, type RingWork } from './stdin-ring.js';

/** What one read of a pipe takes (Linux pipes hold 64 KiB). */
const READ_BYTES = 64 * 1024;

const { fd, kind, ring, control } = workerData as RingWork;
const state = new Int32Array(control);
const bytes = Buffer.from(ring);
const size = bytes.length;
const wrap = 2 * size;
let head = 0;

/** Where the next bytes go and how many fit there, once the reader has made room. */
function room(): { at: number; free: number } {
  for (;;) {
    const tail = Atomics.load(state, TAIL);
    const used = (head - tail + wrap) % wrap;
    const at = head % size;
    if (used < size) return { at, free: Math.min(size - used, size - at) };
    Atomics.wait(state, TAIL, tail);
  }
}

function publish(length: number): void {
  head = (head + length) % wrap;
  Atomics.store(state, HEAD, head);
  Atomics.add(state, SEQ, 1);
  Atomics.notify(state, SEQ);
}

function finish(phase: typeof DONE | typeof FAILED, error?: unknown): void {
  if (error !== undefined) {
    const { code, message } = error as NodeJS.ErrnoException;
    parentPort?.postMessage({ code, message } satisfies RingFailure);
  }
  Atomics.store(state, STATE, phase);
  Atomics.add(state, SEQ, 1);
  Atomics.notify(state, SEQ);
}

function copyIn(from: Buffer, length: number): void {
  for (let done = 0; done < length;) {
    const { at, free } = room();
    const n = Math.min(free, length - done);
    from.copy(bytes, at, done, done + n);
    done += n;
    publish(n);
  }
}

if (kind === 'file') {
  try {
    for (;;) {
      const { at, free } = room();
      const read = readSync(fd, bytes, at, free, null);
      if (read === 0) break;
      publish(read);
    }
    finish(DONE);
  } catch (error) {
    finish(FAILED, error);
  }
} else {
  // `onread` (documented for connect, read by the constructor too): every read lands in one buffer.
  const options = {
    fd,
    readable: true,
    writable: false,
    onread: {
      buffer: Buffer.allocUnsafe(READ_BYTES),
      callback: (length: number, buffer: Buffer) => copyIn(buffer, length),
    },
  };
  const socket = new Socket(options as SocketConstructorOpts);
  socket.once('end', () => finish(DONE));
  socket.once('error', (error) => finish(FAILED, error));
}
