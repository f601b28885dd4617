/**
 * Building PromQL from what a release exports. Every name, label and label value comes through
 * `ReleaseMetrics`; asking for one the release lacks throws `Unavailable`, so the alert or panel that
 * needed it is left out (and says why) instead of being written with a wrong name.
 */
import { compareReleases, type ExportedMetric, type ReleaseMetrics } from './metrics-data.js';

/** Thrown by a builder when the release lacks what it needs; caught where alerts and panels are chosen. */
export class Unavailable extends Error {
  constructor(readonly reason: string) {
    // Control flow, not a failure: planning every release throws it thousands of times, and capturing a
    // stack each time was most of the planning's cost.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(reason);
    Error.stackTraceLimit = limit;
    this.name = 'Unavailable';
  }
}

export type Built<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Run a builder; a missing metric becomes a reason, anything else is a bug and propagates. */
export function attempt<T>(build: () => T): Built<T> {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    if (error instanceof Unavailable) return { ok: false, reason: error.reason };
    throw error;
  }
}

const product = (rm: ReleaseMetrics) =>
  `${rm.component === 'karpenter' ? 'Karpenter' : 'aws-node-termination-handler'} ${rm.release}`;

/** The first of `names` the release exports (names changed across releases, e.g. a `_total` suffix). */
export function metric(rm: ReleaseMetrics, ...names: string[]): ExportedMetric {
  for (const name of names) {
    const found = rm.metric(name);
    if (found) return found;
  }
  throw new Unavailable(`${product(rm)} exports none of ${names.join(', ')}`);
}

/** `label`, checked to be one of the metric's labels. */
export function label(rm: ReleaseMetrics, m: ExportedMetric, name: string): string {
  if (!m.labels.has(name)) throw new Unavailable(`${m.name} has no label ${name} in ${product(rm)}`);
  return name;
}

/** The value the release writes on `m{label}` for `meaning`. */
export function value(rm: ReleaseMetrics, m: ExportedMetric, labelName: string, meaning: string): string {
  const found = rm.value(m.name, label(rm, m, labelName), meaning);
  if (found === undefined) {
    throw new Unavailable(`${product(rm)} writes no ${meaning} value on ${m.name}{${labelName}}`);
  }
  return found;
}

/** Try alternatives in order; the reasons of all failures are kept if none works. */
export function firstOf<T>(...builders: Array<() => T>): T {
  const reasons: string[] = [];
  for (const build of builders) {
    const result = attempt(build);
    if (result.ok) return result.value;
    reasons.push(result.reason);
  }
  throw new Unavailable(reasons.join('; '));
}

export type Matcher = readonly [label: string, op: '=' | '!=' | '=~' | '!~', value: string];

const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** `name{a="x",b=~"y|z"}`; every matched label is checked against the metric, except `extra`. */
export function selector(
  rm: ReleaseMetrics,
  m: ExportedMetric,
  matchers: Matcher[] = [],
  extra: Matcher[] = [],
): string {
  for (const [name] of matchers) label(rm, m, name);
  const all = [...extra, ...matchers];
  return all.length === 0
    ? m.name
    : `${m.name}{${all.map(([name, op, v]) => `${name}${op}"${escape(v)}"`).join(',')}}`;
}

/** `sum by (a, b) (...)`, `sum (...)` without labels; each label checked against the metric. */
export function by(rm: ReleaseMetrics, m: ExportedMetric, labels: string[]): string {
  for (const name of labels) label(rm, m, name);
  return labels.length === 0 ? '' : ` by (${labels.join(', ')})`;
}

/**
 * "At least one event in the window", robust to counters that appear with their first event: a series
 * born at 1 has no increase inside the window, so series absent `window` ago count as well.
 */
export function anyEvent(sel: string, grouping: string, window: string): string {
  return `(sum${grouping} (increase(${sel}[${window}])) > 0) or (sum${grouping} (${sel} unless ${sel} offset ${window}) > 0)`;
}

/** The object Karpenter's per-pool metrics are labelled by at a release. */
export interface Pool {
  /** Metric label: `nodepool`, or `provisioner` before v0.32. */
  label: 'nodepool' | 'provisioner';
  kind: 'NodePool' | 'Provisioner';
  /** The per-pool NodeClaim counters: `karpenter_nodeclaims_*`, or `karpenter_machines_*`. */
  claims: 'nodeclaims' | 'machines';
}

/**
 * v0.32 is the release that serves NodePools beside Provisioners and the one users migrate on, so from it on
 * the NodePool/NodeClaim metrics are watched; before it, Provisioners and Machines.
 */
export function poolOf(rm: ReleaseMetrics): Pool {
  return compareReleases(rm.release, 'v0.32.0') >= 0
    ? { label: 'nodepool', kind: 'NodePool', claims: 'nodeclaims' }
    : { label: 'provisioner', kind: 'Provisioner', claims: 'machines' };
}
