/**
 * Bytes → lines: a line is handed over as bytes and decoded on its own, which must give what decoding
 * the whole stream and splitting it gives — wherever the chunks are cut.
 */
import { describe, expect, it } from 'vitest';

import { ByteLines, decodeUtf8, MAX_LINE_CHARS } from '../../../src/core/logs/lines.js';

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

describe('decodeUtf8', () => {
  it('decodes as the WHATWG decoder does, whatever the bytes: invalid, cut short, overlong, surrogates, BOM', () => {
    // Given byte sequences built at random (seeded), mostly from the bytes that make UTF-8 go wrong
    const whatwg = new TextDecoder('utf-8', { ignoreBOM: true });
    const awkward = [0x00, 0x22, 0x5c, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbb, 0xbf, 0xc0, 0xc1, 0xc2];
    awkward.push(0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff);
    let seed = 1;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const differ: string[] = [];
    for (let i = 0; i < 50_000; i += 1) {
      const bytes = Buffer.alloc(1 + random(12));
      for (let k = 0; k < bytes.length; k += 1)
        bytes[k] = random(3) > 0 ? awkward[random(awkward.length)]! : random(256);
      // When a part of it is decoded / Then it is what the WHATWG decoder gives for that part
      const start = random(2);
      if (decodeUtf8(bytes, start, bytes.length) !== whatwg.decode(bytes.subarray(start)))
        differ.push(bytes.toString('hex'));
    }
    expect(differ).toEqual([]);
    expect(decodeUtf8(Buffer.from('\uFEFFok'), 0, 5)).toBe('\uFEFFok');
  });
});
