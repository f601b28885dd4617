/**
 * Log inputs from the file system: files (plain or gzip, recognised by their magic bytes, so
 * `karpenter.log.gz`, `kubectl logs … | gzip` and renamed files all work) and stdin. Read errors become input
 * errors naming the path; a large regular file is read in parallel byte ranges (log-ranges.ts).
 */
import { createReadStream } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

import { inputError } from '../../core/errors.js';
import type { LogSource } from '../../core/explain-logs/analyse.js';
import type { LogInputPort, LogPathCheck } from '../../core/explain-logs/run.js';
import { CHUNK_BYTES, readFileInRanges, readRangeSync } from './log-ranges.js';
import { isGzip } from './range-plan.js';
import { ringChunks, ringKind } from './stdin-ring.js';

export interface LogFileOptions {
  /**
   * Threads that may read one large regular file; 1 reads every file as one stream, and stdin without a
   * thread reading ahead.
   */
  parallelism?: number;
}

const reasonOf = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
};

/** Re-yield the peeked first bytes, then the rest. */
async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first.length > 0) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** The first two bytes at least (fewer only at the end), and an iterator for the rest. */
async function peek(
  chunks: AsyncIterable<Uint8Array | string>,
): Promise<{ head: Buffer; rest: AsyncIterator<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]() as AsyncIterator<Uint8Array | string>;
  const parts: Buffer[] = [];
  let length = 0;
  while (length < 2) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
    parts.push(chunk);
    length += chunk.length;
  }
  const rest: AsyncIterator<Uint8Array> = {
    next: async () => {
      const next = await iterator.next();
      if (next.done) return next;
      return { value: typeof next.value === 'string' ? Buffer.from(next.value) : next.value, done: false };
    },
  };
  return { head: Buffer.concat(parts), rest };
}

/** A synchronous iterator as an asynchronous one (its errors become rejections). */
const asyncIterator = <T>(iterator: Iterator<T>): AsyncIterator<T> => ({
  next: () => {
    try {
      return Promise.resolve(iterator.next());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  },
});

async function* copies(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield Buffer.from(chunk);
}

/** Bytes of `label`, decompressed when they are gzip; read errors as input errors naming `label`. */
async function* decoded(
  head: Buffer,
  rest: AsyncIterator<Uint8Array>,
  gzip: boolean,
  label: string,
): AsyncGenerator<Uint8Array> {
  const bytes = prepend(head, rest);
  try {
    if (gzip) {
      // zlib reads its input later, and a chunk may be reused once the next is taken: it gets a copy.
      const source = Readable.from(copies(bytes), { objectMode: false });
      const gunzip = createGunzip();
      // pipe() does not pass a read error on: without this the iteration would wait forever.
      source.on('error', (error) => gunzip.destroy(error));
      yield* source.pipe(gunzip);
    } else yield* bytes;
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (gzip && (!errno || errno.startsWith('Z_'))) {
      throw inputError('BAD_GZIP', `${label}: not a valid gzip stream (${(error as Error).message})`, {
        suggestions: [`Check the file with \`gzip -t ${label}\`, or pass the uncompressed log.`],
      });
    }
    if (errno) {
      throw inputError('LOG_NOT_READABLE', `cannot read ${label}: ${reasonOf(error)}`, {
        suggestions: ['Check the file’s permissions, or pipe the log in on stdin.'],
      });
    }
    throw error;
  }
}

/** A stream source whose gzip-ness is known from its first bytes. */
async function streamSource(name: string, chunks: AsyncIterable<Uint8Array | string>): Promise<LogSource> {
  const { head, rest } = await peek(chunks);
  const gzip = isGzip(head);
  return { name, gzip, chunks: decoded(head, rest, gzip, name) };
}

async function checkPath(path: string): Promise<LogPathCheck> {
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) return { kind: 'directory' };
    if (stats.isFile()) {
      // Opening is the only honest test of readability (ACLs, root squash, …).
      await (await open(path, 'r')).close();
    } else {
      // A FIFO or device: opening it could block until a writer comes.
      await access(path, constants.R_OK);
    }
    return { kind: 'file' };
  } catch (error) {
    return { kind: 'unreadable', reason: reasonOf(error) };
  }
}

async function fileSource(path: string, parallelism: number): Promise<LogSource> {
  let size: number | undefined;
  let head: Buffer;
  try {
    const stats = await stat(path);
    // Only a regular file can be read in byte ranges (not a FIFO or device).
    size = stats.isFile() ? stats.size : undefined;
    head = Buffer.alloc(0);
    if (size !== undefined) {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(2);
        const { bytesRead } = await handle.read(buffer, 0, 2, 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    }
  } catch (error) {
    throw inputError('LOG_NOT_READABLE', `cannot read ${path}: ${reasonOf(error)}`, {
      suggestions: ['Check the path and its permissions, or pipe the log in on stdin.'],
    });
  }
  if (size === undefined) return streamSource(path, createReadStream(path, { highWaterMark: CHUNK_BYTES }));
  const gzip = isGzip(head);
  // Opened when first read: a large file read in parallel ranges never opens it here. A plain file is read
  // with blocking reads (nothing else waits on this thread meanwhile); gzip goes through zlib's stream.
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const bytes = gzip
      ? createReadStream(path, { highWaterMark: CHUNK_BYTES })[Symbol.asyncIterator]()
      : asyncIterator(readRangeSync(path, 0, undefined, CHUNK_BYTES));
    yield* decoded(Buffer.alloc(0), bytes, gzip, path);
  }
  const fileSize = size;
  return {
    name: path,
    gzip,
    chunks: chunks(),
    readInto:
      !gzip && parallelism > 1
        ? (into) => readFileInRanges({ path, name: path, size: fileSize, threads: parallelism }, into)
        : undefined,
  };
}

export type LogStdin = AsyncIterable<Uint8Array | string> & { isTTY?: boolean; fd?: number };

/**
 * stdin's bytes: read ahead by a thread of its own when it is the process's pipe or file (stdin-ring.ts).
 * Not on Windows, where a worker's socket on the console's descriptor is untested.
 */
function stdinChunks(stdin: LogStdin, readAhead: boolean): AsyncIterable<Uint8Array | string> {
  const { fd } = stdin;
  if (!readAhead || process.platform === 'win32' || fd === undefined || stdin.isTTY) return stdin;
  const kind = ringKind(fd);
  return kind ? ringChunks(fd, kind, () => stdin) : stdin;
}

/** Files and stdin as log sources. */
export function logFileInputs(stdin: LogStdin, options: LogFileOptions = {}): LogInputPort {
  const threads = options.parallelism ?? 1;
  return {
    stdinIsTerminal: Boolean(stdin.isTTY),
    check: checkPath,
    open: (path) =>
      path === '-' ? streamSource('stdin', stdinChunks(stdin, threads > 1)) : fileSource(path, threads),
  };
}
