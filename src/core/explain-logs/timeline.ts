/**
 * The timeline: launches, failures, interruptions, disruptions, drains and cache entries, in stream order.
 * Identical events within a minute merge into one with a count; the first events and a ring of the latest
 * are kept, the middle is counted. Plain data, so a timeline crosses a thread boundary.
 */
import type { Classification, EntryMatch } from '../logs/classify.js';
import { detach } from '../logs/json-fields.js';
import type { KnowledgeEntry } from '../logs/knowledge/index.js';
import type { Extracted } from '../logs/resources.js';
import { objectList } from './bounds.js';
import { SEVERITY_RANK, type LogRecord, type TimelineKind } from '../logs/types.js';
import type { TimelineEvent } from './result.js';

export const TIMELINE_HEAD = 40;
export const TIMELINE_TAIL = 160;
/** Identical timeline events closer than this are merged. */
const COALESCE_MS = 60_000;

export interface PendingEvent {
  time: string | null;
  kind: TimelineKind;
  problemId: string;
  title: string;
  codes: string[];
  types: string[];
  capacityTypes: string[];
  zones: string[];
  subject?: string;
  count: number;
  lastTime: string | null;
}

const sameList = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** What decides whether two events are the same. */
type EventKey = Pick<PendingEvent, 'problemId' | 'subject' | 'codes' | 'types' | 'zones' | 'time'>;

/** Whether an event with these fields (from one record, or the first event of a later input) merges into `last`. */
const coalescesWith = (
  last: PendingEvent,
  problemId: string,
  subject: string | undefined,
  codes: string[],
  types: string[],
  zones: string[],
  time: string | null,
): boolean =>
  last.problemId === problemId &&
  last.subject === subject &&
  sameList(last.codes, codes) &&
  last.types[0] === types[0] &&
  last.zones[0] === zones[0] &&
  (time === null ||
    last.lastTime === null ||
    Math.abs(Date.parse(time) - Date.parse(last.lastTime)) <= COALESCE_MS);

const coalesces = (last: PendingEvent, next: EventKey): boolean =>
  coalescesWith(last, next.problemId, next.subject, next.codes, next.types, next.zones, next.time);

/**
 * Strings cut from a record's line keep the whole line alive. A short line costs little to keep (the ring
 * holds at most TIMELINE_TAIL events at a time), so what comes from one is not copied: a compact JSON
 * record of one short line, whose every string is cut from that line or from a cache that copied it.
 */
const MAX_PINNED_LINE = 4096;
const keep = (value: string): string => value;
const fromShortLine = (record: LogRecord): boolean =>
  record.json !== undefined && record.json.length <= MAX_PINNED_LINE && record.continuation === '';

export class Timeline {
  constructor(
    private head: PendingEvent[] = objectList(),
    /** Ring buffer of the newest events; `tailNext` is where the next one goes. */
    private tail: PendingEvent[] = objectList(),
    private tailNext = 0,
    /** Events overwritten in the ring. */
    private omitted = 0,
  ) {}

  /** The most recent event, which the next identical one merges into. */
  private get last(): PendingEvent | undefined {
    if (this.tail.length > 0) return this.tail[(this.tailNext + TIMELINE_TAIL - 1) % TIMELINE_TAIL];
    // Not head[-1]: a read out of bounds throws away the optimised code of whatever inlined this.
    return this.head.length > 0 ? this.head[this.head.length - 1] : undefined;
  }

  /** The events kept, in order. */
  events(): PendingEvent[] {
    return [...this.head, ...this.tail.slice(this.tailNext), ...this.tail.slice(0, this.tailNext)];
  }

  get omittedCount(): number {
    return this.omitted;
  }

  /** One event per record and kind: a fleet error with three codes is one failure, not three. */
  add(result: Classification, record: LogRecord, r: Extracted): void {
    // Most records make one event at most: no grouping needed.
    let only: EntryMatch | undefined;
    let several = false;
    for (const match of result.matches) {
      if (!match.entry.timeline) continue;
      if (only) several = true;
      only = match;
    }
    if (!only) return;
    if (!several) {
      this.addEvent(only.entry, only.codes, record, r);
      return;
    }
    const byKind = new Map<TimelineKind, { entry: KnowledgeEntry; codes: string[] }>();
    for (const match of result.matches) {
      const kind = match.entry.timeline;
      if (!kind) continue;
      const current = byKind.get(kind);
      if (!current) byKind.set(kind, { entry: match.entry, codes: [...match.codes] });
      else {
        if (SEVERITY_RANK[match.entry.severity] > SEVERITY_RANK[current.entry.severity])
          current.entry = match.entry;
        for (const code of match.codes) if (!current.codes.includes(code)) current.codes.push(code);
      }
    }
    for (const { entry, codes } of byKind.values()) this.addEvent(entry, codes, record, r);
  }

  private addEvent(entry: KnowledgeEntry, codes: string[], record: LogRecord, r: Extracted): void {
    const time = record.time ?? null;
    const subject = r.nodeClaims[0] ?? r.nodes[0];
    const last = this.last;
    if (last && coalescesWith(last, entry.id, subject, codes, r.instanceTypes, r.zones, time)) {
      last.count += 1;
      if (time) last.lastTime = time;
      return;
    }
    const copy = fromShortLine(record) ? keep : detach;
    // Lists kept as they are when nothing needs copying: no event's lists, nor the ones they come from,
    // are changed after this.
    const first = (values: string[], max: number): string[] =>
      copy === keep ? (values.length <= max ? values : values.slice(0, max)) : values.slice(0, max).map(copy);
    // The summary is built at the end: most events of a large log are overwritten before then.
    this.push({
      time: time && copy(time),
      kind: entry.timeline!,
      problemId: entry.id,
      title: entry.title,
      codes: first(codes, codes.length),
      types: first(r.instanceTypes, 3),
      capacityTypes: first(r.capacityTypes, r.capacityTypes.length),
      zones: first(r.zones, 3),
      subject: subject && copy(subject),
      count: 1,
      lastTime: time && copy(time),
    });
  }

  private push(event: PendingEvent): void {
    if (this.head.length < TIMELINE_HEAD) {
      this.head.push(event);
      return;
    }
    if (this.tail.length < TIMELINE_TAIL) this.tail.push(event);
    else {
      this.tail[this.tailNext] = event;
      this.omitted += 1;
    }
    this.tailNext = (this.tailNext + 1) % TIMELINE_TAIL;
  }

  /**
   * Whether merging `later` gives what adding its events here one by one would: not when its first event
   * has no time and would merge into this timeline's last in a way its own merging could not see.
   */
  canMerge(later: Timeline): boolean {
    const first = later.head[0];
    const last = this.last;
    return !(
      first &&
      last &&
      first.time === null &&
      first.count > 1 &&
      last.lastTime !== null &&
      coalesces(last, first)
    );
  }

  /** Append the events of the input that follows, as if they had been added here one by one. */
  merge(later: Timeline): void {
    const before = this.events();
    const beforeTotal = before.length + this.omitted;
    const beforeComplete = this.omitted === 0;
    let events = later.events();
    const laterComplete = later.omitted === 0;
    let laterTotal = events.length + later.omitted;
    const last = this.last;
    const first = events[0];
    if (last && first && coalesces(last, first)) {
      last.count += first.count;
      if (first.lastTime) last.lastTime = first.lastTime;
      events = events.slice(1);
      laterTotal -= 1;
    }
    const total = beforeTotal + laterTotal;
    // The first TIMELINE_HEAD events of the stream are known from the front, the last TIMELINE_TAIL from the back.
    const prefix = beforeComplete
      ? [...before, ...events]
      : before.slice(0, Math.min(before.length, TIMELINE_HEAD));
    const suffix = laterComplete ? [...before, ...events] : events;
    this.head = prefix.slice(0, Math.min(TIMELINE_HEAD, total));
    const tailLength = Math.min(TIMELINE_TAIL, Math.max(0, total - TIMELINE_HEAD));
    this.tail = suffix.slice(suffix.length - tailLength);
    this.tailNext = this.tail.length % TIMELINE_TAIL;
    this.omitted = Math.max(0, total - TIMELINE_HEAD - TIMELINE_TAIL);
  }

  /** The events as the result shows them. */
  report(): TimelineEvent[] {
    return this.events().map(toTimelineEvent);
  }
}

function toTimelineEvent(e: PendingEvent): TimelineEvent {
  const details = [
    e.codes.join(', '),
    e.types.join(' '),
    e.capacityTypes.join('/'),
    e.zones.join(' '),
    e.subject ?? '',
  ].filter(Boolean);
  return {
    time: e.time,
    kind: e.kind,
    problemId: e.problemId,
    summary: details.length > 0 ? `${e.title} — ${details.join(' · ')}` : e.title,
    count: e.count,
    lastTime: e.lastTime,
  };
}
