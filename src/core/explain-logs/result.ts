/**
 * What `explain-logs` returns (its `--json` contract) and prints: the summary, each problem with what it
 * affected, the timeline, Karpenter's unavailable-offerings cache rebuilt from the log, the error lines no
 * entry explains, alternatives from the catalog, and what was read.
 */
import type { Severity, TimelineKind } from '../logs/types.js';

export interface AffectedResources {
  instanceTypes: string[];
  zones: string[];
  capacityTypes: string[];
  nodePools: string[];
  /** Nodes the lines name (node names, NTH's node_name). */
  nodes: string[];
  /** EC2 instance IDs the lines name. */
  instanceIds: string[];
  /** Subnets, IAM actions, the first frame of a crash: what else the lines name. */
  other: string[];
}

export interface ProblemExample {
  line: string;
  source: string;
  lineNumber: number;
}

/** One knowledge-base problem as found in the input. */
export interface Problem {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Exact AWS error code strings seen for this problem; empty when none. */
  codes: string[];
  /** What happened and why, one paragraph. */
  explanation: string;
  /** Numbered in the human output; concrete commands where possible. */
  actions: string[];
  docs: string;
  affected: AffectedResources;
  example: ProblemExample;
  /** For a problem explained by its message: the template, where it is printed and by which releases. */
  template?: { text: string; file: string; versions: string; area: string };
  /** The problem this one follows from, found in the same input. */
  causedBy?: string;
  /** The problems that follow from this one. */
  consequences?: string[];
}

export interface TimelineEvent {
  time: string | null;
  kind: TimelineKind;
  problemId: string;
  summary: string;
  /** Identical events within a minute are merged. */
  count: number;
  lastTime: string | null;
}

export interface BlockedOffering {
  /** `capacityType:instanceType:zone`, Karpenter's cache key; `*` where the log does not say. */
  key: string;
  capacityType: string;
  instanceType: string;
  zone: string;
  reason: string;
  firstBlocked: string | null;
  lastBlocked: string | null;
  /** lastBlocked + TTL; null when the lines carry no time. */
  until: string | null;
  ttlSeconds: number;
  count: number;
  /** `log`: Karpenter logged the cache entry (debug level); `inferred`: derived from a fleet error. */
  evidence: 'log' | 'inferred';
}

export interface UnrecognizedLine {
  line: string;
  source: string;
  lineNumber: number;
  count: number;
  firstSeen: string | null;
  /**
   * The known message template most like it (by the words they share): where to look in the source. Not
   * an explanation.
   */
  nearest?: { id: string; template: string; file: string; versions: string; similarity: number };
}

export interface LogStats {
  lines: number;
  bytes: number;
  records: number;
  /** Lines that are not log records (blank, banners, table headers) — skipped, not fatal. */
  skipped: number;
  /** Lines longer than the per-line cap; only their start was analysed. */
  truncatedLines: number;
  formats: Record<string, number>;
  sources: Array<{ name: string; lines: number; bytes: number; gzip: boolean }>;
}

/** Which releases wrote the log and how that was decided. */
export interface VersionSummary {
  /** `flag` (the user said), `commit` (the build commit in the log), `log` (a version it states), `templates` (the releases that print its messages), `unknown`. */
  source: 'flag' | 'commit' | 'log' | 'templates' | 'unknown';
  range: string | null;
  detail?: string;
  /** The log says otherwise than the flag. */
  disagreement?: { source: string; range: string; detail?: string };
}

export interface ExplainSummary {
  sources: string[];
  timeRange: { start: string; end: string } | null;
  /** Karpenter's version; absent when no Karpenter line was read. */
  karpenterVersion: VersionSummary;
  /** NTH's version, when NTH lines were read. */
  nthVersion?: VersionSummary;
  /** The log has Karpenter lines (NTH-only input says nothing about Karpenter's cache). */
  karpenter: boolean;
  /** The unavailable-offerings TTL for the version (the current 180 s when the version does not decide it). */
  offeringTtlSeconds: number;
  /** The TTL is the same in every release the log can be from. */
  offeringTtlCertain: boolean;
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
