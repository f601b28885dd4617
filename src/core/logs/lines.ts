/**
 * Bytes → lines → text, memory flat in input size. Invalid UTF-8 becomes U+FFFD (never an error), a
 * character split across chunks decodes intact, and a line is kept only up to a cap — a 50 MB line costs
 * 256 KiB, not 50 MB. Decompression and file access happen before this (the adapters hand over bytes).
 */

/** Characters kept per line; the rest is counted and dropped. Long enough for any real Karpenter record. */
export const MAX_LINE_CHARS = 64 * 1024;

/** Where ByteLines hands each complete line: its bytes are `bytes[start, end)`, without the newline. */
export interface LineSink {
  byteLine(bytes: Buffer, start: number, end: number): void;
}

/** Bytes kept of a line split across chunks: enough for MAX_LINE_CHARS characters whatever they are. */
const MAX_CARRY_BYTES = 4 * MAX_LINE_CHARS + 4;
const encoder = new TextEncoder();

/**
 * `bytes[start, end)` decoded as UTF-8, invalid sequences as U+FFFD, a byte order mark kept: what a
 * `TextDecoder('utf-8', { ignoreBOM: true })` gives, at half its cost per line (no view to make, no
 * options to read).
 */
export const decodeUtf8 = (bytes: Buffer, start: number, end: number): string =>
  bytes.toString('utf8', start, end);

/**
 * Splits chunks of bytes into lines without decoding them: a line is handed over as a byte range, and
 * decoded (`text`) only by a reader that needs its text — most lines of a large log are recognised from a
 * few bytes. Decoding line by line gives what decoding the stream would: a newline byte never occurs inside
 * a UTF-8 sequence, and only the stream's first line may start with a byte order mark.
 */
export class ByteLines {
  lines = 0;
  /** Lines longer than the cap: only their start is returned by `text`. */
  truncated = 0;
  bytes = 0;
  /** The start of a line split across chunks, copied: the chunks themselves must not stay alive. */
  private carry?: Buffer;
  private carryBytes = 0;
  private carryOver = false;
  private first = true;

  /** Hand `sink` the lines `chunk` completes; a trailing partial line waits for the next chunk. */
  push(chunk: Uint8Array | string, sink: LineSink): void {
    const bytes = toBuffer(chunk);
    this.bytes += bytes.length;
    let pos = 0;
    if (this.carryBytes > 0 || this.carryOver) {
      const newline = bytes.indexOf(10);
      if (newline < 0) {
        this.keep(bytes, 0, bytes.length);
        return;
      }
      this.keep(bytes, 0, newline);
      this.flushCarry(sink);
      pos = newline + 1;
    }
    for (;;) {
      const newline = bytes.indexOf(10, pos);
      if (newline < 0) break;
      this.line(bytes, pos, newline, sink);
      pos = newline + 1;
    }
    if (pos < bytes.length) this.keep(bytes, pos, bytes.length);
  }

  /** The last line, when the input did not end with a newline. */
  end(sink: LineSink): void {
    if (this.carryBytes > 0 || this.carryOver) this.flushCarry(sink);
  }

  /** The text of a line handed over, capped at MAX_LINE_CHARS (a longer line is counted as truncated). */
  text(bytes: Buffer, start: number, end: number): string {
    const text = decodeUtf8(bytes, start, Math.min(end, start + MAX_CARRY_BYTES));
    if (text.length <= MAX_LINE_CHARS) return text;
    this.truncated += 1;
    return text.slice(0, MAX_LINE_CHARS);
  }

  private line(bytes: Buffer, start: number, end: number, sink: LineSink): void {
    this.lines += 1;
    if (this.first) {
      this.first = false;
      if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf && end - start >= 3)
        start += 3;
    }
    sink.byteLine(bytes, start, end);
  }

  /**
   * Copy `bytes[from, to)` onto the carried line. One buffer per carried line, grown by doubling: a stream
   * of tiny chunks (a slow pipe) costs a copy per chunk, not an allocation per chunk and a concat per line.
   */
  private keep(bytes: Buffer, from: number, to: number): void {
    const room = MAX_CARRY_BYTES - this.carryBytes;
    if (to - from > room) {
      to = from + room;
      this.carryOver = true;
    }
    if (to <= from) return;
    const need = this.carryBytes + to - from;
    if (!this.carry || this.carry.length < need) {
      const grown = Buffer.allocUnsafe(
        Math.min(MAX_CARRY_BYTES, Math.max(need, 2 * (this.carry?.length ?? 512))),
      );
      if (this.carry) this.carry.copy(grown, 0, 0, this.carryBytes);
      this.carry = grown;
    }
    bytes.copy(this.carry, this.carryBytes, from, to);
    this.carryBytes = need;
  }

  private flushCarry(sink: LineSink): void {
    // Handed over, never written again: a reader may hold on to a line's bytes until the next line.
    const line = this.carry ?? Buffer.alloc(0);
    const length = this.carryBytes;
    this.carry = undefined;
    this.carryBytes = 0;
    this.carryOver = false;
    this.line(line, 0, length, sink);
  }
}

/** The chunk as a Buffer over the same memory (strings encoded as UTF-8). */
function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') {
    const encoded = encoder.encode(chunk);
    return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.length);
  }
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
}
