/**
 * The series alerts and panels share, spelled per release: interruption messages by kind, and the
 * per-pool counters of NodeClaims (Machines before v0.32) Karpenter ended for a reason.
 */
import type { ExportedMetric, ReleaseMetrics } from './metrics-data.js';
import { by, firstOf, metric, poolOf, selector, value, type Matcher, type Pool } from './query.js';

export interface Signal {
  m: ExportedMetric;
  sel: string;
}

export const RECEIVED_MESSAGES = [
  'karpenter_interruption_received_messages_total',
  'karpenter_interruption_received_messages',
];

/** Messages of one kind (`spot-interruption`, `rebalance-recommendation`) from the interruption queue. */
export function interruptionMessages(rm: ReleaseMetrics, meaning: string, extra: Matcher[] = []): Signal {
  const m = metric(rm, ...RECEIVED_MESSAGES);
  return { m, sel: selector(rm, m, [['message_type', '=', value(rm, m, 'message_type', meaning)]], extra) };
}

export interface PoolSignal extends Signal {
  pool: Pool;
  /** The pool label, and capacity_type where the metric has it. */
  labels: string[];
  /** ` by (…labels)` */
  grouping: string;
}

/**
 * NodeClaims a pool lost for `meaning` (`interruption`, `registration-timeout`): v1 counts them as
 * disrupted, v0.32 … v0.37 as terminated NodeClaims, earlier releases as terminated Machines.
 */
export function poolEnded(
  rm: ReleaseMetrics,
  meaning: string,
  extra: (m: ExportedMetric) => Matcher[] = () => [],
) {
  const pool = poolOf(rm);
  const names =
    pool.claims === 'machines'
      ? ['karpenter_machines_terminated']
      : ['karpenter_nodeclaims_disrupted_total', 'karpenter_nodeclaims_terminated'];
  return firstOf<PoolSignal>(
    ...names.map((name) => () => {
      const m = metric(rm, name);
      const labels = [pool.label, ...(m.labels.has('capacity_type') ? ['capacity_type'] : [])];
      return {
        m,
        pool,
        labels,
        grouping: by(rm, m, labels),
        sel: selector(rm, m, [['reason', '=', value(rm, m, 'reason', meaning)]], extra(m)),
      };
    }),
  );
}

/** The gauges of a pool's resource use and limit: provisioner_*, nodepool_* (v0.30+), nodepools_* (v1). */
export function poolResource(rm: ReleaseMetrics, kind: 'usage' | 'limit'): ExportedMetric {
  return poolOf(rm).claims === 'machines'
    ? metric(rm, `karpenter_provisioner_${kind}`)
    : metric(rm, `karpenter_nodepools_${kind}`, `karpenter_nodepool_${kind}`);
}
