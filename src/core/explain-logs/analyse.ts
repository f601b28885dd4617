/**
 * The pipeline: bytes → lines → records → observations → a diagnosis. The reader pulls chunks from
 * the source and each stage hands on what the previous one completed, so memory stays flat whatever the
 * input. `analyseSource` reads a whole stream; `analyseRange` reads one byte range of a file for a reader
 * in another thread; both are the same reader.
 */
import { ByteLines, type LineSink } from '../logs/lines.js';
import { RecordAssembler } from '../logs/records.js';
import { Diagnosis, type DiagnosisData } from './diagnosis.js';
import type { SourceSummary } from './log-stats.js';
import { RecordObserver } from './observe.js';
import { HELD, NOT_ROUTINE, RECORD, RoutineLines, type RoutineRecord } from './routine-lines.js';
import { buildReport, type ReportOptions } from './report.js';
import type { ExplainResult } from './result.js';
import type { Classification } from '../logs/classify.js';
import type { LogRecord } from '../logs/types.js';

/**
 * The bytes of a log, in order. A source may reuse a chunk's memory once the next chunk is asked for: the
 * reader copies what it keeps of a chunk before it asks.
 */
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
export class SourceReader implements LineSink {
  private readonly lines = new ByteLines();
  private readonly assembler: RecordAssembler;
  private readonly observer: RecordObserver;
  private readonly routine: RoutineLines;
  /** The line number of the routine line held (see byteLine). */
  private heldLine = 0;
  /** The record last read from its bytes, its classification when known, and its routine (see observe). */
  private known?: { record: LogRecord | undefined; classification?: Classification; read: RoutineRecord };

  private readonly fast: boolean;

  /**
   * `firstLine`: lines of the source before the first one read here. `routine: false` reads every line the
   * full way (what the routine-line path must match; for tests). `observer`: one that read other parts of
   * the same source on this thread, so that what it learnt of their texts is not learnt again.
   */
  constructor(
    private readonly into: Diagnosis,
    name: string,
    firstLine = 0,
    {
      routine = true,
      observer = new RecordObserver(),
    }: { routine?: boolean; observer?: RecordObserver } = {},
  ) {
    this.assembler = new RecordAssembler(name, firstLine);
    this.routine = new RoutineLines(into);
    this.fast = routine;
    this.observer = observer;
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
    this.lines.push(chunk, this);
  }

  async readAll(chunks: Chunks): Promise<void> {
    for await (const chunk of chunks) {
      this.read(chunk);
      // Keep nothing that points into the chunk (see Chunks).
      this.routine.detach();
    }
  }

  /** End of input: what is held is flushed and counted. Returns the lines and bytes read here. */
  end(): { lines: number; bytes: number } {
    this.lines.end(this);
    this.routine.count();
    const last = this.assembler.end();
    if (last) this.observe(last);
    this.routine.flush();
    this.into.stats.addCounts(this.assembler.counts, this.lines.truncated);
    return { lines: this.lines.lines, bytes: this.lines.bytes };
  }

  /** One line, as bytes: a routine line is counted from them, any other is decoded and read in full. */
  byteLine(bytes: Buffer, start: number, end: number): void {
    // A routine line is held, and counted unless the line after it turns out to continue its record.
    if (bytes[start] === 123 /* { */ && this.fast) {
      this.routine.count();
      const read = this.assembler.open ? NOT_ROUTINE : this.routine.read(bytes, start, end);
      if (read === HELD) {
        const done = this.assembler.skipRecordLine('karpenter-json');
        if (done) this.observe(done);
        this.heldLine = this.assembler.linesRead;
        return;
      }
      if (read === RECORD && this.routine.fields) {
        const done = this.assembler.pushRecord(this.routine.fields, this.routine.line);
        if (done) this.observe(done);
        const read = this.routine.record;
        this.known = read
          ? { record: this.assembler.current, classification: this.routine.classification, read }
          : undefined;
        return;
      }
    }
    const line = this.lines.text(bytes, start, end);
    if (this.routine.holding) {
      if (this.assembler.continues(line)) {
        // Read the held line the full way after all, so the continuation joins it.
        const held = this.routine.takeBack();
        if (held !== undefined) this.assembler.adopt(held, this.heldLine);
      } else this.routine.count();
    }
    const record = this.assembler.push(line);
    if (record) this.observe(record);
  }

  private observe(record: LogRecord): void {
    // A record read from its bytes, unless lines continued it: its text was classified before (and when
    // that did not depend on fields, so was the record), it carries no AWS code, and its version
    // evidence is counted from its bytes.
    const fromBytes = this.known?.record === record && record.continuation === '' ? this.known : undefined;
    const observation = this.observer.observe(
      record,
      fromBytes ? { classification: fromBytes.classification } : undefined,
    );
    if (fromBytes) this.routine.countRecord(fromBytes.read);
    this.into.add(observation, fromBytes !== undefined);
    if (record.format === 'karpenter-json') this.routine.learn(record.raw, observation);
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

/**
 * Read one byte range of the source `name` on its own. `observer`: the one this thread read the source's
 * other ranges with (see SourceReader).
 */
export async function analyseRange(
  name: string,
  chunks: Chunks,
  observer?: RecordObserver,
): Promise<RangeAnalysis> {
  const diagnosis = new Diagnosis();
  const reader = new SourceReader(diagnosis, name, 0, { observer });
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
