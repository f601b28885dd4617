/**
 * The pipeline: bytes → text → lines → records → observations → a diagnosis. The reader pulls chunks from
 * the source and each stage hands on what the previous one completed, so memory stays flat whatever the
 * input. `analyseSource` reads a whole stream; `analyseRange` reads one byte range of a file for a reader
 * in another thread; both are the same reader.
 */
import { LineSplitter, Utf8Text } from '../logs/lines.js';
import { RecordAssembler } from '../logs/records.js';
import { Diagnosis, type DiagnosisData } from './diagnosis.js';
import type { SourceSummary } from './log-stats.js';
import { RecordObserver } from './observe.js';
import { buildReport, type ReportOptions } from './report.js';
import type { ExplainResult } from './result.js';

export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * A log to read: a name and its bytes (already decompressed). File, stdin, CloudWatch Logs or a pod's log —
 * the analysis does not care which.
 */
export interface LogSource {
  name: string;
  chunks: Chunks;
  /** The bytes were decompressed from gzip (shown in the stats). */
  gzip?: boolean;
  /**
   * Read the source some faster way straight into `into` (a large regular file in parallel byte ranges),
   * giving what reading `chunks` would; undefined when it declines, and `chunks` is read instead.
   */
  readInto?: (into: Diagnosis) => Promise<SourceSummary | undefined>;
}

/** Reads one stream (or a byte range of one) into a diagnosis. */
export class SourceReader {
  private readonly text = new Utf8Text();
  private readonly splitter = new LineSplitter();
  private readonly assembler: RecordAssembler;
  private readonly observer = new RecordObserver();
  private readonly lines: string[] = [];

  /** `firstLine`: lines of the source before the first one read here. */
  constructor(
    private readonly into: Diagnosis,
    name: string,
    firstLine = 0,
  ) {
    this.assembler = new RecordAssembler(name, firstLine);
  }

  /** Inside a pretty-printed object: the next line belongs to it. */
  get open(): boolean {
    return this.assembler.open;
  }

  /** The first line read begins a record of its own (reading from here gives what the stream would). */
  get startsClean(): boolean {
    return this.assembler.startsClean ?? true;
  }

  /** Read one chunk. */
  read(chunk: Uint8Array | string): void {
    this.lines.length = 0;
    this.splitter.push(this.text.decode(chunk), this.lines);
    this.take();
  }

  async readAll(chunks: Chunks): Promise<void> {
    for await (const chunk of chunks) this.read(chunk);
  }

  /** End of input: what is held is flushed and counted. Returns the lines and bytes read here. */
  end(): { lines: number; bytes: number } {
    this.lines.length = 0;
    this.splitter.push(this.text.end(), this.lines);
    this.splitter.end(this.lines);
    this.take();
    const last = this.assembler.end();
    if (last) this.into.add(this.observer.observe(last));
    this.into.stats.addCounts(this.assembler.counts, this.splitter.truncated);
    return { lines: this.splitter.lines, bytes: this.text.bytes };
  }

  private take(): void {
    for (const line of this.lines) {
      const record = this.assembler.push(line);
      if (record) this.into.add(this.observer.observe(record));
    }
  }
}

/** Read a whole source into `into` (a new diagnosis when not given) and count it as a source. */
export async function analyseSource(source: LogSource, into = new Diagnosis()): Promise<Diagnosis> {
  const fast = source.readInto ? await source.readInto(into) : undefined;
  if (fast) {
    into.stats.addSource(source.name, fast);
    return into;
  }
  const reader = new SourceReader(into, source.name);
  await reader.readAll(source.chunks);
  const read = reader.end();
  into.stats.addSource(source.name, { ...read, gzip: source.gzip ?? false });
  return into;
}

/** What one byte range of a file adds up to, for the reader of the whole file to merge. */
export interface RangeAnalysis {
  diagnosis: DiagnosisData;
  lines: number;
  bytes: number;
  /** The range's first line begins a record: reading from there gives what reading the stream would. */
  startsClean: boolean;
  /** The range ended inside a pretty-printed object. */
  endedOpen: boolean;
}

/** Read one byte range of the source `name` on its own. */
export async function analyseRange(name: string, chunks: Chunks): Promise<RangeAnalysis> {
  const diagnosis = new Diagnosis();
  const reader = new SourceReader(diagnosis, name);
  await reader.readAll(chunks);
  const endedOpen = reader.open;
  const { lines, bytes } = reader.end();
  return { diagnosis: diagnosis.data(), lines, bytes, startsClean: reader.startsClean, endedOpen };
}

/** Read every source in order and report the diagnosis. */
export async function explainLogs(
  sources: Iterable<LogSource> | AsyncIterable<LogSource>,
  options: ReportOptions = {},
): Promise<ExplainResult> {
  const diagnosis = new Diagnosis();
  for await (const source of sources) await analyseSource(source, diagnosis);
  return buildReport(diagnosis, options);
}
