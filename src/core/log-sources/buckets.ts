/**
 * Lines from an interleaved feed (a log group's events, in time order across all its streams) sorted
 * into one byte stream per source, for an analyser that reads one source after another. Held as encoded
 * chunks, within a byte budget.
 */
import type { LogSource } from '../explain-logs/analyse.js';
import type { LogComponent } from './cloudwatch.js';

/** Joined and encoded once this many characters are pending: few, mid-sized chunks. */
const CHUNK_CHARS = 64 * 1024;

const COMPONENT_ORDER: Record<LogComponent, number> = { karpenter: 0, nth: 1, unknown: 2, other: 3 };

/** A source built from remote lines: which tool wrote it, and how much it holds. */
export interface RemoteLogSource extends LogSource {
  chunks: Uint8Array[];
  component: LogComponent;
  lines: number;
  bytes: number;
}

interface Bucket {
  name: string;
  component: LogComponent;
  chunks: Uint8Array[];
  pending: string[];
  pendingChars: number;
  lines: number;
}

/** What may still be held, shared by every LineBuckets reading for one run; in characters (ASCII logs). */
export interface ByteBudget {
  remaining: number;
}

export class LineBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly encoder = new TextEncoder();
  private totalBytes = 0;
  private totalLines = 0;

  constructor(private readonly budget: ByteBudget) {}

  get bytes(): number {
    return this.totalBytes;
  }

  get lines(): number {
    return this.totalLines;
  }

  /** Append one event's text (without its final newline). False, and nothing kept, once the budget is spent. */
  add(key: string, name: string, component: LogComponent, text: string): boolean {
    const size = text.length + 1;
    if (size > this.budget.remaining) return false;
    this.budget.remaining -= size;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { name, component, chunks: [], pending: [], pendingChars: 0, lines: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.pending.push(text, '\n');
    bucket.pendingChars += size;
    bucket.lines += text.split('\n').length;
    this.totalBytes += size;
    this.totalLines += 1;
    if (bucket.pendingChars >= CHUNK_CHARS) this.flush(bucket);
    return true;
  }

  /** Every bucket as a source: Karpenter's first, then NTH's, then the rest; by name within each. */
  sources(): RemoteLogSource[] {
    const buckets = [...this.buckets.values()];
    for (const bucket of buckets) this.flush(bucket);
    return buckets
      .sort(
        (a, b) => COMPONENT_ORDER[a.component] - COMPONENT_ORDER[b.component] || a.name.localeCompare(b.name),
      )
      .map((bucket) => ({
        name: bucket.name,
        chunks: bucket.chunks,
        component: bucket.component,
        lines: bucket.lines,
        bytes: bucket.chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0),
      }));
  }

  private flush(bucket: Bucket): void {
    if (bucket.pending.length === 0) return;
    bucket.chunks.push(this.encoder.encode(bucket.pending.join('')));
    bucket.pending = [];
    bucket.pendingChars = 0;
  }
}
