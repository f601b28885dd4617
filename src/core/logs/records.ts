/**
 * Physical lines → logical records. A pretty-printed JSON object is gathered until its braces balance;
 * continuation lines (stack traces, `caused by:`, aws-sdk-go `status code: 400`, `#1: …` retry lists) are
 * attached to the record before them. At most one record is held at a time, and each is capped, so memory
 * stays flat whatever the input.
 */
import { braceDepth, decodeLine, fromJsonObject, type DecodedFields } from './decode.js';
import type { LogFormat, LogRecord } from './types.js';

/** Caps that keep one record bounded. */
const MAX_PRETTY_CHARS = 256 * 1024;
const MAX_PRETTY_LINES = 2000;
const MAX_CONTINUATION_CHARS = 8 * 1024;
export const MAX_RAW_CHARS = 4 * 1024;

/** What the lines were, besides records: counted as they are read. */
export interface LineCounts {
  /**
   * Formats and wrappers, counted once per physical line that had them (in first-seen order). A Map: an
   * object gaining keys changes shape, and every new reader's fresh one would throw away optimised code.
   */
  formats: Map<string, number>;
  /** Lines that are not part of any record (blank lines). */
  skipped: number;
}

const capped = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

/** A crash's first line. */
const CRASH = /^(?:panic: |fatal error: )/;
/** The lines of a Go crash after its first: the signal, goroutine headers, frames and their files. */
const CRASH_LINE =
  /^(?:\s|goroutine \d+ \[|\[signal |created by |panic\(|panic: |exit status |[\w./*()[\]{}~-]+\(.*\)\s*$)/;

/**
 * Lines in, records out: `push` returns the record a line completes (the one before it, when the line
 * starts a new record), so the reader pulls records one by one.
 */
export class RecordAssembler {
  private readonly counted: LineCounts = { formats: new Map(), skipped: 0 };
  /** Lines of one format in a row, not yet in `counted`: nearly every line of a log is of the last one's. */
  private runFormat: LogFormat | undefined;
  private runLength = 0;
  private pending?: LogRecord;
  private pretty?: {
    text: string;
    depth: number;
    inString: boolean;
    lines: number;
    lineNumber: number;
    prefixTime?: string;
  };
  private lineNumber: number;
  /** The record held is a crash: its stack, blank lines included, belongs to it. */
  private crashing = false;
  /**
   * Whether the first line pushed begins a record of its own (anything but a continuation line), so that
   * reading from it on gives what reading the whole stream would; undefined before the first line.
   */
  startsClean?: boolean;

  /** `firstLineNumber`: lines before the first one pushed (when reading a stream from its middle). */
  constructor(
    readonly source: string,
    firstLineNumber = 0,
  ) {
    this.lineNumber = firstLineNumber;
  }

  /** Inside a pretty-printed object: the next line belongs to it. */
  get open(): boolean {
    return this.pretty !== undefined;
  }

  /** Where the lines are now: lines pushed so far (plus the first line number given). */
  get linesRead(): number {
    return this.lineNumber;
  }

  /** Take one line; returns the record it completes, if any (at most one per line). */
  push(line: string): LogRecord | undefined {
    this.lineNumber += 1;
    if (this.pretty) return this.continuePretty(line);
    if (this.crashing && this.pending) {
      if (line.trim() === '') {
        this.counted.skipped += 1;
        return undefined;
      }
      if (CRASH_LINE.test(line)) {
        this.appendContinuation(this.pending, line.trimEnd(), line);
        return undefined;
      }
      this.crashing = false;
    }
    const decoded = decodeLine(line);
    this.startsClean ??= decoded.kind !== 'continuation';
    for (const wrapper of decoded.wrappers) this.count(wrapper);
    switch (decoded.kind) {
      case 'record':
      case 'text': {
        const done = this.flush();
        this.count(decoded.record.format);
        this.pending = this.toRecord(decoded.record, line);
        this.crashing = CRASH.test(decoded.record.message);
        return done;
      }
      case 'continuation':
        if (this.pending) {
          this.appendContinuation(this.pending, this.takeTrailingFields(this.pending, decoded.body), line);
        } else {
          this.count('text');
          this.pending = this.toRecord({ message: decoded.body.trim(), error: '', format: 'text' }, line);
        }
        return undefined;
      case 'json-start': {
        const done = this.flush();
        const { depth, inString } = braceDepth(decoded.body);
        this.pretty = {
          text: decoded.body,
          depth,
          inString,
          lines: 1,
          lineNumber: this.lineNumber,
          prefixTime: decoded.prefixTime,
        };
        return done;
      }
      case 'blank':
        this.counted.skipped += 1;
        return this.flush();
    }
  }

  /**
   * A line whose decoding is known (a JSON record read from its bytes, see routine-lines.ts): what `push`
   * does with the record decodeLine would return for it.
   */
  pushRecord(fields: DecodedFields, line: string): LogRecord | undefined {
    this.lineNumber += 1;
    this.startsClean ??= true;
    this.crashing = false;
    const done = this.flush();
    this.count(fields.format);
    this.pending = this.toRecord(fields, line);
    return done;
  }

  /**
   * A line read elsewhere as a complete record of its own (a routine JSON line): it ends the record held,
   * which is returned, and counts as a line of `format`.
   */
  skipRecordLine(format: LogFormat): LogRecord | undefined {
    this.lineNumber += 1;
    this.startsClean ??= true;
    this.count(format);
    return this.flush();
  }

  /** Whether `line` would continue the record before it (a stack line, `caused by:`, …). */
  continues(line: string): boolean {
    if (line.charCodeAt(0) === 123 /* { */) return false;
    return !this.pretty && decodeLine(line).kind === 'continuation';
  }

  /**
   * Take back a line given to skipRecordLine as the record held (its line number), so that the next line
   * can continue it. Its format was counted already.
   */
  adopt(line: string, lineNumber: number): void {
    const decoded = decodeLine(line);
    if (decoded.kind !== 'record') return;
    this.pending = this.toRecord(decoded.record, line, lineNumber);
  }

  /** The record being assembled (the last one pushed, while lines may still continue it). */
  get current(): LogRecord | undefined {
    return this.pending;
  }

  /** The record still held, at the end of the input. */
  end(): LogRecord | undefined {
    if (this.pretty) return this.closePretty(false);
    return this.flush();
  }

  private appendContinuation(record: LogRecord, body: string, line: string): void {
    if (record.continuation.length >= MAX_CONTINUATION_CHARS) return;
    record.continuation = capped(
      record.continuation ? `${record.continuation}\n${body}` : body,
      MAX_CONTINUATION_CHARS,
    );
    if (record.raw.length < MAX_RAW_CHARS) record.raw = capped(`${record.raw}\n${line}`, MAX_RAW_CHARS);
  }

  /**
   * A zap console record whose message spans lines ends its last line with the fields
   * (`…\t{"commit": "7e79a67", …}`): they belong to the record, not to its text.
   */
  private takeTrailingFields(record: LogRecord, body: string): string {
    if (record.format !== 'karpenter-console' || record.fields !== undefined || !body.endsWith('}'))
      return body;
    const at = body.lastIndexOf('\t{');
    if (at < 0) return body;
    try {
      const fields: unknown = JSON.parse(body.slice(at + 1));
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return body;
      record.fields = fields as Record<string, unknown>;
      return body.slice(0, at).trimEnd();
    } catch {
      return body;
    }
  }

  private count(format: LogFormat): void {
    if (format === this.runFormat) {
      this.runLength += 1;
      return;
    }
    this.endRun();
    this.runFormat = format;
    this.runLength = 1;
  }

  private endRun(): void {
    const format = this.runFormat;
    if (format === undefined) return;
    const formats = this.counted.formats;
    formats.set(format, (formats.get(format) ?? 0) + this.runLength);
    this.runFormat = undefined;
    this.runLength = 0;
  }

  /** What the lines were, besides records, so far. */
  get counts(): LineCounts {
    this.endRun();
    return this.counted;
  }

  private continuePretty(line: string): LogRecord | undefined {
    const pretty = this.pretty!;
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    const { depth, inString } = braceDepth(body, pretty.inString);
    pretty.depth += depth;
    pretty.inString = inString;
    pretty.lines += 1;
    if (pretty.text.length < MAX_PRETTY_CHARS)
      pretty.text = capped(`${pretty.text}\n${body}`, MAX_PRETTY_CHARS);
    if (pretty.depth <= 0) return this.closePretty(true);
    if (pretty.lines >= MAX_PRETTY_LINES || pretty.text.length >= MAX_PRETTY_CHARS)
      return this.closePretty(false);
    return undefined;
  }

  /** Emit the gathered object; when it does not parse (truncated, capped), as text so it is still read. */
  private closePretty(balanced: boolean): LogRecord {
    const pretty = this.pretty!;
    this.pretty = undefined;
    let fields: DecodedFields | undefined;
    if (balanced) {
      try {
        const value: unknown = JSON.parse(pretty.text);
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          fields = fromJsonObject(value as Record<string, unknown>, true);
      } catch {
        fields = undefined;
      }
    }
    if (!fields) {
      const level = /"level"\s*:\s*"(\w+)"/.exec(pretty.text);
      fields = {
        message: pretty.text.replace(/\s*\n\s*/g, ' '),
        error: '',
        format: 'text',
        level:
          level?.[1] === undefined ? undefined : level[1].toUpperCase() === 'ERROR' ? 'ERROR' : undefined,
      };
    }
    if (!fields.time && pretty.prefixTime) fields.time = pretty.prefixTime;
    this.count(fields.format);
    return this.toRecord(fields, pretty.text, pretty.lineNumber);
  }

  private toRecord(fields: DecodedFields, raw: string, lineNumber = this.lineNumber): LogRecord {
    // Every record built with the same property order: one hidden class on the hot path.
    return {
      time: fields.time,
      level: fields.level,
      logger: fields.logger,
      controller: fields.controller,
      message: fields.message,
      error: fields.error,
      continuation: '',
      fields: fields.fields,
      json: fields.json,
      format: fields.format,
      source: this.source,
      lineNumber,
      raw: raw.length > MAX_RAW_CHARS ? raw.slice(0, MAX_RAW_CHARS) : raw,
    };
  }

  private flush(): LogRecord | undefined {
    const record = this.pending;
    this.pending = undefined;
    this.crashing = false;
    return record;
  }
}
