/**
 * Aggregates records into a diagnosis: problems with counts, first/last seen and what they affect; a
 * timeline of launches, failures and interruptions; Karpenter's unavailable-offerings cache rebuilt from
 * the log; unrecognised error lines. Every collection is bounded, so a 1 GB log needs the same memory as a
 * 1 MB one.
 */
import { type ActionContext, fillTemplate, regionOfZone, renderActions } from './actions.js';
import { Classifier, type Classification } from './classify.js';
import { KNOWLEDGE_BASE, type KnowledgeEntry } from './knowledge/index.js';
import { readLines, type ReadSummary } from './line-reader.js';
import { readFileInParallel } from './parallel.js';
import { RecordAssembler, type RecordSink } from './records.js';
import { detach, fieldOf } from './json-fields.js';
import {
  extractResources,
  extractTextResources,
  parseGoDuration,
  recordText,
  type Extracted,
  type TextResources,
} from './resources.js';
import {
  SEVERITY_RANK,
  type BlockedOffering,
  type LogFormat,
  type LogRecord,
  type LogStats,
  type Problem,
  type Severity,
  type TimelineEvent,
  type UnrecognizedLine,
} from './types.js';
import {
  EraTracker,
  describeRange,
  type EraState,
  noteApplies,
  offeringTtlSeconds,
  parseVersion,
  type VersionRange,
} from './versions.js';

/** Bounds on what is kept. */
const MAX_VALUES_PER_PROBLEM = 50;
const MAX_UNRECOGNIZED = 50;
/** A range's analyzer keeps more, so that the stream's analyzer can apply the bounds exactly. */
const PARTIAL_MAX_UNRECOGNIZED = 1000;
const MAX_BLOCKED = 5000;
const TIMELINE_HEAD = 40;
const TIMELINE_TAIL = 160;
const MAX_EXAMPLE_CHARS = 2000;
/** Identical timeline events closer than this are merged. */
const COALESCE_MS = 60_000;

export interface AnalyzeOptions {
  /** `--karpenter-version`: overrides what the log's message templates suggest. */
  karpenterVersion?: string;
  /** `--region`: used in the suggested commands; otherwise derived from the zones in the log. */
  region?: string;
  /** Threads that may read one large regular file (its byte ranges in worker threads); 1 when absent. */
  parallelism?: number;
}

export interface LogSource {
  name: string;
  /** A stream (file, stdin) or any iterable of byte chunks. */
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /**
   * The regular file `chunks` reads, when it is one: a large one may then be read in byte ranges instead
   * (and `chunks` never iterated), with the same result.
   */
  file?: { path: string; size: number };
}

/**
 * What a worker's analyzer found in one byte range of a file, for the analyzer of the whole stream to
 * continue with (`LogAnalyzer.absorb`). Plain data: it crosses a thread boundary by structured clone.
 */
export interface PartialAnalysis {
  read: ReadSummary;
  /** The range's first line begins a record: reading from there gives what reading the stream would. */
  startsClean: boolean;
  /** The range ended inside a pretty-printed object. */
  endedOpen: boolean;
  /** A bound was reached that only the whole stream's analyzer can apply exactly. */
  overflow: boolean;
  records: number;
  skipped: number;
  truncatedLines: number;
  formats: Record<string, number>;
  start?: string;
  end?: string;
  era: EraState;
  problems: Array<[string, Omit<ProblemAcc, 'entry'>]>;
  /** Each offering with every reason that was appended to it, in order. */
  blocked: Array<[BlockedAcc, string[]]>;
  unrecognized: Array<[string, UnrecognizedLine & { codes: string[] }]>;
  unrecognizedTotal: number;
  /** The events kept (first and last ones, in order) and how many there were. */
  timeline: { events: PendingEvent[]; total: number };
}

export interface ExplainSummary {
  sources: string[];
  timeRange: { start: string; end: string } | null;
  karpenterVersion: { source: 'flag' | 'inferred' | 'unknown'; range: string | null };
  /** The unavailable-offerings TTL assumed (45 s up to v0.9.0, 180 s since v0.9.1). */
  offeringTtlSeconds: number;
  region: string | null;
  counts: Record<Severity, number>;
}

export interface Alternative {
  /** The instance type that failed (ICE or quota). */
  instanceType: string;
  problemId: string;
  /** Zones the log shows it failing in. */
  failedZones: string[];
  /** Zones the catalog says offer it. */
  offeredZones: string[];
  suggestions: Array<{ instanceType: string; offeredZones: string[]; spotPrice?: number; reason: string }>;
  advice: string;
}

export interface ExplainResult {
  summary: ExplainSummary;
  problems: Problem[];
  timeline: { events: TimelineEvent[]; omitted: number };
  blockedOfferings: BlockedOffering[];
  unrecognized: { lines: Array<UnrecognizedLine & { codes: string[] }>; total: number; more: number };
  alternatives: Alternative[];
  stats: LogStats;
}

interface ProblemAcc {
  entry: KnowledgeEntry;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  codes: Set<string>;
  instanceTypes: Set<string>;
  zones: Set<string>;
  capacityTypes: Set<string>;
  nodePools: Set<string>;
  subnets: Set<string>;
  iamActions: Set<string>;
  iamRoles: Set<string>;
  vcpuLimit?: number;
  example: { line: string; source: string; lineNumber: number };
}

interface BlockedAcc extends Omit<BlockedOffering, 'until' | 'ttlSeconds'> {
  ttlSeconds?: number;
}

const addCapped = (set: Set<string>, values: Iterable<string>): void => {
  for (const value of values) {
    if (set.size >= MAX_VALUES_PER_PROBLEM) return;
    if (!set.has(value)) set.add(detach(value));
  }
};

/** Text resources are cached by text: repeated error lines cost one lookup. */
const MAX_RESOURCE_CACHE = 10_000;
const MAX_RESOURCE_TEXT = 8192;

const addSeconds = (iso: string | null | undefined, seconds: number): string | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + seconds * 1000).toISOString();
};

const OLD_OFFERING =
  /^(\S+) for offering \{ instanceType: ([^,\s]+), zone: ([^,\s]+), capacityType: ([^\s}]+) \}, avoiding for (\S+)/;
const ZONE_IN_MESSAGE = /\b([a-z]{2}(?:-gov)?-[a-z]+-\d[a-z])\b/;
const TYPE_IN_MESSAGE =
  /\b((?:u-\d+tb\d|[a-z]+\d[a-z0-9-]*)\.(?:nano|micro|small|medium|large|\d{0,2}xlarge|metal(?:-\d+xl)?))\b/;
const ERRORISH = /\b(?:error|failed|failure|fatal|panic)\b/i;
const SLR_CODE = 'AuthFailure.ServiceLinkedRoleCreationNotPermitted';

const ENTRIES = new Map(KNOWLEDGE_BASE.map((entry) => [entry.id, entry]));

/** Streams sources through the decoder and classifier and aggregates the result. */
export class LogAnalyzer implements RecordSink {
  private readonly classifier = new Classifier();
  private readonly textResources = new Map<string, TextResources>();
  private readonly era = new EraTracker();
  private readonly problems = new Map<string, ProblemAcc>();
  private readonly blocked = new Map<string, BlockedAcc>();
  private readonly unrecognized = new Map<string, UnrecognizedLine & { codes: string[] }>();
  private unrecognizedTotal = 0;
  private unrecognizedMore = 0;
  private readonly timelineHead: PendingEvent[] = [];
  private readonly timelineTail: PendingEvent[] = [];
  private timelineOmitted = 0;
  private tailNext = 0;
  private lastEvent?: PendingEvent;
  private start?: string;
  private end?: string;
  private readonly stats: LogStats = {
    lines: 0,
    bytes: 0,
    records: 0,
    skipped: 0,
    truncatedLines: 0,
    formats: {},
    sources: [],
  };

  /** Set in a range's analyzer when a bound was reached (see PartialAnalysis.overflow). */
  private overflow = false;
  /** Reasons appended to each blocked offering, kept by a range's analyzer only. */
  private readonly blockedReasons = new Map<string, string[]>();

  /**
   * `partial`: this analyzer reads one byte range of a file for another analyzer (`exportPartial`), and
   * keeps what that one needs to apply the bounds exactly.
   */
  constructor(
    private readonly options: AnalyzeOptions = {},
    private readonly partial = false,
  ) {}

  /** Read one source to the end. */
  async readSource(source: LogSource): Promise<void> {
    const threads = this.options.parallelism ?? 1;
    if (source.file && threads > 1) {
      const summary = await readFileInParallel(this, source.name, source.file, threads);
      if (summary) {
        this.addSource(source.name, summary);
        return;
      }
    }
    const assembler = new RecordAssembler(this, source.name);
    const summary = await this.readInto(source.chunks, assembler, source.name);
    assembler.end();
    this.addSource(source.name, summary);
  }

  /** Hand the lines of `chunks` to `assembler` (left open: the caller ends it). */
  readInto(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    assembler: RecordAssembler,
    label: string,
    plain = false,
  ): Promise<ReadSummary> {
    return readLines(
      chunks,
      {
        line: (text, truncated) => {
          if (truncated) this.stats.truncatedLines += 1;
          assembler.push(text);
        },
      },
      label,
      { plain },
    );
  }

  /** Count a source read to the end. */
  addSource(name: string, summary: ReadSummary): void {
    this.stats.lines += summary.lines;
    this.stats.bytes += summary.bytes;
    this.stats.sources.push({
      name,
      lines: summary.lines,
      bytes: summary.bytes,
      gzip: summary.gzip,
    });
    if (summary.gzip) this.format('gzip');
  }

  format(format: LogFormat): void {
    this.stats.formats[format] = (this.stats.formats[format] ?? 0) + 1;
  }

  skipped(): void {
    this.stats.skipped += 1;
  }

  record(record: LogRecord): void {
    this.stats.records += 1;
    const time = record.time;
    if (time) {
      if (this.start === undefined || time < this.start) this.start = detach(time);
      if (this.end === undefined || time > this.end) this.end = time;
    }
    const text = recordText(record);
    const result = this.classifier.classify(record, text);
    for (const hint of result.eraHints) this.era.observe(hint);

    const unrecognized =
      result.matches.every((m) => m.entry.activity) && this.isErrorLine(record, text, result);
    if (unrecognized) this.addUnrecognized(record, text, result.unknownCodes);
    if (result.matches.length === 0) {
      // Banners, table headers, prose: not log records, skipped but counted.
      if (!unrecognized && record.format === 'text') this.stats.skipped += 1;
      return;
    }

    // Routine activity needs no resources unless it goes on the timeline.
    if (!result.matches.some((m) => !m.entry.activity || m.entry.timeline)) {
      for (const match of result.matches) this.count(match.entry, record);
      return;
    }
    const resources = extractResources(record, this.resourcesOf(text));
    for (const match of result.matches) {
      this.addProblem(match.entry, match.codes, record, resources);
      if (match.entry.logsOfferingCache) this.addLoggedBlock(record, text);
    }
    this.addTimelineEvents(result, record, resources);
    this.addInferredBlocks(record, result, resources);
  }

  private resourcesOf(text: string): TextResources {
    const hit = this.textResources.get(text);
    if (hit) return hit;
    if (text.length > MAX_RESOURCE_TEXT) return extractTextResources(text);
    // Extract from the detached copy: cached values must not pin the read buffer.
    const key = detach(text);
    const resources = extractTextResources(key);
    if (this.textResources.size >= MAX_RESOURCE_CACHE) this.textResources.clear();
    this.textResources.set(key, resources);
    return resources;
  }

  private isErrorLine(record: LogRecord, text: string, result: Classification): boolean {
    if (record.level === 'ERROR' || record.level === 'FATAL') return true;
    if (result.unknownCodes.length > 0) return true;
    return record.level === undefined && record.format === 'text' && ERRORISH.test(text);
  }

  private addUnrecognized(record: LogRecord, text: string, codes: string[]): void {
    this.unrecognizedTotal += 1;
    // Same template, different ids/numbers/times → one entry with a count.
    const key = text.slice(0, 240).replace(/[0-9a-f]{6,}|\d+/g, '#');
    const existing = this.unrecognized.get(key);
    if (existing) {
      existing.count += 1;
      for (const code of codes) if (!existing.codes.includes(code)) existing.codes.push(code);
      return;
    }
    if (this.unrecognized.size >= (this.partial ? PARTIAL_MAX_UNRECOGNIZED : MAX_UNRECOGNIZED)) {
      this.unrecognizedMore += 1;
      if (this.partial) this.overflow = true;
      return;
    }
    this.unrecognized.set(key, {
      line: detach(record.raw.slice(0, MAX_EXAMPLE_CHARS)),
      source: record.source,
      lineNumber: record.lineNumber,
      count: 1,
      firstSeen: record.time ?? null,
      codes: [...codes],
    });
  }

  /** Count an occurrence of an entry. */
  private count(entry: KnowledgeEntry, record: LogRecord): ProblemAcc {
    let acc = this.problems.get(entry.id);
    if (!acc) {
      acc = {
        entry,
        count: 0,
        codes: new Set(),
        instanceTypes: new Set(),
        zones: new Set(),
        capacityTypes: new Set(),
        nodePools: new Set(),
        subnets: new Set(),
        iamActions: new Set(),
        iamRoles: new Set(),
        example: {
          line: detach(record.raw.slice(0, MAX_EXAMPLE_CHARS)),
          source: record.source,
          lineNumber: record.lineNumber,
        },
      };
      this.problems.set(entry.id, acc);
    }
    acc.count += 1;
    const time = record.time;
    if (time) {
      if (acc.firstSeen === undefined || time < acc.firstSeen) acc.firstSeen = detach(time);
      // Not detached: it keeps at most one read chunk (256 KiB) alive per problem kind, and changes on
      // nearly every line.
      if (acc.lastSeen === undefined || time > acc.lastSeen) acc.lastSeen = time;
    }
    return acc;
  }

  private addProblem(entry: KnowledgeEntry, codes: string[], record: LogRecord, r: Extracted): void {
    const acc = this.count(entry, record);
    addCapped(acc.codes, codes);
    addCapped(acc.instanceTypes, r.instanceTypes);
    addCapped(acc.zones, r.zones);
    addCapped(
      acc.capacityTypes,
      entry.capacityType ? [entry.capacityType, ...r.capacityTypes] : r.capacityTypes,
    );
    addCapped(acc.nodePools, r.nodePools);
    addCapped(acc.subnets, r.subnets);
    addCapped(acc.iamActions, r.iamActions);
    addCapped(acc.iamRoles, r.iamRoles);
    if (r.vcpuLimit !== undefined) acc.vcpuLimit = Math.max(acc.vcpuLimit ?? 0, r.vcpuLimit);
  }

  /** One event per record and kind: a fleet error with three codes is one failure, not three. */
  private addTimelineEvents(result: Classification, record: LogRecord, r: Extracted): void {
    const byKind = new Map<TimelineEvent['kind'], { entry: KnowledgeEntry; codes: string[] }>();
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
    for (const { entry, codes } of byKind.values()) this.addTimeline(entry, codes, record, r);
  }

  private addTimeline(entry: KnowledgeEntry, codes: string[], record: LogRecord, r: Extracted): void {
    const time = record.time ?? null;
    const subject = r.nodeClaims[0] ?? r.nodes[0];
    const last = this.lastEvent;
    if (
      last &&
      last.problemId === entry.id &&
      last.subject === subject &&
      sameList(last.codes, codes) &&
      last.types[0] === r.instanceTypes[0] &&
      last.zones[0] === r.zones[0] &&
      (time === null ||
        last.lastTime === null ||
        Math.abs(Date.parse(time) - Date.parse(last.lastTime)) <= COALESCE_MS)
    ) {
      last.count += 1;
      if (time) last.lastTime = time;
      return;
    }
    // The summary is built at the end: most events of a large log are overwritten before then.
    const event: PendingEvent = {
      time: time && detach(time),
      kind: entry.timeline!,
      problemId: entry.id,
      title: entry.title,
      codes: codes.map(detach),
      types: r.instanceTypes.slice(0, 3).map(detach),
      capacityTypes: r.capacityTypes.map(detach),
      zones: r.zones.slice(0, 3).map(detach),
      subject: subject && detach(subject),
      count: 1,
      lastTime: time && detach(time),
    };
    this.lastEvent = event;
    if (this.timelineHead.length < TIMELINE_HEAD) this.timelineHead.push(event);
    else {
      // Ring buffer: the newest TIMELINE_TAIL events, oldest overwritten.
      if (this.timelineTail.length < TIMELINE_TAIL) this.timelineTail.push(event);
      else {
        this.timelineTail[this.tailNext] = event;
        this.timelineOmitted += 1;
      }
      this.tailNext = (this.tailNext + 1) % TIMELINE_TAIL;
    }
  }

  private block(
    acc: Omit<BlockedAcc, 'count' | 'firstBlocked' | 'lastBlocked'>,
    time: string | undefined,
  ): void {
    const existing = this.blocked.get(acc.key);
    if (existing) {
      existing.count += 1;
      if (time && (existing.firstBlocked === null || time < existing.firstBlocked))
        existing.firstBlocked = detach(time);
      if (time && (existing.lastBlocked === null || time > existing.lastBlocked))
        existing.lastBlocked = detach(time);
      if (acc.ttlSeconds !== undefined) existing.ttlSeconds = acc.ttlSeconds;
      if (!existing.reason.split(', ').includes(acc.reason)) {
        existing.reason = `${existing.reason}, ${acc.reason}`;
        this.blockedReasons.get(acc.key)?.push(acc.reason);
      }
      return;
    }
    if (this.blocked.size >= MAX_BLOCKED) {
      if (this.partial) this.overflow = true;
      return;
    }
    if (this.partial) this.blockedReasons.set(detach(acc.key), [detach(acc.reason)]);
    this.blocked.set(detach(acc.key), {
      ...acc,
      key: detach(acc.key),
      capacityType: detach(acc.capacityType),
      instanceType: detach(acc.instanceType),
      zone: detach(acc.zone),
      reason: detach(acc.reason),
      count: 1,
      firstBlocked: time ? detach(time) : null,
      lastBlocked: time ? detach(time) : null,
    });
  }

  /** `removing offering from offerings` (v0.19+) or `… for offering { … }, avoiding for 45s` (≤ v0.18). */
  private addLoggedBlock(record: LogRecord, text: string): void {
    const str = (key: string): string | undefined => {
      const value = fieldOf(record, key);
      return typeof value === 'string' ? value : undefined;
    };
    let instanceType = str('instance-type');
    let zone = str('zone');
    let capacityType = str('capacity-type');
    let reason = str('reason');
    let ttlSeconds = parseGoDuration(str('ttl'));
    const old = OLD_OFFERING.exec(text);
    if (old) {
      [, reason, instanceType, zone, capacityType] = old;
      ttlSeconds = parseGoDuration(old[5]);
    }
    if (!instanceType && !zone) return;
    const key = `${capacityType ?? '*'}:${instanceType ?? '*'}:${zone ?? '*'}`;
    this.block(
      {
        key,
        capacityType: capacityType ?? '*',
        instanceType: instanceType ?? '*',
        zone: zone ?? '*',
        reason: reason ?? 'unknown',
        evidence: 'log',
        ttlSeconds,
      },
      record.time,
    );
  }

  /** From fleet errors that name a type and zone (InsufficientInstanceCapacity does), and from the SLR error. */
  private addInferredBlocks(record: LogRecord, result: Classification, r: Extracted): void {
    for (const match of result.matches) {
      if (match.entry.blocksCapacityType) {
        const { capacityType } = match.entry.blocksCapacityType;
        this.block(
          {
            key: `${capacityType}:*:*`,
            capacityType,
            instanceType: '*',
            zone: '*',
            reason: match.codes[0] ?? match.entry.id,
            evidence: 'inferred',
          },
          record.time,
        );
        continue;
      }
      if (!match.entry.blocksOffering) continue;
      for (const item of result.items) {
        if (!match.codes.includes(item.code) || item.stamped) continue;
        const instanceType = TYPE_IN_MESSAGE.exec(item.message)?.[1];
        const zone = ZONE_IN_MESSAGE.exec(item.message)?.[1];
        if (!instanceType || !zone) continue;
        const capacityType =
          match.entry.capacityType ?? (r.capacityTypes.length === 1 ? r.capacityTypes[0]! : '*');
        this.block(
          {
            key: `${capacityType}:${instanceType}:${zone}`,
            capacityType,
            instanceType,
            zone,
            reason: item.code,
            evidence: 'inferred',
          },
          record.time,
        );
      }
    }
  }

  /** The timeline events kept, in order. */
  private timelineEvents(): PendingEvent[] {
    return [
      ...this.timelineHead,
      ...this.timelineTail.slice(this.tailNext),
      ...this.timelineTail.slice(0, this.tailNext),
    ];
  }

  /** What this range's analyzer found, for `absorb` in the stream's analyzer. */
  exportPartial(read: ReadSummary, startsClean: boolean, endedOpen: boolean): PartialAnalysis {
    const events = this.timelineEvents();
    return {
      read,
      startsClean,
      endedOpen,
      overflow: this.overflow,
      records: this.stats.records,
      skipped: this.stats.skipped,
      truncatedLines: this.stats.truncatedLines,
      formats: this.stats.formats,
      start: this.start,
      end: this.end,
      era: this.era.state(),
      problems: [...this.problems].map(([id, { entry: _entry, ...acc }]) => [id, acc]),
      blocked: [...this.blocked.values()].map((b) => [b, this.blockedReasons.get(b.key) ?? [b.reason]]),
      unrecognized: [...this.unrecognized],
      unrecognizedTotal: this.unrecognizedTotal,
      timeline: { events, total: events.length + this.timelineOmitted },
    };
  }

  /**
   * Whether `absorb` gives exactly what reading the range's lines here would. Not when a bound was reached
   * in the range, when its first line continues a record, or when its first timeline event would merge into
   * this analyzer's last one in a way the range's own merging could not see (a first line without a time).
   */
  canAbsorb(later: PartialAnalysis): boolean {
    if (later.overflow || !later.startsClean) return false;
    const first = later.timeline.events[0];
    const last = this.lastEvent;
    return !(
      first &&
      last &&
      first.time === null &&
      first.count > 1 &&
      last.lastTime !== null &&
      coalesces(last, first)
    );
  }

  /**
   * Continue with what another analyzer found in the input that follows this one's (see canAbsorb):
   * counts add up, first/last times widen, bounded collections fill in stream order as they would have.
   * `lineOffset`: lines this analyzer's source had before the range.
   */
  absorb(later: PartialAnalysis, lineOffset: number): void {
    this.stats.records += later.records;
    this.stats.skipped += later.skipped;
    this.stats.truncatedLines += later.truncatedLines;
    for (const [format, count] of Object.entries(later.formats))
      this.stats.formats[format] = (this.stats.formats[format] ?? 0) + count;
    if (later.start !== undefined && (this.start === undefined || later.start < this.start))
      this.start = later.start;
    if (later.end !== undefined && (this.end === undefined || later.end > this.end)) this.end = later.end;
    this.era.absorb(later.era);

    for (const [id, b] of later.problems) {
      const a = this.problems.get(id);
      if (!a) {
        const entry = ENTRIES.get(id);
        if (!entry) throw new Error(`unknown knowledge-base entry ${id}`);
        const example = { ...b.example, lineNumber: b.example.lineNumber + lineOffset };
        this.problems.set(id, { entry, ...b, example });
        continue;
      }
      a.count += b.count;
      if (b.firstSeen !== undefined && (a.firstSeen === undefined || b.firstSeen < a.firstSeen))
        a.firstSeen = b.firstSeen;
      if (b.lastSeen !== undefined && (a.lastSeen === undefined || b.lastSeen > a.lastSeen))
        a.lastSeen = b.lastSeen;
      addCapped(a.codes, b.codes);
      addCapped(a.instanceTypes, b.instanceTypes);
      addCapped(a.zones, b.zones);
      addCapped(a.capacityTypes, b.capacityTypes);
      addCapped(a.nodePools, b.nodePools);
      addCapped(a.subnets, b.subnets);
      addCapped(a.iamActions, b.iamActions);
      addCapped(a.iamRoles, b.iamRoles);
      if (b.vcpuLimit !== undefined) a.vcpuLimit = Math.max(a.vcpuLimit ?? 0, b.vcpuLimit);
    }

    for (const [b, reasons] of later.blocked) {
      const a = this.blocked.get(b.key);
      if (!a) {
        if (this.blocked.size < MAX_BLOCKED) this.blocked.set(b.key, b);
        continue;
      }
      a.count += b.count;
      if (b.firstBlocked !== null && (a.firstBlocked === null || b.firstBlocked < a.firstBlocked))
        a.firstBlocked = b.firstBlocked;
      if (b.lastBlocked !== null && (a.lastBlocked === null || b.lastBlocked > a.lastBlocked))
        a.lastBlocked = b.lastBlocked;
      if (b.ttlSeconds !== undefined) a.ttlSeconds = b.ttlSeconds;
      for (const reason of reasons)
        if (!a.reason.split(', ').includes(reason)) a.reason = `${a.reason}, ${reason}`;
    }

    this.unrecognizedTotal += later.unrecognizedTotal;
    for (const [key, b] of later.unrecognized) {
      const a = this.unrecognized.get(key);
      if (a) {
        a.count += b.count;
        for (const code of b.codes) if (!a.codes.includes(code)) a.codes.push(code);
      } else if (this.unrecognized.size >= MAX_UNRECOGNIZED) this.unrecognizedMore += b.count;
      else this.unrecognized.set(key, { ...b, lineNumber: b.lineNumber + lineOffset });
    }

    this.absorbTimeline(later.timeline);
  }

  /** Append a range's events as if they had been added here one by one (head, ring of the last ones). */
  private absorbTimeline(later: PartialAnalysis['timeline']): void {
    const before = this.timelineEvents();
    const beforeTotal = before.length + this.timelineOmitted;
    const beforeComplete = this.timelineOmitted === 0;
    const laterComplete = later.events.length === later.total;
    let events = later.events;
    let laterTotal = later.total;
    const last = this.lastEvent;
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
    const head = prefix.slice(0, Math.min(TIMELINE_HEAD, total));
    const tailLength = Math.min(TIMELINE_TAIL, Math.max(0, total - TIMELINE_HEAD));
    const tail = suffix.slice(suffix.length - tailLength);
    this.timelineHead.length = 0;
    this.timelineHead.push(...head);
    this.timelineTail.length = 0;
    this.timelineTail.push(...tail);
    this.tailNext = tail.length % TIMELINE_TAIL;
    this.timelineOmitted = Math.max(0, total - TIMELINE_HEAD - TIMELINE_TAIL);
    this.lastEvent = tail[tail.length - 1] ?? head[head.length - 1];
  }

  private versionRange(): { range?: VersionRange; source: 'flag' | 'inferred' | 'unknown' } {
    const flag = this.options.karpenterVersion ? parseVersion(this.options.karpenterVersion) : undefined;
    if (flag) return { range: { min: flag, max: flag }, source: 'flag' };
    const inferred = this.era.range();
    return inferred ? { range: inferred, source: 'inferred' } : { source: 'unknown' };
  }

  private regionFor(zones: Iterable<string>): string | undefined {
    if (this.options.region) return this.options.region;
    const counts = new Map<string, number>();
    for (const zone of zones) {
      const region = regionOfZone(zone);
      if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  }

  /** The diagnosis. Call once, after every source was read. */
  finish(): ExplainResult {
    const { range, source } = this.versionRange();
    const ttlSeconds = offeringTtlSeconds(range);
    const allZones = [...this.problems.values()].flatMap((p) => [...p.zones]);
    const globalRegion = this.regionFor(allZones);

    const problems: Problem[] = [...this.problems.values()].map((acc) => {
      const ctx: ActionContext = {
        region: this.regionFor(acc.zones) ?? globalRegion,
        instanceTypes: [...acc.instanceTypes],
        zones: [...acc.zones],
        nodePools: [...acc.nodePools],
        subnets: [...acc.subnets],
        iamActions: [...acc.iamActions],
        iamRoles: [...acc.iamRoles],
        codes: [...acc.codes],
        ttlSeconds,
        vcpuLimit: acc.vcpuLimit,
      };
      const notes = (acc.entry.versions ?? [])
        .filter((note) => noteApplies(note, range))
        .map((note) => note.text);
      const explanation = [
        fillTemplate(acc.entry.what, ctx),
        fillTemplate(acc.entry.why, ctx),
        ...notes,
      ].join(' ');
      return {
        id: acc.entry.id,
        title: acc.entry.title,
        severity: acc.entry.severity,
        category: acc.entry.category,
        count: acc.count,
        firstSeen: acc.firstSeen ?? null,
        lastSeen: acc.lastSeen ?? null,
        codes: [...acc.codes],
        explanation,
        actions: renderActions(acc.entry.actions, ctx),
        docs: acc.entry.docs,
        affected: {
          instanceTypes: [...acc.instanceTypes],
          zones: [...acc.zones],
          capacityTypes: [...acc.capacityTypes],
          nodePools: [...acc.nodePools],
          other: [...acc.subnets, ...acc.iamActions],
        },
        example: acc.example,
      };
    });
    const activity = new Set(KNOWN_ACTIVITY(this.problems));
    problems.sort(
      (a, b) =>
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        Number(activity.has(a.id)) - Number(activity.has(b.id)) ||
        b.count - a.count ||
        a.id.localeCompare(b.id),
    );

    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const problem of problems) counts[problem.severity] += 1;

    return {
      summary: {
        sources: this.stats.sources.map((s) => s.name),
        timeRange: this.start && this.end ? { start: this.start, end: this.end } : null,
        karpenterVersion: { source, range: range ? describeRange(range) : null },
        offeringTtlSeconds: ttlSeconds,
        region: globalRegion ?? null,
        counts,
      },
      problems,
      timeline: {
        events: this.timelineEvents().map(toTimelineEvent),
        omitted: this.timelineOmitted,
      },
      blockedOfferings: this.blockedOfferings(range, ttlSeconds),
      unrecognized: {
        lines: [...this.unrecognized.values()],
        total: this.unrecognizedTotal,
        more: this.unrecognizedMore,
      },
      alternatives: [],
      stats: this.stats,
    };
  }

  private blockedOfferings(range: VersionRange | undefined, ttlSeconds: number): BlockedOffering[] {
    const logged = new Set(
      [...this.blocked.values()]
        .filter((b) => b.evidence === 'log')
        .map((b) => `${b.instanceType}:${b.zone}`),
    );
    // Whole-Spot blocking on the SLR error exists since v1.5.0 only.
    const slrBlocks = !range || range.max[0] > 1 || (range.max[0] === 1 && range.max[1] >= 5);
    return [...this.blocked.values()]
      .filter((b) => b.evidence === 'log' || !logged.has(`${b.instanceType}:${b.zone}`))
      .filter((b) => b.reason !== SLR_CODE || slrBlocks)
      .map((b) => {
        const ttl = b.ttlSeconds ?? ttlSeconds;
        return { ...b, ttlSeconds: ttl, until: addSeconds(b.lastBlocked, ttl) };
      })
      .sort(
        (a, b) => (a.firstBlocked ?? '').localeCompare(b.firstBlocked ?? '') || a.key.localeCompare(b.key),
      );
  }
}

const KNOWN_ACTIVITY = (problems: Map<string, ProblemAcc>): string[] =>
  [...problems.values()].filter((p) => p.entry.activity).map((p) => p.entry.id);

interface PendingEvent {
  time: string | null;
  kind: TimelineEvent['kind'];
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

/** Whether `next`, built from one record, would have been merged into `last` (see addTimeline). */
const coalesces = (last: PendingEvent, next: PendingEvent): boolean =>
  last.problemId === next.problemId &&
  last.subject === next.subject &&
  sameList(last.codes, next.codes) &&
  last.types[0] === next.types[0] &&
  last.zones[0] === next.zones[0] &&
  (next.time === null ||
    last.lastTime === null ||
    Math.abs(Date.parse(next.time) - Date.parse(last.lastTime)) <= COALESCE_MS);

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

/** Read every source in order and return the diagnosis. */
export async function explainLogs(
  sources: Iterable<LogSource> | AsyncIterable<LogSource>,
  options: AnalyzeOptions = {},
): Promise<ExplainResult> {
  const analyzer = new LogAnalyzer(options);
  for await (const source of sources) await analyzer.readSource(source);
  return analyzer.finish();
}
