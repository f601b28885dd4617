/**
 * Streaming line splitter: bytes in, lines out, memory flat in input size. Gzip is recognised by its magic
 * bytes (so `karpenter.log.gz`, `kubectl logs … | gzip` and renamed files all work), and a line is kept only
 * up to a cap — a 50 MB line costs 64 KiB, not 50 MB.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

import { inputError } from '../errors.js';

/** Characters kept per line; the rest is counted and dropped. Long enough for any real Karpenter record. */
export const MAX_LINE_CHARS = 64 * 1024;

export interface LineSink {
  /** Called once per line, without its `\n`; `truncated` when the line was longer than the cap. */
  line(text: string, truncated: boolean): void;
}

export interface ReadSummary {
  lines: number;
  /** Bytes after decompression. */
  bytes: number;
  gzip: boolean;
}

export const isGzip = (chunk: Uint8Array): boolean =>
  chunk.length >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;

async function* toAsyncGenerator(iterator: Iterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
}
const toAsync = (iterator: Iterator<Uint8Array>): AsyncIterator<Uint8Array> => toAsyncGenerator(iterator);

/** Re-yield the peeked first chunk, then the rest. */
async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Read `chunks` to the end and hand every line to `sink`. Invalid UTF-8 becomes U+FFFD (never an error);
 * a corrupt gzip stream is an input error naming `label`. `plain`: the bytes are known not to be gzip (a
 * range from the middle of a plain file, whose first bytes mean nothing).
 */
export async function readLines(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  sink: LineSink,
  label: string,
  { plain = false }: { plain?: boolean } = {},
): Promise<ReadSummary> {
  const iterator =
    Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : toAsync(chunks[Symbol.iterator]());
  // Gather at least two bytes so the magic-byte test works whatever the chunking.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < 2) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    headBytes += next.value.length;
  }
  if (headBytes === 0) return { lines: 0, bytes: 0, gzip: false };
  const first = { value: head.length === 1 ? head[0]! : Buffer.concat(head) };
  const gzip = !plain && isGzip(first.value);
  const source: AsyncIterable<Uint8Array> = gzip
    ? Readable.from(prepend(first.value, iterator), { objectMode: false }).pipe(createGunzip())
    : prepend(first.value, iterator);

  const decoder = new StringDecoder('utf8');
  const splitter = new LineSplitter(sink);
  let bytes = 0;
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      splitter.push(decoder.write(chunk as Buffer));
    }
  } catch (error) {
    const errno = (error as NodeJS.ErrnoException).code;
    if (!gzip && errno && !errno.startsWith('Z_')) {
      throw inputError('LOG_NOT_READABLE', `cannot read ${label}: ${errno}`, {
        suggestions: ['Check the file’s permissions, or pipe the log in on stdin.'],
      });
    }
    if (!gzip) throw error;
    throw inputError('BAD_GZIP', `${label}: not a valid gzip stream (${(error as Error).message})`, {
      suggestions: [`Check the file with \`gzip -t ${label}\`, or pass the uncompressed log.`],
    });
  }
  splitter.push(decoder.end());
  splitter.end();
  return { lines: splitter.lines, bytes, gzip };
}

/** Splits decoded text into capped lines across chunk boundaries. */
export class LineSplitter {
  lines = 0;
  private pending = '';
  private pendingTruncated = false;

  constructor(private readonly sink: LineSink) {}

  push(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      if (this.pending.length === 0 && !this.pendingTruncated) {
        // Hot path: a whole line inside one chunk.
        if (newline - start > MAX_LINE_CHARS) this.emit(text.slice(start, start + MAX_LINE_CHARS), true);
        else this.emit(text.slice(start, newline), false);
      } else {
        this.append(text, start, newline);
        this.emit(this.pending, this.pendingTruncated);
        this.pending = '';
        this.pendingTruncated = false;
      }
      start = newline + 1;
    }
    if (start < text.length) this.append(text, start, text.length);
  }

  end(): void {
    if (this.pending.length > 0 || this.pendingTruncated) this.emit(this.pending, this.pendingTruncated);
    this.pending = '';
    this.pendingTruncated = false;
  }

  private append(text: string, from: number, to: number): void {
    if (this.pendingTruncated) return;
    const room = MAX_LINE_CHARS - this.pending.length;
    if (to - from > room) {
      this.pending += text.slice(from, from + room);
      this.pendingTruncated = true;
    } else {
      this.pending += text.slice(from, to);
    }
  }

  private emit(line: string, truncated: boolean): void {
    this.lines += 1;
    this.sink.line(line, truncated);
  }
}
