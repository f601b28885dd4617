/**
 * stdin read ahead by a worker thread into a ring of shared memory (stdin-ring.ts). The bytes must come out
 * exactly as they went in however small the ring (so every byte of it is reused many times over), through
 * a pipe or from a file, and the diagnosis must be the one the same bytes give read as a plain stream.
 * The worker is the built one (`npm test` builds first): the tests run the sources, a worker needs
 * JavaScript.
 */
import { spawn, execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { ringChunks, ringKind, type RingWork } from '../../../src/adapters/fs/stdin-ring.js';
import { analyseSource } from '../../../src/core/explain-logs/analyse.js';
import { buildReport } from '../../../src/core/explain-logs/report.js';
import { routineLine } from '../../../scripts/bench/v1-log.mjs';
import { repoRoot } from '../../helpers/shared.js';

const workerUrl = new URL(`file://${join(repoRoot, 'dist/adapters/fs/stdin-ring-worker.js')}`);
const built = existsSync(workerUrl);
if (!built) process.stderr.write('\n[spotctl tests] dist/ not built: the stdin ring tests are SKIPPED.\n\n');
const describeBuilt = built ? describe : describe.skip;

const dir = mkdtempSync(join(tmpdir(), 'spotctl-stdin-ring-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A v1 log of routine lines with an error every 25 lines: ~190 KB. */
function v1Log(lines = 600): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i += 1) {
    const time = new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();
    out.push(
      i % 25 === 7
        ? `{"level":"ERROR","time":"${time}","logger":"controller","message":"failed launching nodeclaim","error":"creating instance, insufficient capacity, with fleet error(s), InsufficientInstanceCapacity: We currently do not have sufficient g4dn.xlarge capacity in the Availability Zone you requested (us-west-2a)."}`
        : routineLine(time, i),
    );
  }
  return `${out.join('\n')}\n`;
}

const noFallback = (): AsyncIterable<Uint8Array> => {
  throw new Error('the worker did not start');
};

/** Every chunk copied as it comes (a chunk is only good until the next is asked for). */
async function collect(
  chunks: AsyncIterable<Uint8Array | string>,
): Promise<{ bytes: Buffer; count: number }> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return { bytes: Buffer.concat(parts), count: parts.length };
}

/**
 * `path`'s bytes written into a FIFO by `cat`, and the FIFO's read end. The worker's socket owns the read
 * end and closes it when done (libuv leaves only descriptors 0–2 open, so stdin itself stays open).
 */
function fifoFrom(path: string, name: string): { fd: number; writer: ReturnType<typeof spawn> } {
  const fifo = join(dir, name);
  execFileSync('mkfifo', [fifo]);
  // Non-blocking, so that opening does not wait for the writer (the worker's socket wants that anyway).
  const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writeFd = openSync(fifo, 'w');
  const writer = spawn('cat', [path], { stdio: ['ignore', writeFd, 'inherit'] });
  closeSync(writeFd);
  return { fd, writer };
}

describeBuilt('stdin read ahead into a ring', () => {
  const text = v1Log();
  const file = join(dir, 'v1.log');
  writeFileSync(file, text);

  it('tells a file from a pipe, and declines what is neither', () => {
    const fd = openSync(file, 'r');
    const device = openSync('/dev/null', 'r');
    try {
      expect(ringKind(fd)).toBe('file');
      expect(ringKind(device)).toBeUndefined();
      // A descriptor that is not open is left to the stream, which reports it.
      expect(ringKind(987_654)).toBeUndefined();
    } finally {
      closeSync(fd);
      closeSync(device);
    }
  });

  it('gives a file’s bytes exactly, in order, through a ring much smaller than the file', async () => {
    for (const ringBytes of [1000, 4096, 65536]) {
      const fd = openSync(file, 'r');
      try {
        // When the file is read through a ring of this size
        const { bytes, count } = await collect(
          ringChunks(fd, 'file', noFallback, { ringBytes, firstBytes: 0, workerUrl }),
        );
        // Then every byte came through once, in order, in chunks no larger than the ring
        expect(bytes.equals(Buffer.from(text)), `${ringBytes}-byte ring`).toBe(true);
        expect(count).toBeGreaterThanOrEqual(Math.ceil(text.length / ringBytes));
      } finally {
        closeSync(fd);
      }
    }
  });

  it('gives a pipe’s bytes exactly, and the diagnosis the plain stream gives', async () => {
    const expected = buildReport(await analyseSource({ name: 'stdin', chunks: [Buffer.from(text)] }));
    expect(expected.problems.length).toBeGreaterThan(0);
    const { fd, writer } = fifoFrom(file, 'pipe-bytes');
    try {
      const { bytes } = await collect(
        ringChunks(fd, 'stream', noFallback, { ringBytes: 4096, firstBytes: 0, workerUrl }),
      );
      expect(bytes.equals(Buffer.from(text))).toBe(true);
    } finally {
      writer.kill();
    }
    // And analysed straight from the ring's memory, reused under the reader's feet, it is the same diagnosis
    const piped = fifoFrom(file, 'pipe-analysis');
    try {
      const chunks = ringChunks(piped.fd, 'stream', noFallback, {
        ringBytes: 4096,
        firstBytes: 0,
        workerUrl,
      });
      const actual = buildReport(await analyseSource({ name: 'stdin', chunks }));
      expect(actual).toEqual(expected);
    } finally {
      piped.writer.kill();
    }
  });

  it('stops the reader when the analysis stops early, with the writer still writing', async () => {
    // Given a writer that keeps the pipe open
    const fifo = join(dir, 'endless');
    execFileSync('mkfifo', [fifo]);
    const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeFd = openSync(fifo, 'w');
    const writer = spawn('sh', ['-c', 'while :; do cat "$0"; done', file], {
      stdio: ['ignore', writeFd, 'ignore'],
    });
    closeSync(writeFd);
    try {
      // When the reader takes a few chunks and stops
      let taken = 0;
      for await (const chunk of ringChunks(fd, 'stream', noFallback, {
        ringBytes: 8192,
        firstBytes: 0,
        workerUrl,
      })) {
        expect(chunk.length).toBeGreaterThan(0);
        taken += 1;
        if (taken === 5) break;
      }
      // Then it returns (the worker is let go, not waited for) with what it took
      expect(taken).toBe(5);
    } finally {
      writer.kill();
    }
  });

  it('reports a read error with its code, as a file read would', async () => {
    // Given a descriptor that cannot be read (a directory)
    const fd = openSync(dir, 'r');
    try {
      const chunks = ringChunks(fd, 'file' satisfies RingWork['kind'], noFallback, {
        firstBytes: 0,
        workerUrl,
      });
      await expect(collect(chunks)).rejects.toMatchObject({ code: 'EISDIR' });
    } finally {
      closeSync(fd);
    }
  });

  it('reads the stream for the rest when the worker cannot start', async () => {
    const fd = openSync(file, 'r');
    try {
      const missing = new URL(`file://${join(dir, 'no-such-worker.js')}`);
      const fallback = async function* () {
        yield Buffer.from('from the stream\n');
      };
      // What was read before the worker was to start comes first, then the stream
      const options = { firstBytes: 100, workerUrl: missing };
      const { bytes } = await collect(ringChunks(fd, 'file', fallback, options));
      expect(bytes.toString()).toBe(`${text.slice(0, 100)}from the stream\n`);
    } finally {
      closeSync(fd);
    }
  });

  it('reads an input that has already ended without starting a worker', async () => {
    // Given a small input, whole in the pipe and its writer gone (`echo … | spotctl explain-logs`)
    const small = join(dir, 'small.log');
    writeFileSync(small, text.slice(0, 5000));
    const { fd, writer } = fifoFrom(small, 'ended');
    await new Promise((resolve) => writer.once('exit', resolve));
    try {
      // When it is read with a worker that cannot start and no stream to fall back on
      const missing = new URL(`file://${join(dir, 'no-such-worker.js')}`);
      const { bytes } = await collect(ringChunks(fd, 'stream', noFallback, { workerUrl: missing }));
      // Then it all came through: no worker was needed
      expect(bytes.toString()).toBe(text.slice(0, 5000));
    } finally {
      closeSync(fd);
    }
  });
});
