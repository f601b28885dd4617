/**
 * What was read: lines, bytes, records, skipped and over-long lines, formats and wrappers, each source,
 * and the time range the records span.
 */
import { detach } from '../logs/json-fields.js';
import type { LineCounts } from '../logs/records.js';
import type { LogFormat } from '../logs/types.js';
import { earlier, later } from './bounds.js';
import type { LogStats } from './result.js';

/** One source read to the end. */
export interface SourceSummary {
  lines: number;
  /** Bytes after decompression. */
  bytes: number;
  gzip: boolean;
}

export class LogStatsPart {
  constructor(
    readonly stats: LogStats = {
      lines: 0,
      bytes: 0,
      records: 0,
      skipped: 0,
      truncatedLines: 0,
      formats: {},
      sources: [],
    },
    public start?: string,
    public end?: string,
  ) {}

  record(time: string | undefined): void {
    this.stats.records += 1;
    if (time) {
      if (this.start === undefined || time < this.start) this.start = detach(time);
      if (this.end === undefined || time > this.end) this.end = time;
    }
  }

  /** `count` records between `first` and `last`. */
  recordRun(count: number, first: string, last: string): void {
    this.stats.records += count;
    if (this.start === undefined || first < this.start) this.start = first;
    if (this.end === undefined || last > this.end) this.end = last;
  }

  skipped(): void {
    this.stats.skipped += 1;
  }

  /** Add what a reader counted on the way: formats, blank lines, over-long lines. */
  addCounts(counts: LineCounts, truncatedLines: number): void {
    this.addFormats(counts.formats);
    this.stats.skipped += counts.skipped;
    this.stats.truncatedLines += truncatedLines;
  }

  /** Count a source read to the end. */
  addSource(name: string, summary: SourceSummary): void {
    this.stats.lines += summary.lines;
    this.stats.bytes += summary.bytes;
    this.stats.sources.push({ name, lines: summary.lines, bytes: summary.bytes, gzip: summary.gzip });
    if (summary.gzip) this.addFormats({ gzip: 1 } satisfies Partial<Record<LogFormat, number>>);
  }

  /** Continue with what was counted in the input that follows (its sources are added by the caller). */
  merge(next: LogStatsPart): void {
    this.stats.records += next.stats.records;
    this.stats.skipped += next.stats.skipped;
    this.stats.truncatedLines += next.stats.truncatedLines;
    this.addFormats(next.stats.formats);
    this.start = earlier(this.start, next.start);
    this.end = later(this.end, next.end);
  }

  private addFormats(formats: Record<string, number> | Map<string, number>): void {
    const entries = formats instanceof Map ? formats.entries() : Object.entries(formats);
    for (const [format, count] of entries)
      this.stats.formats[format] = (this.stats.formats[format] ?? 0) + count;
  }
}
