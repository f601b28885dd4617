/**
 * Decode one physical line in any of the formats users paste: Karpenter JSON (v0.32+/v1) and zap console
 * (≤ v0.31, tabs or runs of spaces), NTH zerolog console and JSON, klog, Go `log`, `kubectl describe`
 * event rows — behind any of the wrappers log pipelines add (CRI, `kubectl logs --prefix`, a log viewer's
 * timestamp, Fluent Bit/CloudWatch `{"log": …}`, ANSI colours, CRLF). Every regex here is anchored and
 * linear: no nested quantifiers over the same characters, so a hostile line cannot make them backtrack.
 */
import { jsonStringFieldBy } from './json-fields.js';
import type { Level, LogFormat } from './types.js';

export interface DecodedFields {
  time?: string;
  level?: Level;
  logger?: string;
  controller?: string;
  message: string;
  error: string;
  fields?: Record<string, unknown>;
  /** Compact JSON left unparsed (see json-fields.ts). */
  json?: string;
  format: LogFormat;
}

export type DecodedLine =
  | { kind: 'record'; record: DecodedFields; wrappers: LogFormat[] }
  /** The first line of a pretty-printed JSON object; `body` is the line without wrappers. */
  | { kind: 'json-start'; body: string; wrappers: LogFormat[]; prefixTime?: string }
  | { kind: 'continuation'; body: string; wrappers: LogFormat[] }
  | { kind: 'blank'; wrappers: LogFormat[] }
  | { kind: 'text'; record: DecodedFields; wrappers: LogFormat[] };

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) `?(?:stdout|stderr)`? [FP] /;
/** A log viewer's own timestamp before a JSON record (or alone on its line, as Grafana exports do). */
const VIEWER_TIME = /^(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?Z?)(?:\s+(?=["{])|\s*$)/;
/** `kubectl logs --prefix`: `[pod/karpenter-5d8f/controller] `. */
const KUBECTL_PREFIX = /^\[pod\/[^\]\s]+\] /;
/** `stern` / log-aggregator style `<pod> <container> ` before a timestamp, JSON or klog line. */
const POD_CONTAINER_PREFIX =
  /^[a-z0-9][a-z0-9.-]{2,252} [a-z0-9][a-z0-9-]{0,62} (?=\d{4}-\d\d-\d\dT|\{|[IWEF]\d{4} )/;
const CONSOLE =
  /^(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)\s+)?(DEBUG|INFO|WARN|WARNING|ERROR|DPANIC|PANIC|FATAL)\s+(\S+)\s+([^]*)$/;
const CALLER = /^[\w./-]+\.go:\d+\s+/;
const NTH_CONSOLE =
  /^(\d{4})\/(\d\d)\/(\d\d) (\d\d:\d\d:\d\d) (?:(INF|WRN|ERR|DBG|FTL|PNC|TRC|\?\?\?) )?([^]*)$/;
const KLOG = /^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ ([^\]\s]+)\] ([^]*)$/;
const EVENT_ROW = /^\s*(Normal|Warning)\s{2,}\S+\s{2,}/;
const CONTINUATION = /^(?:[ \t]|#\d+:|caused by:|github\.com\/|goroutine \d|status code:)/;
/** A Go panic or runtime fatal error: the first line of a crash, with its stack on the lines after it. */
const CRASH = /^(?:panic: |fatal error: )/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

const LEVELS: Record<string, Level | undefined> = {
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARN',
  WARNING: 'WARN',
  ERROR: 'ERROR',
  DPANIC: 'FATAL',
  PANIC: 'FATAL',
  FATAL: 'FATAL',
  INF: 'INFO',
  WRN: 'WARN',
  ERR: 'ERROR',
  DBG: 'DEBUG',
  TRC: 'DEBUG',
  FTL: 'FATAL',
  PNC: 'FATAL',
  I: 'INFO',
  W: 'WARN',
  E: 'ERROR',
  F: 'FATAL',
};

export const normaliseLevel = (value: unknown): Level | undefined => {
  if (typeof value !== 'string') return undefined;
  // zap's own level names first: nearly every line, and no property lookup. The constants, not `value`
  // (a slice of the line): later comparisons with them are then between strings of one kind.
  if (value === 'INFO') return 'INFO';
  if (value === 'ERROR') return 'ERROR';
  if (value === 'DEBUG') return 'DEBUG';
  if (value === 'WARN') return 'WARN';
  return LEVELS[value] ?? LEVELS[value.toUpperCase()];
};

/** ISO 8601 UTC for the time forms the supported formats use; undefined when unusable. */
export function normaliseTime(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // zap `ts`: epoch seconds (fractional).
    const date = new Date(value > 1e12 ? value : value * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value !== 'string' || value.length < 19) return undefined;
  if (ISO_UTC.test(value)) return value;
  // Log-viewer times like `2024-03-05 09:41:56.450` carry no zone: read them as UTC.
  const candidate = value.includes('T') ? value : `${value.replace(' ', 'T')}`;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(candidate) ? candidate : `${candidate}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const isKarpenterJson = (obj: Record<string, unknown>): boolean =>
  'logger' in obj ||
  'commit' in obj ||
  'controller' in obj ||
  'NodeClaim' in obj ||
  (typeof obj.level === 'string' && obj.level === obj.level.toUpperCase());

/** Map a parsed JSON log object (Karpenter zap, NTH zerolog, knative zap) to record fields. */
export function fromJsonObject(obj: Record<string, unknown>, pretty: boolean): DecodedFields {
  const rawError = obj.error;
  const error =
    typeof rawError === 'string' ? rawError : rawError === undefined ? '' : JSON.stringify(rawError);
  const karpenter = isKarpenterJson(obj);
  return {
    time: normaliseTime(obj.time ?? obj.ts ?? obj.timestamp),
    level: normaliseLevel(obj.level),
    logger: str(obj.logger),
    controller: str(obj.controller),
    message: withEvent(str(obj.message) ?? str(obj.msg) ?? '', obj.event),
    error,
    fields: obj,
    format: karpenter ? (pretty ? 'karpenter-json-pretty' : 'karpenter-json') : 'nth-json',
  };
}

/** NTH JSON puts the event in a field; its console form prints `event={…}` — read both the same way. */
const withEvent = (message: string, event: unknown): string =>
  typeof event === 'object' && event !== null ? `${message} event=${JSON.stringify(event)}` : message;

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Compact zap JSON read without `JSON.parse`: level, time, message, error, logger, controller by key. Any
 * form it is unsure of (spaces, nested error object, NTH `event`, Fluent Bit `log`) returns undefined and
 * the caller parses the line.
 */
function fastJson(line: string): DecodedFields | undefined {
  if (line.charCodeAt(1) !== 34 /* " */ || line.startsWith('{"log":')) return undefined;
  // The two keys that are usually absent, NTH's `"event":{` and `"error":`, would each cost a scan of
  // the whole line; both start `"e`, which is rare in zap lines, so one scan finds either.
  let hasError = false;
  for (let at = line.indexOf('"e'); at >= 0; at = line.indexOf('"e', at + 1)) {
    if (line.startsWith('"event":{', at)) return undefined;
    if (!hasError && line.startsWith('"error":', at)) hasError = true;
  }
  let message = jsonStringFieldBy(line, '"message":"');
  if (message === undefined) message = jsonStringFieldBy(line, '"msg":"', '"msg":');
  // zap writes level, time, logger and message first, so those searches stop early. `controller` is left
  // to `fieldOf` for the rare rule that needs it.
  const level = jsonStringFieldBy(line, '"level":"');
  const time = jsonStringFieldBy(line, '"time":"');
  const error = hasError ? jsonStringFieldBy(line, '"error":"', '"error":') : undefined;
  const logger = jsonStringFieldBy(line, '"logger":"');
  if (
    message === undefined ||
    message === null ||
    level === null ||
    time === null ||
    error === null ||
    logger === null ||
    (time === undefined && line.includes('"ts":'))
  )
    return undefined;
  const karpenter =
    (level !== undefined && level === level.toUpperCase()) ||
    logger !== undefined ||
    line.includes('"commit":') ||
    line.includes('"controller":') ||
    line.includes('"NodeClaim":');
  return {
    time: normaliseTime(time),
    level: normaliseLevel(level),
    logger,
    controller: undefined,
    message,
    error: error ?? '',
    fields: undefined,
    json: line,
    format: karpenter ? 'karpenter-json' : 'nth-json',
  };
}

/** Net `{`/`}` depth of `text`, ignoring braces inside JSON strings. */
export function braceDepth(text: string, inString = false): { depth: number; inString: boolean } {
  let depth = 0;
  let quoted = inString;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 92 /* \ */) i += 1;
      else if (c === 34 /* " */) quoted = false;
    } else if (c === 34) quoted = true;
    else if (c === 123 /* { */) depth += 1;
    else if (c === 125 /* } */) depth -= 1;
  }
  return { depth, inString: quoted };
}

/**
 * Trailing zap console fields: `\t{"commit": …}` (tabs) or ` {"commit": …}` (spaces). The message itself
 * may contain JSON (`resources {"cpu":"7"}`), so try the last few `{"` from the right until one parses.
 */
function splitConsoleFields(rest: string): { message: string; fields?: Record<string, unknown> } {
  const trimmed = rest.trimEnd();
  if (!trimmed.endsWith('}')) return { message: trimmed };
  const tab = trimmed.lastIndexOf('\t{');
  if (tab >= 0) {
    const fields = parseObject(trimmed.slice(tab + 1));
    if (fields) return { message: trimmed.slice(0, tab).trimEnd(), fields };
  }
  let end = trimmed.length;
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const at = trimmed.lastIndexOf('{"', end - 1);
    if (at <= 0) break;
    const before = trimmed.charCodeAt(at - 1);
    if (before === 32 || before === 9) {
      const fields = parseObject(trimmed.slice(at));
      if (fields) return { message: trimmed.slice(0, at).trimEnd(), fields };
    }
    end = at;
  }
  return { message: trimmed };
}

function decodeConsole(match: RegExpExecArray): DecodedFields {
  let rest = match[4] ?? '';
  const caller = CALLER.exec(rest);
  if (caller) rest = rest.slice(caller[0].length);
  const { message, fields } = splitConsoleFields(rest);
  const error = fields && typeof fields.error === 'string' ? fields.error : '';
  return {
    time: match[1] ? normaliseTime(match[1]) : undefined,
    level: normaliseLevel(match[2]),
    logger: match[3],
    controller: fields ? str(fields.controller) : undefined,
    message,
    error,
    fields,
    format: 'karpenter-console',
  };
}

/** A line that is not a log record: kept as text so the knowledge base can still recognise it. */
function textRecord(body: string, time?: string): DecodedFields {
  // Truncated or hand-edited JSON still names its level.
  const level = /"level"\s*:\s*"(\w+)"/.exec(body.slice(0, 200));
  return {
    time,
    level: level ? normaliseLevel(level[1]) : undefined,
    message: body.trim(),
    error: '',
    format: 'text',
  };
}

/**
 * Decode one line. `depth` limits recursion into wrapped lines (`{"log": "<another format>"}`).
 */
export function decodeLine(line: string, depth = 0): DecodedLine {
  const wrappers: LogFormat[] = [];
  let s = line;
  if (s.endsWith('\r')) {
    s = s.slice(0, -1);
    wrappers.push('crlf');
  }
  if (s.includes('\u001b')) {
    s = s.replace(ANSI, '');
    wrappers.push('ansi');
  }
  let prefixTime: string | undefined;
  // Wrappers can nest (viewer timestamp + kubectl prefix); three peels cover every pipeline seen.
  for (let peel = 0; peel < 3; peel += 1) {
    const c = s.charCodeAt(0);
    if (c === 123 /* { */) break;
    let m: RegExpExecArray | null;
    if (c === 91 /* [ */ && (m = KUBECTL_PREFIX.exec(s))) {
      s = s.slice(m[0].length);
      wrappers.push('kubectl-prefix');
    } else if (c >= 48 && c <= 57 && (m = CRI.exec(s))) {
      prefixTime = normaliseTime(m[1]);
      s = s.slice(m[0].length);
      wrappers.push('cri');
    } else if (c >= 48 && c <= 57 && (m = VIEWER_TIME.exec(s))) {
      prefixTime = normaliseTime(m[1]);
      s = s.slice(m[0].length);
      wrappers.push('timestamp-prefix');
    } else if (c >= 97 && c <= 122 && (m = POD_CONTAINER_PREFIX.exec(s))) {
      s = s.slice(m[0].length);
      wrappers.push('kubectl-prefix');
    } else if (c === 42 /* * */ && s.startsWith('**')) {
      // Markdown bold pasted from an issue.
      s = s.slice(2);
      if (s.endsWith('**')) s = s.slice(0, -2);
    } else break;
  }

  // Markdown bold closing a pasted line (its opening `**` may be lines above).
  if (s.charCodeAt(s.length - 1) === 42 && s.endsWith('}**')) s = s.slice(0, -2);
  const body = s.trimStart();
  if (body.length === 0) return { kind: 'blank', wrappers };
  const first = body.charCodeAt(0);

  if (first === 123 /* { */) {
    const trimmed = body.trimEnd();
    const closed = trimmed.endsWith('}');
    const fast = closed ? fastJson(trimmed) : undefined;
    if (fast) {
      if (!fast.time && prefixTime) fast.time = prefixTime;
      return { kind: 'record', record: fast, wrappers };
    }
    const obj = closed ? parseObject(trimmed) : undefined;
    if (obj) {
      const log = obj.log;
      if (typeof log === 'string' && obj.message === undefined && obj.msg === undefined && depth < 2) {
        const inner = decodeLine(log.endsWith('\n') ? log.slice(0, -1) : log, depth + 1);
        const time = prefixTime ?? normaliseTime(obj.time ?? obj.timestamp);
        inner.wrappers.unshift(...wrappers, 'fluentbit');
        if (time && (inner.kind === 'record' || inner.kind === 'text') && !inner.record.time)
          inner.record.time = time;
        return inner;
      }
      const record = fromJsonObject(obj, false);
      if (!record.time && prefixTime) record.time = prefixTime;
      return { kind: 'record', record, wrappers };
    }
    // Only a line that opens a multi-line object starts one; a truncated single-line record must not
    // swallow the lines after it.
    const opens = trimmed === '{' || /[{[,]$/.test(trimmed);
    if (opens && braceDepth(trimmed).depth > 0)
      return { kind: 'json-start', body: trimmed, wrappers, prefixTime };
    return { kind: 'text', record: textRecord(body, prefixTime), wrappers };
  }

  if (first === 34 /* " */ && body.startsWith('"{')) {
    // A record someone wrapped in quotes when pasting it.
    const trimmed = body.trimEnd();
    const obj = trimmed.endsWith('}"') ? parseObject(trimmed.slice(1, -1)) : undefined;
    if (obj) {
      const record = fromJsonObject(obj, false);
      if (!record.time && prefixTime) record.time = prefixTime;
      return { kind: 'record', record, wrappers };
    }
  }

  let m: RegExpExecArray | null;
  if (first >= 48 && first <= 57) {
    if ((m = NTH_CONSOLE.exec(body))) {
      const time = `${m[1]}-${m[2]}-${m[3]}T${m[4]}Z`;
      const levelTag = m[5];
      return {
        kind: 'record',
        wrappers,
        record: {
          time,
          level: levelTag ? normaliseLevel(levelTag) : undefined,
          message: (m[6] ?? '').trimEnd(),
          // NTH keeps `error="…"` inside the message; the knowledge base reads it there.
          error: '',
          format: levelTag ? 'nth-console' : 'go-log',
        },
      };
    }
  }
  if ((m = CONSOLE.exec(body))) {
    const record = decodeConsole(m);
    if (!record.time && prefixTime) record.time = prefixTime;
    return { kind: 'record', record, wrappers };
  }
  if ((first === 73 || first === 87 || first === 69 || first === 70) && (m = KLOG.exec(body))) {
    return {
      kind: 'record',
      wrappers,
      record: { level: normaliseLevel(m[1]), logger: m[2], message: m[3] ?? '', error: '', format: 'klog' },
    };
  }
  if (EVENT_ROW.test(s)) {
    const warning = s.trimStart().startsWith('Warning');
    return {
      kind: 'record',
      wrappers,
      record: {
        level: warning ? 'WARN' : 'INFO',
        message: body.trimEnd(),
        error: '',
        format: 'kubectl-events',
      },
    };
  }
  if (CRASH.test(body))
    return { kind: 'text', record: { ...textRecord(body, prefixTime), level: 'FATAL' }, wrappers };
  if (CONTINUATION.test(s)) return { kind: 'continuation', body: body.trimEnd(), wrappers };
  return { kind: 'text', record: textRecord(body, prefixTime), wrappers };
}
