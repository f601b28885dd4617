/**
 * Bytes → text → lines, memory flat in input size. Invalid UTF-8 becomes U+FFFD (never an error), a
 * character split across chunks decodes intact, and a line is kept only up to a cap — a 50 MB line costs
 * 64 KiB, not 50 MB. Decompression and file access happen before this (the adapters hand over bytes).
 */

/** Characters kept per line; the rest is counted and dropped. Long enough for any real Karpenter record. */
export const MAX_LINE_CHARS = 64 * 1024;

/** Splits decoded text into capped lines across chunk boundaries. */
export class LineSplitter {
  lines = 0;
  /** Lines longer than the cap: only their start is returned. */
  truncated = 0;
  private pending = '';
  private pendingTruncated = false;

  /** The lines `text` completes, in order; a trailing partial line is kept for the next call. */
  push(text: string, out: string[]): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline < 0) break;
      if (this.pending.length === 0 && !this.pendingTruncated) {
        // Hot path: a whole line inside one chunk.
        if (newline - start > MAX_LINE_CHARS) this.emit(text.slice(start, start + MAX_LINE_CHARS), true, out);
        else this.emit(text.slice(start, newline), false, out);
      } else {
        this.append(text, start, newline);
        this.emit(this.pending, this.pendingTruncated, out);
        this.pending = '';
        this.pendingTruncated = false;
      }
      start = newline + 1;
    }
    if (start < text.length) this.append(text, start, text.length);
  }

  /** The last line, when the input did not end with a newline. */
  end(out: string[]): void {
    if (this.pending.length > 0 || this.pendingTruncated) this.emit(this.pending, this.pendingTruncated, out);
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

  private emit(line: string, truncated: boolean, out: string[]): void {
    this.lines += 1;
    if (truncated) this.truncated += 1;
    out.push(line);
  }
}

/** Chunks of bytes as UTF-8 text, one text per chunk (a split character waits for the next one). */
export class Utf8Text {
  bytes = 0;
  private readonly decoder = new TextDecoder('utf-8');

  decode(chunk: Uint8Array | string): string {
    if (typeof chunk === 'string') {
      this.bytes += Buffer.byteLength(chunk);
      return chunk;
    }
    this.bytes += chunk.length;
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return this.decoder.decode();
  }
}
