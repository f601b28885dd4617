/**
 * Shared shapes for log diagnosis: one decoded record, what the knowledge base says about it, and the
 * aggregated result `explain-logs` prints or returns as JSON.
 */

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** Normalised log level; `undefined` when the line carries none (bare error text, kubectl events). */
export type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/**
 * How a line was written. Wrappers (`cri`, `kubectl-prefix`, `fluentbit`, `ansi`, `crlf`) are counted
 * beside the inner format, so `stats.formats` says both "Fluent Bit" and "NTH console".
 */
export type LogFormat =
  | 'karpenter-json'
  | 'karpenter-json-pretty'
  | 'karpenter-console'
  | 'nth-console'
  | 'nth-json'
  | 'klog'
  | 'go-log'
  | 'kubectl-events'
  | 'text'
  | 'fluentbit'
  | 'cri'
  | 'kubectl-prefix'
  | 'timestamp-prefix'
  | 'ansi'
  | 'crlf'
  | 'gzip';

/** One logical log record (a line, or a pretty-printed JSON object / continuation lines joined). */
export interface LogRecord {
  /** ISO 8601 UTC, when the line carries a usable time. */
  time?: string;
  level?: Level;
  /** zap logger (`controller.provisioning`) or, for v0.37+/v1, `controller`. */
  logger?: string;
  /** v0.37+/v1 `controller` field, e.g. `nodeclaim.lifecycle`. */
  controller?: string;
  message: string;
  /** The `error` field (JSON / console fields), or '' when absent. */
  error: string;
  /** Continuation lines (stack traces, `caused by:`, `status code:`), joined and capped. */
  continuation: string;
  /** Structured fields, when the record has them and they were parsed. */
  fields?: Record<string, unknown>;
  /** A compact JSON line not parsed yet: read fields through `fieldOf`, which parses on demand. */
  json?: string;
  format: LogFormat;
  /** Where the record starts. */
  source: string;
  lineNumber: number;
  /** The record as read (capped), for the example line. */
  raw: string;
}

/** A fleet/API error found in a message: the code exactly as AWS spells it, and its message. */
export interface AwsErrorItem {
  code: string;
  message: string;
  /** `true` for the `aws-error-code=` stamp Karpenter v1.5+ adds (synthetic for CreateFleet). */
  stamped?: boolean;
}

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

/** What a timeline event is. */
export type TimelineKind = 'launch' | 'failure' | 'interruption' | 'disruption' | 'drain' | 'blocked';

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
