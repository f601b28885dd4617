/**
 * Whether a line of a chunk holds one of a few byte strings that are rare in a log and that each send a
 * routine line the full way (routine-lines.ts): ESC (ANSI colours, which decodeLine strips), `rror` (an
 * `error` or `aws-error-code` key, or error text) and `vent":` (an `event` key).
 *
 * One search per chunk answers for all its lines, asked in order. The search runs in a small WebAssembly
 * module with SIMD (built by scripts/build-rare-scan.mjs), 32 bytes per step: a quarter of the CPU of a
 * `Buffer.indexOf` per string, whose search for `rror` stops at every `r` (one byte in 27 of a Karpenter
 * log). Where WebAssembly or its SIMD is missing, `Buffer.indexOf` gives the same answers.
 */
import { MEMORY_BYTES, RARE_SCAN_WASM, RARE_STRINGS } from './rare-scan-wasm.js';

/** The module's memory: a read area (leaseReadBuffer), then a copy area for chunks read elsewhere. */
const READ_AREA_BYTES = 512 * 1024;
const COPY_AT = READ_AREA_BYTES;
const COPY_AREA_BYTES = 1024 * 1024;
/** Bytes the scan may read past what it searches (at most 31 + the longest string's length − 1). */
const SLACK = 64;
const NEEDLES = RARE_STRINGS.map((s) => Buffer.from(s, 'latin1'));

interface Scanner {
  memory: Buffer;
  scan: (from: number, to: number) => number;
  leased: boolean;
  /** The chunk whose bytes are in the copy area. */
  copied?: Buffer;
}

/** This thread's scanner; null when WebAssembly (or its SIMD) is not available, undefined until tried. */
let scanner: Scanner | null | undefined;

/** What of the WebAssembly API this needs (Node's types declare no more of it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

function theScanner(): Scanner | null {
  if (scanner !== undefined) return scanner;
  scanner = null;
  try {
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (!api) return scanner;
    const { exports } = new api.Instance(new api.Module(Buffer.from(RARE_SCAN_WASM, 'base64')));
    const memory = (exports.memory as { buffer: ArrayBuffer }).buffer;
    if (memory.byteLength >= MEMORY_BYTES && COPY_AT + COPY_AREA_BYTES + SLACK <= memory.byteLength)
      scanner = { memory: Buffer.from(memory), scan: exports.scan as Scanner['scan'], leased: false };
  } catch {
    // No SIMD on this CPU (the module does not compile): Buffer.indexOf searches instead.
  }
  return scanner;
}

/** A buffer to read chunks into, and its release. */
export interface ReadBuffer {
  buffer: Buffer;
  release(): void;
}

/**
 * `size` bytes inside the scanner's memory for a reader to read its chunks into, so that they are searched
 * where they are, without a copy. One per thread at a time: undefined when it is taken, when `size` does
 * not fit, or without a scanner.
 */
export function leaseReadBuffer(size: number): ReadBuffer | undefined {
  const s = theScanner();
  if (!s || s.leased || size + SLACK > READ_AREA_BYTES) return undefined;
  s.leased = true;
  let released = false;
  return {
    buffer: s.memory.subarray(0, size),
    release: () => {
      if (released) return;
      released = true;
      s.leased = false;
    },
  };
}

/** The rare strings in the lines of one chunk after another (see the top of this file). */
export class RareStrings {
  private bytes?: Buffer;
  /** Where the first string at or after the last start asked is; -1: not searched yet. */
  private next = Infinity;
  /** Where the chunk is in the scanner's memory: its own place, the copy area, or -1 (indexOf). */
  private offset = -1;
  private readonly scanner: Scanner | null;

  /** `wasm: false` searches with Buffer.indexOf (what the scanner must match; for tests). */
  constructor({ wasm = true }: { wasm?: boolean } = {}) {
    this.scanner = wasm ? theScanner() : null;
  }

  /** Whether one of the strings begins in `bytes[start, end)`; `start` never goes back within one chunk. */
  within(bytes: Buffer, start: number, end: number): boolean {
    if (bytes !== this.bytes) this.take(bytes);
    if (this.next < start) this.next = this.find(bytes, start);
    return this.next < end;
  }

  private take(bytes: Buffer): void {
    this.bytes = bytes;
    this.next = -1;
    this.offset = -1;
    const s = this.scanner;
    if (!s) return;
    if (bytes.buffer === s.memory.buffer && bytes.byteOffset + bytes.length + SLACK <= READ_AREA_BYTES)
      this.offset = bytes.byteOffset;
    else if (bytes.length <= COPY_AREA_BYTES) this.offset = COPY_AT;
  }

  private find(bytes: Buffer, start: number): number {
    const s = this.scanner;
    if (s && this.offset >= 0) {
      // The copy area is the thread's: another reader may have copied its own chunk there meanwhile.
      if (this.offset === COPY_AT && s.copied !== bytes) {
        bytes.copy(s.memory, COPY_AT);
        s.copied = bytes;
      }
      const at = s.scan(this.offset + start, this.offset + bytes.length) - this.offset;
      return at < bytes.length ? at : Infinity;
    }
    let first = Infinity;
    for (const needle of NEEDLES) {
      const at = bytes.indexOf(needle, start);
      if (at >= 0 && at < first) first = at;
    }
    return first;
  }
}
