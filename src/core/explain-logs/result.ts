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
  /** Subnets, IAM actions, nodes, NodeClaims: what else the lines name. */
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
