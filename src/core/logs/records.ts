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
const MAX_RAW_CHARS = 4 * 1024;

export interface RecordSink {
  record(record: LogRecord): void;
  /** A line that is not part of any record (blank line). */
  skipped(): void;
  /** Formats and wrappers, counted once per physical line that had them. */
  format(format: LogFormat): void;
}

const capped = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

export class RecordAssembler {
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
  /**
   * Whether the first line pushed begins a record of its own (anything but a continuation line), so that
   * reading from it on gives what reading the whole stream would; undefined before the first line.
   */
  startsClean?: boolean;

  /** `firstLineNumber`: lines before the first one pushed (when reading a stream from its middle). */
  constructor(
    private readonly sink: RecordSink,
    private readonly source: string,
    firstLineNumber = 0,
  ) {
    this.lineNumber = firstLineNumber;
  }

  /** Inside a pretty-printed object: the next line belongs to it. */
  get open(): boolean {
    return this.pretty !== undefined;
  }

  push(line: string): void {
    this.lineNumber += 1;
    if (this.pretty) {
      this.continuePretty(line);
      return;
    }
    const decoded = decodeLine(line);
    this.startsClean ??= decoded.kind !== 'continuation';
    for (const wrapper of decoded.wrappers) this.sink.format(wrapper);
    switch (decoded.kind) {
      case 'record':
      case 'text':
        this.flush();
        this.sink.format(decoded.record.format);
        this.pending = this.toRecord(decoded.record, line);
        return;
      case 'continuation':
        if (this.pending && this.pending.continuation.length < MAX_CONTINUATION_CHARS) {
          this.pending.continuation = capped(
            this.pending.continuation ? `${this.pending.continuation}\n${decoded.body}` : decoded.body,
            MAX_CONTINUATION_CHARS,
          );
          if (this.pending.raw.length < MAX_RAW_CHARS)
            this.pending.raw = capped(`${this.pending.raw}\n${line}`, MAX_RAW_CHARS);
        } else if (!this.pending) {
          this.sink.format('text');
          this.pending = this.toRecord({ message: decoded.body.trim(), error: '', format: 'text' }, line);
        }
        return;
      case 'json-start': {
        this.flush();
        const { depth, inString } = braceDepth(decoded.body);
        this.pretty = {
          text: decoded.body,
          depth,
          inString,
          lines: 1,
          lineNumber: this.lineNumber,
          prefixTime: decoded.prefixTime,
        };
        return;
      }
      case 'blank':
        this.flush();
        this.sink.skipped();
        return;
    }
  }

  /** Flush what is held; call at end of input. */
  end(): void {
    if (this.pretty) this.closePretty(false);
    this.flush();
  }

  private continuePretty(line: string): void {
    const pretty = this.pretty!;
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    const { depth, inString } = braceDepth(body, pretty.inString);
    pretty.depth += depth;
    pretty.inString = inString;
    pretty.lines += 1;
    if (pretty.text.length < MAX_PRETTY_CHARS)
      pretty.text = capped(`${pretty.text}\n${body}`, MAX_PRETTY_CHARS);
    if (pretty.depth <= 0) this.closePretty(true);
    else if (pretty.lines >= MAX_PRETTY_LINES || pretty.text.length >= MAX_PRETTY_CHARS)
      this.closePretty(false);
  }

  /** Emit the gathered object; when it does not parse (truncated, capped), as text so it is still read. */
  private closePretty(balanced: boolean): void {
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
    this.sink.format(fields.format);
    const record = this.toRecord(fields, pretty.text, pretty.lineNumber);
    this.pending = record;
    this.flush();
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

  private flush(): void {
    if (!this.pending) return;
    const record = this.pending;
    this.pending = undefined;
    this.sink.record(record);
  }
}
