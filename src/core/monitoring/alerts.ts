/**
 * The alerts, one object each: what it watches and how its expression is spelled for a release. A release
 * that lacks a metric, label or label value the alert needs gets no alert, and the reason.
 */
import { exportedRange, inRange, type MetricsData, type ReleaseMetrics } from './metrics-data.js';
import { Unavailable, anyEvent, by, metric, poolOf, selector, value, type Matcher } from './query.js';
import { interruptionMessages, poolEnded } from './signals.js';
import type { Severity } from './types.js';

export const DOCS = {
  interruption: 'https://karpenter.sh/docs/concepts/disruption/#interruption',
  nodeNotCreated: 'https://karpenter.sh/docs/troubleshooting/#node-not-created',
  nodeNotReady: 'https://karpenter.sh/docs/troubleshooting/#node-notready',
  nodesNotInitialized: 'https://karpenter.sh/docs/troubleshooting/#nodes-not-initialized',
  scheduling: 'https://karpenter.sh/docs/concepts/scheduling/',
  spotLimits: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-spot-limits.html',
  nthReadme: (release: string) =>
    `https://github.com/aws/aws-node-termination-handler/blob/${release}/README.md`,
};

/** Defaults a user tunes in the written file; kept together so the docs can state them. */
export const THRESHOLDS = {
  spotInterruptionsPer30m: 5,
  poolInterruptionsPer30m: 3,
  rebalancePer30m: 10,
  insufficientCapacityPer15m: 5,
  offeringFailuresPer15m: 10,
  pendingFor: '15m',
  notInitializedFor: '15m',
};

export interface AlertContext {
  rm: ReleaseMetrics;
  data: MetricsData;
}

export interface AlertBody {
  expr: string;
  metrics: string[];
  summary: string;
  description: string;
}

export interface AlertSpec {
  name: string;
  /** What it watches, in plain words (no templating): the terminal and --json show it. */
  watches: string;
  component: ReleaseMetrics['component'];
  severity: Severity;
  for?: string;
  runbookUrl(ctx: AlertContext): string;
  /** Throws `Unavailable` when the release cannot support it. */
  build(ctx: AlertContext): AlertBody;
}

const karpenter = (rm: ReleaseMetrics) => `Karpenter ${rm.release}`;

const poolRef = (pool: { label: string; kind: string }) => `${pool.kind} {{ $labels.${pool.label} }}`;

export const ALERTS: AlertSpec[] = [
  {
    name: 'KarpenterSpotInterruptionsHigh',
    watches: `More than ${THRESHOLDS.spotInterruptionsPer30m} Spot interruption warnings in 30 minutes`,
    component: 'karpenter',
    severity: 'warning',
    runbookUrl: () => DOCS.interruption,
    build(ctx) {
      const { m, sel } = interruptionMessages(ctx.rm, 'spot-interruption');
      return {
        expr: `sum(increase(${sel}[30m])) > ${THRESHOLDS.spotInterruptionsPer30m}`,
        metrics: [m.name],
        summary: 'Many Spot interruption warnings',
        description: `Karpenter received {{ $value | humanize }} Spot interruption warnings from its SQS queue in 30 minutes (threshold ${THRESHOLDS.spotInterruptionsPer30m}). Widen the NodePools' instance types and zones so Karpenter can pick deeper Spot pools.`,
      };
    },
  },
  {
    name: 'KarpenterNodePoolSpotInterruptionsHigh',
    watches: `More than ${THRESHOLDS.poolInterruptionsPer30m} nodes of one NodePool lost to interruptions in 30 minutes`,
    component: 'karpenter',
    severity: 'warning',
    runbookUrl: () => DOCS.interruption,
    build(ctx) {
      const { m, pool, grouping, sel } = poolEnded(ctx.rm, 'interruption');
      const what = m.name.endsWith('disrupted_total') ? 'Spot interruptions' : 'interruption warnings';
      return {
        expr: `sum${grouping} (increase(${sel}[30m])) > ${THRESHOLDS.poolInterruptionsPer30m}`,
        metrics: [m.name],
        summary: `${poolRef(pool)} loses many nodes to interruptions`,
        description: `${poolRef(pool)} had {{ $value | humanize }} nodes removed on ${what} in 30 minutes (threshold ${THRESHOLDS.poolInterruptionsPer30m}). Allow more instance types, sizes and zones in it, or move interruption-sensitive workloads to on-demand.`,
      };
    },
  },
  {
    name: 'KarpenterRebalanceRecommendationsHigh',
    watches: `More than ${THRESHOLDS.rebalancePer30m} rebalance recommendations in 30 minutes`,
    component: 'karpenter',
    severity: 'info',
    runbookUrl: () => DOCS.interruption,
    build(ctx) {
      const { m, sel } = interruptionMessages(ctx.rm, 'rebalance-recommendation');
      return {
        expr: `sum(increase(${sel}[30m])) > ${THRESHOLDS.rebalancePer30m}`,
        metrics: [m.name],
        summary: 'Many EC2 rebalance recommendations',
        description: `Karpenter received {{ $value | humanize }} rebalance recommendations in 30 minutes (threshold ${THRESHOLDS.rebalancePer30m}): the Spot pools in use are at elevated risk of interruption. Karpenter does not act on them; more instance types and zones spread the risk.`,
      };
    },
  },
  {
    name: 'KarpenterInsufficientCapacityErrors',
    watches: `More than ${THRESHOLDS.insufficientCapacityPer15m} insufficient-capacity launch errors per 15 minutes, for 15 minutes`,
    component: 'karpenter',
    severity: 'warning',
    for: '15m',
    runbookUrl: () => DOCS.nodeNotCreated,
    build(ctx) {
      const { rm, data } = ctx;
      const m = metric(rm, 'karpenter_cloudprovider_errors_total');
      const sel = selector(rm, m, [
        ['method', '=', value(rm, m, 'method', 'create')],
        ['error', '=', value(rm, m, 'error', 'insufficient-capacity')],
      ]);
      const quota = data.quotaCodesAsInsufficientCapacity.some((r) => inRange(rm.release, r.from, r.to))
        ? ' Karpenter counts MaxSpotInstanceCountExceeded and VcpuLimitExceeded as insufficient capacity too: check the Spot and vCPU quotas.'
        : '';
      return {
        expr: `sum(increase(${sel}[15m])) > ${THRESHOLDS.insufficientCapacityPer15m}`,
        metrics: [m.name],
        summary: 'Karpenter launches keep failing for insufficient capacity',
        description: `{{ $value | humanize }} node launches failed with InsufficientCapacityError in 15 minutes.${quota} Allow more instance types, zones or capacity types.`,
      };
    },
  },
  {
    name: 'KarpenterLaunchErrors',
    watches: 'Other launch errors, by error class, for 15 minutes',
    component: 'karpenter',
    severity: 'warning',
    for: '15m',
    runbookUrl: () => DOCS.nodeNotCreated,
    build({ rm }) {
      const m = metric(rm, 'karpenter_cloudprovider_errors_total');
      const ice = value(rm, m, 'error', 'insufficient-capacity');
      const sel = selector(rm, m, [
        ['method', '=', value(rm, m, 'method', 'create')],
        ['error', '!=', ice],
      ]);
      return {
        expr: `sum${by(rm, m, ['error'])} (increase(${sel}[15m])) > 0`,
        metrics: [m.name],
        summary: 'Karpenter cannot launch nodes',
        description: `Karpenter's cloud provider Create calls fail with {{ with $labels.error }}{{ . }}{{ else }}an unclassified error{{ end }} ({{ $value | humanize }} in 15 minutes). The controller log names the EC2 error (spotctl explain-logs reads it).`,
      };
    },
  },
  {
    name: 'KarpenterInstanceLaunchFailures',
    watches: `More than ${THRESHOLDS.offeringFailuresPer15m} CreateFleet offering failures per zone and reason in 15 minutes`,
    component: 'karpenter',
    severity: 'info',
    for: '15m',
    runbookUrl: () => DOCS.nodeNotCreated,
    build({ rm }) {
      const m = metric(rm, 'karpenter_cloudprovider_instance_launch_failures_total');
      const quota = [value(rm, m, 'reason', 'spot-quota'), value(rm, m, 'reason', 'vcpu-quota')];
      const sel = selector(rm, m, [['reason', '!~', quota.join('|')]]);
      return {
        expr: `sum${by(rm, m, ['zone', 'capacity_type', 'reason'])} (increase(${sel}[15m])) > ${THRESHOLDS.offeringFailuresPer15m}`,
        metrics: [m.name],
        summary:
          'Instance launches fail in {{ $labels.zone }} ({{ $labels.capacity_type }}, {{ $labels.reason }})',
        description: `{{ $value | humanize }} CreateFleet offerings failed in {{ $labels.zone }} for {{ $labels.capacity_type }} with {{ $labels.reason }} in 15 minutes (threshold ${THRESHOLDS.offeringFailuresPer15m}). Karpenter falls back to other offerings; a zone that keeps failing needs more instance types or another zone.`,
      };
    },
  },
  {
    name: 'KarpenterVcpuQuotaExceeded',
    watches: 'Any launch failed on the Spot or vCPU quota in 30 minutes',
    component: 'karpenter',
    severity: 'critical',
    runbookUrl: () => DOCS.spotLimits,
    build({ rm, data }) {
      const name = 'karpenter_cloudprovider_instance_launch_failures_total';
      if (
        !rm.metric(name) &&
        data.quotaCodesAsInsufficientCapacity.some((r) => inRange(rm.release, r.from, r.to))
      ) {
        const since = exportedRange(data, 'karpenter', name)?.from;
        throw new Unavailable(
          `${karpenter(rm)} exports no metric with the EC2 error code (${name} starts with ${since}); it counts MaxSpotInstanceCountExceeded and VcpuLimitExceeded as insufficient capacity, which KarpenterInsufficientCapacityErrors watches. spotctl quota-check compares the quotas with your NodePools.`,
        );
      }
      const m = metric(rm, name);
      const quota = [value(rm, m, 'reason', 'spot-quota'), value(rm, m, 'reason', 'vcpu-quota')];
      const sel = selector(rm, m, [['reason', '=~', quota.join('|')]]);
      return {
        expr: anyEvent(sel, by(rm, m, ['capacity_type', 'reason']), '30m'),
        metrics: [m.name],
        summary: 'EC2 vCPU quota blocks {{ $labels.capacity_type }} launches ({{ $labels.reason }})',
        description:
          'Karpenter could not launch {{ $labels.capacity_type }} instances because the account hit its EC2 vCPU quota ({{ $labels.reason }}). Request a quota increase (spotctl quota-check shows how much the NodePools can use) or lower the NodePool limits.',
      };
    },
  },
  {
    name: 'KarpenterNodeClaimNotRegistered',
    watches: 'Any NodeClaim deleted for not registering in an hour',
    component: 'karpenter',
    severity: 'warning',
    runbookUrl: () => DOCS.nodeNotReady,
    build(ctx) {
      const { m, pool, sel } = poolEnded(ctx.rm, 'registration-timeout');
      const grouping = by(ctx.rm, m, [pool.label]);
      const claim = pool.claims === 'machines' ? 'Machine' : 'NodeClaim';
      return {
        expr: anyEvent(sel, grouping, '1h'),
        metrics: [m.name],
        summary: `${claim}s of ${poolRef(pool)} do not register`,
        description: `Karpenter deleted ${claim}s of ${poolRef(pool)} because their node did not join the cluster in time ({{ $value | humanize }} in the last hour). Check the node's user data, IAM role, security groups and subnets (the instance console output shows the kubelet).`,
      };
    },
  },
  {
    name: 'KarpenterNodeClaimNotInitialized',
    watches: `Registered nodes not initialised for ${THRESHOLDS.notInitializedFor}`,
    component: 'karpenter',
    severity: 'warning',
    for: THRESHOLDS.notInitializedFor,
    runbookUrl: () => DOCS.nodesNotInitialized,
    build({ rm, data }) {
      const pool = poolOf(rm);
      const registered = `karpenter_${pool.claims}_registered`;
      const initialized = `karpenter_${pool.claims}_initialized`;
      if (!rm.metric(initialized) && exportedRange(data, 'karpenter', initialized)) {
        const range = exportedRange(data, 'karpenter', initialized)!;
        throw new Unavailable(
          `${karpenter(rm)} counts no initialised ${pool.claims === 'machines' ? 'Machines' : 'NodeClaims'} (${initialized} exists in ${range.from} … ${range.to})`,
        );
      }
      const reg = metric(rm, registered);
      const init = metric(rm, initialized);
      const g = (m: typeof reg) => by(rm, m, [pool.label]);
      // A pool whose first node never initialises has no initialised series yet: count it as 0.
      return {
        expr: `sum${g(reg)} (${reg.name}) - (sum${g(init)} (${init.name}) or sum${g(reg)} (${reg.name}) * 0) > 0`,
        metrics: [reg.name, init.name],
        summary: `Nodes of ${poolRef(pool)} register but do not initialise`,
        description: `{{ $value | humanize }} registered nodes of ${poolRef(pool)} have not initialised for ${THRESHOLDS.notInitializedFor}: not Ready, an expected resource (nvidia.com/gpu, vpc.amazonaws.com/pod-eni) missing, or a startup taint left on.`,
      };
    },
  },
  {
    name: 'KarpenterPodsPendingTooLong',
    watches: `A pod Pending for ${THRESHOLDS.pendingFor}`,
    component: 'karpenter',
    severity: 'warning',
    for: THRESHOLDS.pendingFor,
    runbookUrl: () => DOCS.scheduling,
    build({ rm }) {
      const m = metric(rm, 'karpenter_pods_state');
      const sel = selector(rm, m, [['phase', '=', value(rm, m, 'phase', 'pending')]]);
      return {
        expr: `max${by(rm, m, ['namespace', 'name'])} (${sel}) > 0`,
        metrics: [m.name],
        summary: 'Pod {{ $labels.namespace }}/{{ $labels.name }} pending too long',
        description: `Pod {{ $labels.namespace }}/{{ $labels.name }} has been Pending for more than ${THRESHOLDS.pendingFor}. Karpenter's log says why it could not schedule it (requirements no instance type meets, NodePool limits, insufficient capacity); kubectl describe pod shows the events.`,
      };
    },
  },
  {
    name: 'NTHDrainFailed',
    watches: 'Any failed cordon or drain in 30 minutes',
    component: 'nth',
    severity: 'critical',
    runbookUrl: ({ rm }) => `${DOCS.nthReadme(rm.release)}#metrics`,
    build({ rm }) {
      const m = metric(rm, 'actions_total', 'actions_node_total', 'actions_node');
      const actions = [
        value(rm, m, 'node_action', 'cordon'),
        value(rm, m, 'node_action', 'cordon-and-drain'),
      ];
      const matchers: Matcher[] = [
        ['node_status', '=', value(rm, m, 'node_status', 'error')],
        ['node_action', '=~', actions.join('|')],
      ];
      const grouping = ['node_action', ...(m.labels.has('node_name') ? ['node_name'] : [])];
      const where = m.labels.has('node_name') ? ' on {{ $labels.node_name }}' : '';
      return {
        expr: anyEvent(selector(rm, m, matchers), by(rm, m, grouping), '30m'),
        metrics: [m.name],
        summary: `aws-node-termination-handler failed to {{ $labels.node_action }}${where}`,
        description: `aws-node-termination-handler failed to {{ $labels.node_action }}${where} ({{ $value | humanize }} in 30 minutes): pods may be killed with the instance instead of moved. Its log names the node and the cause (PodDisruptionBudgets blocking eviction, RBAC, an unreachable API server).`,
      };
    },
  },
  {
    name: 'NTHEventErrors',
    watches: 'Any error processing interruption events in 30 minutes',
    component: 'nth',
    severity: 'warning',
    runbookUrl: ({ rm }) => `${DOCS.nthReadme(rm.release)}#metrics`,
    build({ rm }) {
      const m = metric(rm, 'events_error_total', 'events_error');
      return {
        expr: anyEvent(m.name, by(rm, m, ['event_error_where']), '30m'),
        metrics: [m.name],
        summary: 'aws-node-termination-handler fails to process events ({{ $labels.event_error_where }})',
        description:
          'aws-node-termination-handler failed to process interruption events in {{ $labels.event_error_where }} ({{ $value | humanize }} in 30 minutes): interruptions may go unhandled. Check its log and its access to IMDS or its SQS queue.',
      };
    },
  },
];
