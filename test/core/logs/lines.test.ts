/**
 * Bytes → lines: a line is handed over as bytes and decoded on its own, which must give what decoding
 * the whole stream and splitting it gives — wherever the chunks are cut.
 */
import { describe, expect, it } from 'vitest';

import { ByteLines, MAX_LINE_CHARS } from '../../../src/core/logs/lines.js';

/** Decode the whole stream, split at newlines, cap each line: what ByteLines must match. */
function reference(bytes: Buffer): { lines: string[]; truncated: number } {
  const text = new TextDecoder('utf-8').decode(bytes);
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  let truncated = 0;
  const lines = parts.map((line) => {
    if (line.length <= MAX_LINE_CHARS) return line;
    truncated += 1;
    return line.slice(0, MAX_LINE_CHARS);
  });
  return { lines, truncated };
}

function split(bytes: Buffer, chunkBytes: number): { lines: string[]; truncated: number; bytes: number } {
  const reader = new ByteLines();
  const lines: string[] = [];
  const sink = { byteLine: (b: Buffer, s: number, e: number) => lines.push(reader.text(b, s, e)) };
  for (let i = 0; i < bytes.length; i += chunkBytes) reader.push(bytes.subarray(i, i + chunkBytes), sink);
  reader.end(sink);
  expect(reader.lines).toBe(lines.length);
  return { lines, truncated: reader.truncated, bytes: reader.bytes };
}

describe('ByteLines', () => {
  it('gives the lines of the decoded stream wherever the chunks are cut', () => {
    // Given a stream with a byte order mark, multi-byte characters, invalid bytes, CRLF and long lines
    const bytes = Buffer.concat([
      Buffer.from('\uFEFFfirst line ü\r\n'),
      Buffer.from('€ mid-stream mark: \uFEFF\n'),
      Buffer.from([0x61, 0xe2, 0x82, 0x0a, 0xff, 0xfe, 0x62, 0x0a]),
      Buffer.from(`${'é'.repeat(MAX_LINE_CHARS + 3)}\n`),
      Buffer.from(`${'x'.repeat(MAX_LINE_CHARS - 1)}😀tail\n`),
      Buffer.from('\n\nlast line without newline 😀'),
    ]);
    const expected = reference(bytes);
    expect(expected.truncated).toBe(2);
    for (const chunkBytes of [bytes.length, 65536, 1000, 3, 1]) {
      // When it is split from chunks of any size; Then the lines, their count and the cut ones agree
      const actual = split(bytes, chunkBytes);
      expect(actual.lines, `chunks of ${chunkBytes} bytes`).toEqual(expected.lines);
      expect(actual.truncated).toBe(expected.truncated);
      expect(actual.bytes).toBe(bytes.length);
    }
  });

  it('keeps a bounded part of a line that never ends', () => {
    // Given 20 MB without a newline, in 64 KiB chunks
    const reader = new ByteLines();
    const chunk = Buffer.alloc(65536, 0x61);
    const seen: number[] = [];
    const sink = { byteLine: (b: Buffer, s: number, e: number) => seen.push(reader.text(b, s, e).length) };
    for (let i = 0; i < 320; i += 1) reader.push(chunk, sink);
    reader.end(sink);
    // Then one line comes out, cut at the cap and counted as cut
    expect(seen).toEqual([MAX_LINE_CHARS]);
    expect(reader.truncated).toBe(1);
  });
});
