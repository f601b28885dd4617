/**
 * The routine lines of a Karpenter JSON log, read from their bytes: most of a real log is INFO/DEBUG lines
 * whose message is one of a few constants that are only counted ("found provisionable pod(s)", "registered
 * nodeclaim", "tainted node" …). Once a message has been read the full way and found to need only
 * counting, its later lines are counted from their level, time, message and commit alone, without decoding
 * the line — with exactly the effect the full way would have (counts, first/last seen, activity, version
 * evidence). Anything else about a line (an error, an `event`, an escape or a non-ASCII byte in the
 * message, another level, a prefix before the record) sends it the full way.
 *
 * Counting is per message: how many lines, the earliest and latest time, added to the diagnosis in one go
 * (`flush`). Only which commits occur is order-sensitive (the evidence keeps a bounded set, first come
 * first kept), so a commit is added as soon as it changes.
 */
import type { Classification } from '../logs/classify.js';
import type { DecodedFields } from '../logs/decode.js';
import { jsonStringFieldBy } from '../logs/json-fields.js';
import type { KnowledgeEntry } from '../logs/knowledge/index.js';
import { decodeUtf8, MAX_LINE_CHARS } from '../logs/lines.js';
import { RareStrings } from '../logs/rare-scan.js';
import { objectList } from './bounds.js';
import type { Diagnosis } from './diagnosis.js';
import type { Observation } from './observe.js';

/** What `read` found. */
export const NOT_ROUTINE = 0;
/** A line to count only, held (see `count`, `takeBack`). */
export const HELD = 1;
/** A record whose fields were read from the bytes (`line`, `fields`). */
export const RECORD = 2;

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');
const INFO = ascii('{"level":"INFO","time":"');
const DEBUG = ascii('{"level":"DEBUG","time":"');
const MESSAGE_KEY = ascii('"message":"');
const COMMIT_KEY = ascii('"commit":');
const LOGGER_KEY = ascii('"logger":"');
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;
const MAX_MESSAGES = 4096;
const MAX_TIME_BYTES = 40;
/** Messages that state a version, or that start a crash: read the full way every time. */
const NEVER_ROUTINE = /^Initializing with version |^discovered karpenter version$|^(?:panic: |fatal error: )/;

const startsWith = (bytes: Buffer, at: number, prefix: Buffer): boolean => {
  for (let i = 0; i < prefix.length; i += 1) if (bytes[at + i] !== prefix[i]) return false;
  return true;
};

/** `a[0, aLength)` vs `b[from, to)`, as strings of those (ASCII) bytes compare: <0, 0, >0. */
function compareBytes(a: Buffer, aLength: number, b: Buffer, from: number, to: number): number {
  const n = Math.min(aLength, to - from);
  for (let i = 0; i < n; i += 1) {
    const d = a[i]! - b[from + i]!;
    if (d !== 0) return d;
  }
  return aLength - (to - from);
}

/** Copy a time's bytes (at most MAX_TIME_BYTES, checked by isoUtc) into `to`; returns its length. */
function copyTime(from: Buffer, start: number, end: number, to: Buffer): number {
  for (let i = start; i < end; i += 1) to[i - start] = from[i]!;
  return end - start;
}

const TIME_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const digit = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;

/** ISO_UTC on bytes: `2024-05-01T10:00:00Z`, with optional fractional seconds. */
function isoUtc(b: Buffer, s: number, e: number): boolean {
  if (e - s < 20 || e - s > MAX_TIME_BYTES) return false;
  for (let k = 0; k < TIME_DIGITS.length; k += 1) if (!digit(b[s + TIME_DIGITS[k]!])) return false;
  if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 10] !== 84 || b[s + 13] !== 58 || b[s + 16] !== 58)
    return false;
  if (b[e - 1] !== 90 /* Z */) return false;
  if (e - s === 20) return true;
  if (b[s + 19] !== 46 /* . */ || e - s === 21) return false;
  for (let i = s + 20; i < e - 1; i += 1) if (!digit(b[i])) return false;
  return true;
}

/**
 * Where `key` (`"name":…`) is in `bytes[from, end)`, or -1. A loop here: the keys looked for this way are
 * near `from` (zap writes the message after level, time and logger, and the commit after the message), and
 * a native search costs more to start than this costs to find them.
 */
function findKey(bytes: Buffer, from: number, end: number, key: Buffer): number {
  const second = key[1];
  const last = end - key.length;
  for (let i = from; i <= last; i += 1) {
    if (bytes[i] === 34 && bytes[i + 1] === second && startsWith(bytes, i, key)) return i;
  }
  return -1;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over bytes[start, end). */
function hash(bytes: Buffer, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return h >>> 0;
}

/**
 * A message known from its first record: either its lines need counting only (`entries`, and the lines
 * counted since the last flush), or they are records whose decoding is known (`record`: their fields
 * come from the bytes, the rest of the reading is the full way's).
 */
interface Routine {
  message: Buffer;
  /**
   * Set for a message whose lines are records to read on (not counted here); `classification` when it
   * depends on the text alone (then the records, which carry no AWS code, need no classifying).
   */
  record?: { text: string; classification?: Classification };
  entries: KnowledgeEntry[];
  templateIds: string[];
  count: number;
  /** Records of a `record` message added since the last flush whose template ids are not yet counted. */
  records: number;
  first: Buffer;
  firstLength: number;
  last: Buffer;
  lastLength: number;
}

/** A record read from its bytes (RECORD): its message, and where its line and commit are. */
export interface RoutineRecord {
  routine: Routine;
  bytes: Buffer;
  commitStart: number;
  commitEnd: number;
}

/** `{"level":"INFO","time":"…","logger":"…","message":"…"` → time, message; undefined otherwise. */
function head(line: string): { time: string; message: string } | undefined {
  if (!line.startsWith('{"level":"INFO","time":"') && !line.startsWith('{"level":"DEBUG","time":"'))
    return undefined;
  if (line.charCodeAt(line.length - 1) !== 125 /* } */) return undefined;
  const timeStart = line.indexOf('"time":"') + 8;
  const timeEnd = line.indexOf('"', timeStart);
  const at = line.indexOf('"message":"', timeEnd);
  if (at < 0) return undefined;
  const start = at + 11;
  const end = line.indexOf('"', start);
  if (end < 0) return undefined;
  return { time: line.slice(timeStart, timeEnd), message: line.slice(start, end) };
}

export class RoutineLines {
  /** By hash of the message bytes. */
  private readonly known = new Map<number, Routine[]>();
  private readonly counted: Routine[] = objectList();
  /** The messages known, as text: a record read on is not learned again. */
  private readonly learned = new Set<string>();
  private size = 0;
  /** An error, an event or an ANSI escape in a line (see rare-scan.ts). */
  private readonly rare = new RareStrings();
  /**
   * After `read` said RECORD: the line, its fields, when known its classification, and what `countRecord`
   * needs once the record is added.
   */
  line = '';
  fields?: DecodedFields;
  classification?: Classification;
  record?: RoutineRecord;
  /** The commit of the lines counted last, and how many of them are not yet added. */
  private commit?: { bytes: Buffer; text: string; pending: number };
  /** The line read last (see `read`), until it is counted or taken back. */
  private held?: Routine;
  private heldBytes?: Buffer;
  private heldStart = 0;
  private heldEnd = 0;
  private heldTimeStart = 0;
  private heldTimeEnd = 0;
  private heldCommitStart = -1;
  private heldCommitEnd = -1;
  /** Keys noted on the way to the message (see findMessage). */
  private commitBefore = -1;
  private loggerAt = -1;
  /** Where the held line and the last record's commit are copied when their chunk is let go (`detach`). */
  private own = Buffer.allocUnsafe(1024);
  private ownCommit = Buffer.allocUnsafe(64);

  constructor(private readonly into: Diagnosis) {}

  /**
   * Whether `bytes[start, end)` is a routine line. If so it is held: `count` counts it, `takeBack` returns
   * its text to be read the full way (when the next line turns out to continue its record).
   */
  read(bytes: Buffer, start: number, end: number): number {
    if (end - start > MAX_LINE_CHARS || bytes[end - 1] !== 125 /* } */ || bytes[start] !== 123)
      return NOT_ROUTINE;
    let timeStart: number;
    let level: 'INFO' | 'DEBUG';
    if (startsWith(bytes, start, INFO)) {
      timeStart = start + INFO.length;
      level = 'INFO';
    } else if (startsWith(bytes, start, DEBUG)) {
      timeStart = start + DEBUG.length;
      level = 'DEBUG';
    } else return NOT_ROUTINE;
    let timeEnd = timeStart;
    while (timeEnd < end && bytes[timeEnd] !== 34) timeEnd += 1;
    if (timeEnd >= end || !isoUtc(bytes, timeStart, timeEnd)) return NOT_ROUTINE;
    const at = this.findMessage(bytes, timeEnd, end);
    if (at < 0) return NOT_ROUTINE;
    const messageStart = at + MESSAGE_KEY.length;
    let messageEnd = messageStart;
    let h = FNV_OFFSET;
    for (; messageEnd < end; messageEnd += 1) {
      const c = bytes[messageEnd]!;
      if (c === 34) break;
      // An escape or a non-ASCII byte: the full way decodes it.
      if (c === 92 || c >= 128) return NOT_ROUTINE;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (messageEnd >= end) return NOT_ROUTINE;
    const routine = this.find(h >>> 0, bytes, messageStart, messageEnd);
    if (!routine) return NOT_ROUTINE;
    if (this.rare.within(bytes, start, end)) return NOT_ROUTINE;
    // The commit: first `"commit":` of the line (as fieldOf finds it), the message itself skipped.
    let commitStart = -1;
    let commitEnd = -1;
    let key = this.commitBefore;
    if (key < 0) key = findKey(bytes, messageEnd + 1, end, COMMIT_KEY);
    if (key >= 0) {
      commitStart = key + COMMIT_KEY.length + 1;
      if (bytes[commitStart - 1] !== 34) return NOT_ROUTINE;
      commitEnd = commitStart;
      for (; commitEnd < end && bytes[commitEnd] !== 34; commitEnd += 1)
        if (bytes[commitEnd] === 92) return NOT_ROUTINE;
      if (commitEnd >= end) return NOT_ROUTINE;
    }
    if (routine.record) {
      // Known when it depends on the text alone: the record is then not classified again.
      this.classification = routine.record.classification;
      const read = this.readRecord(bytes, start, end, timeStart, timeEnd, level, routine.record.text);
      if (read === RECORD) this.record = { routine, bytes, commitStart, commitEnd };
      return read;
    }
    this.held = routine;
    this.heldBytes = bytes;
    this.heldStart = start;
    this.heldEnd = end;
    this.heldTimeStart = timeStart;
    this.heldTimeEnd = timeEnd;
    this.heldCommitStart = commitStart;
    this.heldCommitEnd = commitEnd;
    return HELD;
  }

  /**
   * Where the message key is in `bytes[from, end)`, or -1 (findKey's answer). The one pass over what comes
   * before it also notes the first commit and logger keys there (`commitBefore`, `loggerAt`; -1: none).
   */
  private findMessage(bytes: Buffer, from: number, end: number): number {
    this.commitBefore = -1;
    this.loggerAt = -1;
    const last = end - MESSAGE_KEY.length;
    for (let i = from; i <= last; i += 1) {
      if (bytes[i] !== 34) continue;
      const c = bytes[i + 1];
      if (c === 109 /* m */ && startsWith(bytes, i, MESSAGE_KEY)) return i;
      if (c === 99 /* c */ && this.commitBefore < 0 && startsWith(bytes, i, COMMIT_KEY))
        this.commitBefore = i;
      else if (c === 108 /* l */ && this.loggerAt < 0 && startsWith(bytes, i, LOGGER_KEY)) this.loggerAt = i;
    }
    return -1;
  }

  /**
   * The logger noted before the message, read from the bytes when it is plain ASCII; otherwise (or when
   * there is none) from the line, as decodeLine reads it.
   */
  private logger(bytes: Buffer, end: number, line: string): string | undefined | null {
    if (this.loggerAt >= 0) {
      const from = this.loggerAt + LOGGER_KEY.length;
      for (let i = from; i < end; i += 1) {
        const c = bytes[i]!;
        if (c === 34) return bytes.toString('latin1', from, i);
        if (c === 92 || c >= 128) break;
      }
    }
    return jsonStringFieldBy(line, '"logger":"');
  }

  /** A line of a message known to be a plain record: its fields as decodeLine would give them. */
  private readRecord(
    bytes: Buffer,
    start: number,
    end: number,
    timeStart: number,
    timeEnd: number,
    level: 'INFO' | 'DEBUG',
    message: string,
  ): number {
    const line = decodeUtf8(bytes, start, end);
    const logger = this.logger(bytes, end, line);
    if (logger === null) return NOT_ROUTINE;
    this.line = line;
    this.fields = {
      time: bytes.toString('latin1', timeStart, timeEnd),
      level,
      logger,
      controller: undefined,
      message,
      error: '',
      fields: undefined,
      json: line,
      format: 'karpenter-json',
    };
    return RECORD;
  }

  get holding(): boolean {
    return this.held !== undefined;
  }

  /**
   * Stop pointing into the chunk just read, so that its memory may be reused: the held line (which waits
   * for the next line, perhaps in a later chunk) and the commit of the last record (counted once the record
   * is complete) are copied into buffers of this reader's own.
   */
  detach(): void {
    this.detachRecord();
    const bytes = this.heldBytes;
    if (!this.held || !bytes || bytes === this.own) return;
    const length = this.heldEnd - this.heldStart;
    if (this.own.length < length) this.own = Buffer.allocUnsafe(Math.max(length, 2 * this.own.length));
    bytes.copy(this.own, 0, this.heldStart, this.heldEnd);
    const shift = this.heldStart;
    this.heldBytes = this.own;
    this.heldStart = 0;
    this.heldEnd = length;
    this.heldTimeStart -= shift;
    this.heldTimeEnd -= shift;
    if (this.heldCommitStart >= 0) {
      this.heldCommitStart -= shift;
      this.heldCommitEnd -= shift;
    }
  }

  /** The last record's commit, copied in place: the reader holding the record sees the copy. */
  private detachRecord(): void {
    const record = this.record;
    if (!record || record.bytes === this.ownCommit) return;
    const { commitStart, commitEnd } = record;
    if (commitStart >= 0) {
      const length = commitEnd - commitStart;
      if (this.ownCommit.length < length) this.ownCommit = Buffer.allocUnsafe(length);
      record.bytes.copy(this.ownCommit, 0, commitStart, commitEnd);
      record.commitStart = 0;
      record.commitEnd = length;
    }
    record.bytes = this.ownCommit;
  }

  /** The held line, not counted: its text, to be read the full way. */
  takeBack(): string | undefined {
    if (!this.held || !this.heldBytes) return undefined;
    this.held = undefined;
    return decodeUtf8(this.heldBytes, this.heldStart, this.heldEnd);
  }

  /** Count the held line. */
  count(): void {
    const routine = this.held;
    const bytes = this.heldBytes;
    if (!routine || !bytes) return;
    this.held = undefined;
    const t0 = this.heldTimeStart;
    const t1 = this.heldTimeEnd;
    if (routine.count === 0) {
      this.counted.push(routine);
      routine.firstLength = copyTime(bytes, t0, t1, routine.first);
      routine.lastLength = copyTime(bytes, t0, t1, routine.last);
    } else if (compareBytes(routine.last, routine.lastLength, bytes, t0, t1) < 0) {
      // Later than the latest, so not earlier than the earliest: a log in time order asks once per line.
      routine.lastLength = copyTime(bytes, t0, t1, routine.last);
    } else if (compareBytes(routine.first, routine.firstLength, bytes, t0, t1) > 0) {
      routine.firstLength = copyTime(bytes, t0, t1, routine.first);
    }
    routine.count += 1;
    if (this.heldCommitStart >= 0) this.countCommit(bytes, this.heldCommitStart, this.heldCommitEnd);
  }

  /**
   * The record read last (RECORD) was added to the diagnosis as it was read, with nothing joined to it:
   * its version evidence (templates, commit) is counted here, as for a counted line, instead of being read
   * from its text again (see Diagnosis.add).
   */
  countRecord({ routine, bytes, commitStart, commitEnd }: RoutineRecord): void {
    if (routine.records === 0) this.counted.push(routine);
    routine.records += 1;
    if (commitStart >= 0) this.countCommit(bytes, commitStart, commitEnd);
  }

  /** Add what was counted to the diagnosis. */
  flush(): void {
    for (const routine of this.counted) {
      if (routine.records > 0) this.into.versions.addTemplates(routine.templateIds, routine.records);
      routine.records = 0;
      if (routine.count === 0) continue;
      this.into.addRoutine(
        routine.entries,
        routine.templateIds,
        routine.count,
        routine.first.toString('latin1', 0, routine.firstLength),
        routine.last.toString('latin1', 0, routine.lastLength),
      );
      routine.count = 0;
    }
    this.counted.length = 0;
    if (this.commit && this.commit.pending > 0)
      this.into.versions.addCommit(this.commit.text, this.commit.pending);
    if (this.commit) this.commit.pending = 0;
  }

  /** Learn from an observation made the full way whether later lines with its message can be counted. */
  learn(line: string, observation: Observation): void {
    const { record } = observation;
    if (
      this.size >= MAX_MESSAGES ||
      this.learned.has(record.message) ||
      record.format !== 'karpenter-json' ||
      record.error !== '' ||
      record.continuation !== '' ||
      record.json !== line
    )
      return;
    this.learnNew(line, observation);
  }

  /**
   * `learn` past its quick refusals, which nearly every record meets: apart, so that the hot path inlines
   * only those and the optimising compiler is not given this rarely run rest, in every thread.
   */
  private learnNew(line: string, observation: Observation): void {
    const { record, result } = observation;
    const h = head(line);
    if (!h || record.message !== h.message || !ISO_UTC.test(h.time) || NEVER_ROUTINE.test(h.message)) return;
    const message = Buffer.from(h.message, 'utf8');
    if (this.lookup(message, 0, message.length)) return;
    const countOnly =
      result.textOnly &&
      !observation.unrecognised &&
      !observation.template &&
      observation.resources === undefined &&
      result.unknownCodes.length === 0 &&
      result.items.length === 0 &&
      result.matches.every((m) => m.entry.activity && !m.entry.timeline) &&
      // Every count it stands for is in the diagnosis already (see addRoutine).
      result.matches.every((m) => this.into.problems.has(m.entry.id));
    const known: Routine = {
      message,
      ...(countOnly
        ? {}
        : { record: { text: h.message, ...(result.textOnly ? { classification: result } : {}) } }),
      entries: result.matches.map((m) => m.entry),
      templateIds: result.templates.ids,
      count: 0,
      records: 0,
      first: Buffer.alloc(MAX_TIME_BYTES),
      firstLength: 0,
      last: Buffer.alloc(MAX_TIME_BYTES),
      lastLength: 0,
    };
    const key = hash(message, 0, message.length);
    const list = this.known.get(key);
    if (list) list.push(known);
    else this.known.set(key, [known]);
    this.learned.add(h.message);
    this.size += 1;
  }

  private lookup(bytes: Buffer, start: number, end: number): Routine | undefined {
    return this.find(hash(bytes, start, end), bytes, start, end);
  }

  private find(key: number, bytes: Buffer, start: number, end: number): Routine | undefined {
    const list = this.known.get(key);
    if (!list) return undefined;
    for (const known of list) {
      if (known.message.length === end - start && startsWith(bytes, start, known.message)) return known;
    }
    return undefined;
  }

  /**
   * A commit is the same on nearly every line: while it stays the same its lines are only counted; a
   * new one is added at once, so the evidence sees commits in the order of the log.
   */
  private countCommit(bytes: Buffer, start: number, end: number): void {
    const current = this.commit;
    if (current && current.bytes.length === end - start && startsWith(bytes, start, current.bytes)) {
      current.pending += 1;
      return;
    }
    if (current && current.pending > 0) this.into.versions.addCommit(current.text, current.pending);
    const text = bytes.toString('utf8', start, end);
    this.into.versions.addCommit(text, 1);
    this.commit = { bytes: Buffer.from(bytes.subarray(start, end)), text, pending: 0 };
  }
}
