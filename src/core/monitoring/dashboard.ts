/**
 * The Grafana dashboard: the alerts' signals over time, per NodePool and zone, with the data source,
 * cluster, NodePool and zone as template variables. Panels a release cannot feed are left out, like alerts.
 */
import type { ExportedMetric, ReleaseMetrics } from './metrics-data.js';
import { attempt, by, label, metric, poolOf, selector, value, type Matcher, type Pool } from './query.js';
import { RECEIVED_MESSAGES, poolEnded, poolResource } from './signals.js';
import type { Omission, PanelResult, VariableResult } from './types.js';

export const DASHBOARD_UID = 'spotctl-karpenter-spot';
export const DASHBOARD_TITLE = 'Karpenter Spot';
const RATE = '$__rate_interval';
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

interface Target {
  expr: string;
  legend: string;
}

interface PanelSpec {
  title: string;
  component: ReleaseMetrics['component'];
  unit?: string;
  description: string;
  /** Throws `Unavailable` when the release cannot feed it. */
  targets(rm: ReleaseMetrics): Target[];
}

/**
 * The variable filters a metric can take: cluster always (an external label), pool and zone if it has
 * them — unless `placed` is false: a pending pod has neither yet, and filtering on them would hide it.
 */
function filters(rm: ReleaseMetrics, m: ExportedMetric, placed = true): Matcher[] {
  if (!placed) return [['cluster', '=~', '$cluster']];
  const pool = rm.component === 'karpenter' ? poolOf(rm) : undefined;
  return [
    ['cluster', '=~', '$cluster'],
    ...(pool && m.labels.has(pool.label) ? [[pool.label, '=~', '$nodepool'] as const] : []),
    ...(m.labels.has('zone') ? [['zone', '=~', '$zone'] as const] : []),
  ];
}

const sel = (rm: ReleaseMetrics, m: ExportedMetric, matchers: Matcher[] = [], placed = true) =>
  selector(rm, m, matchers, filters(rm, m, placed));

const legendOf = (labels: string[]) => labels.map((l) => `{{${l}}}`).join(' ');

/** `sum by (labels) (increase(m{…}[$__rate_interval]))`: events per interval. */
function counted(rm: ReleaseMetrics, m: ExportedMetric, labels: string[], matchers: Matcher[] = []): Target {
  return {
    expr: `sum${by(rm, m, labels)} (increase(${sel(rm, m, matchers)}[${RATE}]))`,
    legend: legendOf(labels),
  };
}

const KARPENTER_ROWS: Array<{ row: string; panels: PanelSpec[] }> = [
  {
    row: 'Interruptions',
    panels: [
      {
        title: 'Interruption messages by type',
        component: 'karpenter',
        description: 'Messages Karpenter received from its interruption queue, by kind.',
        targets: (rm) => [counted(rm, metric(rm, ...RECEIVED_MESSAGES), ['message_type'])],
      },
      {
        title: 'Nodes lost to interruptions per NodePool',
        component: 'karpenter',
        description: 'NodeClaims Karpenter removed on an interruption message.',
        targets(rm) {
          const s = poolEnded(rm, 'interruption', (m) => filters(rm, m));
          return [
            {
              expr: `sum${s.grouping} (increase(${s.sel}[${RATE}]))`,
              legend: legendOf(s.labels),
            },
          ];
        },
      },
      {
        title: 'NodeClaims terminated by zone',
        component: 'karpenter',
        description: 'Terminated NodeClaims for any reason, by zone and capacity type.',
        targets(rm) {
          const m = metric(rm, 'karpenter_nodeclaims_terminated_total');
          label(rm, m, 'zone');
          return [counted(rm, m, ['zone', 'capacity_type'])];
        },
      },
    ],
  },
  {
    row: 'Launches',
    panels: [
      {
        title: 'Launch errors by error',
        component: 'karpenter',
        description:
          "Errors of the cloud provider's Create calls, by Karpenter's error class (empty: unclassified).",
        targets(rm) {
          const m = metric(rm, 'karpenter_cloudprovider_errors_total');
          return [counted(rm, m, ['error'], [['method', '=', value(rm, m, 'method', 'create')]])];
        },
      },
      {
        title: 'Instance launch failures by zone and reason',
        component: 'karpenter',
        description: 'CreateFleet offering failures, by zone, capacity type and reason.',
        targets: (rm) => [
          counted(rm, metric(rm, 'karpenter_cloudprovider_instance_launch_failures_total'), [
            'zone',
            'capacity_type',
            'reason',
          ]),
        ],
      },
      {
        title: 'NodeClaims created, launched, registered, initialised',
        component: 'karpenter',
        description: 'Per-pool NodeClaim (Machine before v0.32) life-cycle counters the release exports.',
        targets(rm) {
          const pool = poolOf(rm);
          const steps = ['created', 'launched', 'registered', 'initialized'];
          const names = steps.map((step) =>
            pool.claims === 'machines'
              ? [`karpenter_machines_${step}`]
              : [`karpenter_nodeclaims_${step}_total`, `karpenter_nodeclaims_${step}`],
          );
          const targets = steps.flatMap((step, i) => {
            const built = attempt(() => counted(rm, metric(rm, ...names[i]!), [pool.label]));
            return built.ok ? [{ ...built.value, legend: `${built.value.legend} ${step}` }] : [];
          });
          if (targets.length === 0) metric(rm, ...names.flat());
          return targets;
        },
      },
      {
        title: 'Registration timeouts per NodePool',
        component: 'karpenter',
        description: 'NodeClaims deleted because their node did not join the cluster in time.',
        targets(rm) {
          const s = poolEnded(rm, 'registration-timeout', (m) => filters(rm, m));
          return [
            {
              expr: `sum${by(rm, s.m, [s.pool.label])} (increase(${s.sel}[${RATE}]))`,
              legend: `{{${s.pool.label}}}`,
            },
          ];
        },
      },
    ],
  },
  {
    row: 'Capacity',
    panels: [
      {
        title: 'Nodes per NodePool and zone',
        component: 'karpenter',
        description: 'Nodes running pods, by pool, zone and capacity type (from the pod metrics).',
        targets(rm) {
          const m = metric(rm, 'karpenter_pods_state');
          const keys = [poolOf(rm).label, 'zone', 'capacity_type'];
          const inner = `count${by(rm, m, ['node', ...keys])} (${sel(rm, m, [['node', '!=', '']])})`;
          return [{ expr: `count${by(rm, m, keys)} (${inner})`, legend: legendOf(keys) }];
        },
      },
      {
        title: 'CPU in use and limit per NodePool',
        component: 'karpenter',
        unit: 'short',
        description: 'vCPUs a pool has launched, against its limits.cpu.',
        targets(rm) {
          const pool = poolOf(rm);
          return (['usage', 'limit'] as const).map((kind) => {
            const m = poolResource(rm, kind);
            const cpu = value(rm, m, 'resource_type', 'cpu');
            return {
              expr: `sum${by(rm, m, [pool.label])} (${sel(rm, m, [['resource_type', '=', cpu]])})`,
              legend: `{{${pool.label}}} ${kind}`,
            };
          });
        },
      },
      {
        title: 'Pending pods by namespace',
        component: 'karpenter',
        description: 'Pods in phase Pending.',
        targets(rm) {
          const m = metric(rm, 'karpenter_pods_state');
          const pending = value(rm, m, 'phase', 'pending');
          return [
            {
              expr: `count${by(rm, m, ['namespace'])} (${sel(rm, m, [['phase', '=', pending]], false)})`,
              legend: '{{namespace}}',
            },
          ];
        },
      },
      {
        title: 'Longest wait for a node',
        component: 'karpenter',
        unit: 's',
        description: 'The longest any pending pod has waited to be bound to a node.',
        targets(rm) {
          const m = metric(rm, 'karpenter_pods_unbound_time_seconds');
          return [{ expr: `max (${sel(rm, m)})`, legend: 'longest unbound pod' }];
        },
      },
      {
        title: 'Spot offerings available by zone',
        component: 'karpenter',
        description: 'Spot instance-type offerings Karpenter considers available (the ICE cache shrinks it).',
        targets(rm) {
          const m = metric(rm, 'karpenter_cloudprovider_instance_type_offering_available');
          const spot = value(rm, m, 'capacity_type', 'spot');
          return [
            {
              expr: `sum${by(rm, m, ['zone'])} (${sel(rm, m, [['capacity_type', '=', spot]])})`,
              legend: '{{zone}}',
            },
          ];
        },
      },
    ],
  },
];

const NTH_ROW: { row: string; panels: PanelSpec[] } = {
  row: 'aws-node-termination-handler',
  panels: [
    {
      title: 'NTH actions by result',
      component: 'nth',
      description: 'Cordon and drain actions of aws-node-termination-handler, by action and status.',
      targets: (rm) => [
        counted(rm, metric(rm, 'actions_total', 'actions_node_total', 'actions_node'), [
          'node_action',
          'node_status',
        ]),
      ],
    },
    {
      title: 'NTH event errors',
      component: 'nth',
      description: 'Errors processing interruption events, by where they happened.',
      targets: (rm) => [counted(rm, metric(rm, 'events_error_total', 'events_error'), ['event_error_where'])],
    },
  ],
};

function variables(rm: ReleaseMetrics, pool: Pool, clusterName?: string) {
  const anchor = rm.metric('karpenter_build_info') ?? metric(rm, 'karpenter_pods_state');
  const pools = attempt(() => poolResource(rm, 'usage'));
  const poolMetric = pools.ok ? pools.value : metric(rm, 'karpenter_pods_state');
  label(rm, poolMetric, pool.label);
  const podState = metric(rm, 'karpenter_pods_state');
  label(rm, podState, 'zone');
  const query = (name: string, title: string, q: string, extra: Record<string, unknown> = {}) => ({
    type: 'query',
    name,
    label: title,
    datasource: DATASOURCE,
    definition: q,
    query: { query: q, refId: `${name}-variable` },
    refresh: 2,
    includeAll: true,
    allValue: '.*',
    multi: name !== 'cluster',
    sort: 1,
    current: { selected: true, text: 'All', value: '$__all' },
    ...extra,
  });
  const clusterCurrent = clusterName
    ? { current: { selected: true, text: clusterName, value: clusterName } }
    : {};
  return [
    {
      type: 'datasource',
      name: 'datasource',
      label: 'Data source',
      query: 'prometheus',
      refresh: 1,
      current: {},
    },
    query('cluster', 'Cluster', `label_values(${anchor.name}, cluster)`, clusterCurrent),
    query('nodepool', pool.kind, `label_values(${poolMetric.name}{cluster=~"$cluster"}, ${pool.label})`),
    query('zone', 'Zone', `label_values(${podState.name}{cluster=~"$cluster"}, zone)`),
  ];
}

export interface BuiltDashboard {
  json: Record<string, unknown>;
  panels: PanelResult[];
  variables: VariableResult[];
  omitted: Omission[];
}

/** The dashboard JSON for a Karpenter release (and an NTH release, when NTH is monitored). */
export function buildDashboard(
  karpenter: ReleaseMetrics,
  nth: ReleaseMetrics | undefined,
  options: { clusterName?: string; description: string },
): BuiltDashboard {
  const pool = poolOf(karpenter);
  const rows = nth ? [...KARPENTER_ROWS, NTH_ROW] : KARPENTER_ROWS;
  const panels: Array<Record<string, unknown>> = [];
  const results: PanelResult[] = [];
  const omitted: Omission[] = [];
  let y = 0;
  let id = 1;
  for (const { row, panels: specs } of rows) {
    const built = specs.flatMap((spec) => {
      const rm = spec.component === 'nth' ? nth! : karpenter;
      const result = attempt(() => spec.targets(rm));
      const name = spec.title.replace('NodePool', pool.kind);
      if (!result.ok) omitted.push({ kind: 'panel', name, component: spec.component, reason: result.reason });
      return result.ok ? [{ spec, targets: result.value }] : [];
    });
    if (built.length === 0) continue;
    panels.push({
      type: 'row',
      id: id++,
      title: row,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y: y++ },
      panels: [],
    });
    built.forEach(({ spec, targets }, i) => {
      const title = spec.title.replace('NodePool', pool.kind);
      panels.push({
        type: 'timeseries',
        id: id++,
        title,
        description: spec.description,
        datasource: DATASOURCE,
        gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: y + Math.floor(i / 2) * 8 },
        fieldConfig: { defaults: { unit: spec.unit ?? 'short' }, overrides: [] },
        options: {
          legend: { displayMode: 'list', placement: 'bottom' },
          tooltip: { mode: 'multi', sort: 'desc' },
        },
        targets: targets.map((t, j) => ({
          refId: String.fromCharCode(65 + j),
          datasource: DATASOURCE,
          expr: t.expr,
          legendFormat: t.legend,
        })),
      });
      results.push({ title, component: spec.component, row, queries: targets.map((t) => t.expr) });
    });
    y += Math.ceil(built.length / 2) * 8;
  }
  const list = variables(karpenter, pool, options.clusterName);
  return {
    json: {
      uid: DASHBOARD_UID,
      title: DASHBOARD_TITLE,
      description: options.description,
      tags: ['karpenter', 'spot', 'spotctl'],
      editable: true,
      schemaVersion: 39,
      version: 1,
      timezone: 'browser',
      time: { from: 'now-24h', to: 'now' },
      refresh: '1m',
      annotations: { list: [] },
      templating: { list },
      panels,
    },
    panels: results,
    variables: list.map((v) => ({
      name: v.name,
      type: v.type as VariableResult['type'],
      query: 'definition' in v ? v.definition : v.query,
    })),
    omitted,
  };
}
