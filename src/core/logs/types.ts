/**
 * Shared shapes of log decoding: one decoded record, its level and format, and what the knowledge base
 * speaks of (severities, timeline kinds, AWS error items).
 */

export { SEVERITY_RANK, type Severity } from '../severity.js';

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

/** What a timeline event is. */
export type TimelineKind = 'launch' | 'failure' | 'interruption' | 'disruption' | 'drain' | 'blocked';
