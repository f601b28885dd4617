/**
 * Generates src/data/monitoring-metrics.json — the metric facts `spotctl monitoring` builds alerts and
 * dashboards from — out of ../shared/reference/karpenter-source:
 *   - metrics.json: name, type, label names and version range of every metric spotctl may use (Karpenter
 *     versions are provider-aws releases: a core entry's providerFirst/providerLast; NTH its own tags);
 *     entries declared but never registered are dropped, as Karpenter never exports them;
 *   - metrics.json nthNaming: the OpenTelemetry exporter each NTH release pins;
 *   - aws-error-codes.json: which `reason` Karpenter writes on its launch-failure counter for the EC2 quota
 *     codes (toReasonMessage), and in which releases those codes count as insufficient capacity.
 * Label VALUES are not in metrics.json: the few that alerts filter on are listed below with the upstream
 * file they are read from, and checked here against metrics.json (the metric and label must exist over
 * the whole range given).
 *
 * Usage: npm run data:metrics [-- --shared ../shared] [--out src/data/monitoring-metrics.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type {
  LabelValueFact,
  MetricFact,
  MetricsData,
  MonitoredComponent,
} from '../src/core/monitoring/metrics-data.js';
import { METRICS_DATA_SCHEMA } from '../src/core/monitoring/metrics-data.js';

/** The metrics the rules and the dashboard may use; everything else in metrics.json is left out. */
const USED: Record<MonitoredComponent, string[]> = {
  karpenter: [
    'karpenter_build_info',
    'karpenter_interruption_received_messages',
    'karpenter_interruption_received_messages_total',
    'karpenter_machines_created',
    'karpenter_machines_launched',
    'karpenter_machines_registered',
    'karpenter_machines_initialized',
    'karpenter_machines_terminated',
    'karpenter_nodeclaims_created',
    'karpenter_nodeclaims_created_total',
    'karpenter_nodeclaims_launched',
    'karpenter_nodeclaims_registered',
    'karpenter_nodeclaims_initialized',
    'karpenter_nodeclaims_terminated',
    'karpenter_nodeclaims_terminated_total',
    'karpenter_nodeclaims_disrupted_total',
    'karpenter_cloudprovider_errors_total',
    'karpenter_cloudprovider_instance_launch_failures_total',
    'karpenter_cloudprovider_instance_type_offering_available',
    'karpenter_pods_state',
    'karpenter_pods_unbound_time_seconds',
    'karpenter_provisioner_usage',
    'karpenter_provisioner_limit',
    'karpenter_nodepool_usage',
    'karpenter_nodepool_limit',
    'karpenter_nodepools_usage',
    'karpenter_nodepools_limit',
  ],
  nth: ['actions_node', 'actions_node_total', 'actions_total', 'events_error', 'events_error_total'],
};

const PROVIDER = 'aws/karpenter-provider-aws';
const CORE = 'kubernetes-sigs/karpenter';
const NTH = 'aws/aws-node-termination-handler';

type Curated = Omit<LabelValueFact, 'component'> & { component?: MonitoredComponent };

/**
 * Label values read from the upstream source at every scanned release in the range (latest patch of
 * each minor, like metrics.json). Ranges are Karpenter provider releases (core facts: the provider
 * releases that ship that core) or NTH releases.
 */
const CURATED: Curated[] = [
  ...[
    [
      'karpenter_interruption_received_messages',
      'spot-interruption',
      'SpotInterruptionKind',
      'v0.19.3',
      'v0.37.8',
    ],
    [
      'karpenter_interruption_received_messages',
      'rebalance-recommendation',
      'RebalanceRecommendationKind',
      'v0.19.3',
      'v0.37.8',
    ],
    [
      'karpenter_interruption_received_messages_total',
      'spot-interruption',
      'spot_interrupted',
      'v1.0.14',
      'v1.14.1',
    ],
    [
      'karpenter_interruption_received_messages_total',
      'rebalance-recommendation',
      'rebalance_recommendation',
      'v1.0.14',
      'v1.14.1',
    ],
  ].map(([metric, meaning, value, from, to]) => ({
    metric: metric!,
    label: 'message_type',
    meaning: meaning!,
    value: value!,
    from: from!,
    to: to!,
    source: `${PROVIDER} pkg/controllers/interruption/messages/types.go (Kind constants)`,
  })),
  {
    metric: 'karpenter_machines_terminated',
    label: 'reason',
    meaning: 'interruption',
    value: 'interruption',
    from: 'v0.28.1',
    to: 'v0.32.10',
    source: `${PROVIDER} pkg/controllers/interruption/metrics.go (terminationReasonLabel)`,
  },
  {
    metric: 'karpenter_nodeclaims_terminated',
    label: 'reason',
    meaning: 'interruption',
    value: 'interruption',
    from: 'v0.31.5',
    to: 'v0.37.8',
    source: `${PROVIDER} pkg/controllers/interruption/metrics.go (terminationReasonLabel)`,
  },
  {
    metric: 'karpenter_nodeclaims_disrupted_total',
    label: 'reason',
    meaning: 'interruption',
    value: 'spot_interrupted',
    from: 'v1.0.14',
    to: 'v1.14.1',
    source: `${PROVIDER} pkg/controllers/interruption (reason = the message Kind)`,
  },
  {
    metric: 'karpenter_machines_terminated',
    label: 'reason',
    meaning: 'registration-timeout',
    value: 'liveness',
    from: 'v0.27.8',
    to: 'v0.32.10',
    source: `${CORE} pkg/controllers/{machine,nodeclaim}/lifecycle/liveness.go`,
  },
  {
    metric: 'karpenter_nodeclaims_terminated',
    label: 'reason',
    meaning: 'registration-timeout',
    value: 'liveness',
    from: 'v0.30.0',
    to: 'v0.37.8',
    source: `${CORE} pkg/controllers/nodeclaim/lifecycle/liveness.go`,
  },
  {
    metric: 'karpenter_nodeclaims_disrupted_total',
    label: 'reason',
    meaning: 'registration-timeout',
    value: 'liveness',
    from: 'v1.0.14',
    to: 'v1.6.8',
    source: `${CORE} pkg/controllers/nodeclaim/lifecycle/liveness.go`,
  },
  {
    metric: 'karpenter_nodeclaims_disrupted_total',
    label: 'reason',
    meaning: 'registration-timeout',
    value: 'registration_timeout',
    from: 'v1.7.6',
    to: 'v1.14.1',
    source: `${CORE} pkg/controllers/nodeclaim/lifecycle/liveness.go (registrationTimeoutReason)`,
  },
  {
    metric: 'karpenter_cloudprovider_errors_total',
    label: 'method',
    meaning: 'create',
    value: 'Create',
    from: 'v0.28.1',
    to: 'v1.14.1',
    source: `${CORE} pkg/cloudprovider/metrics/cloudprovider.go`,
  },
  {
    metric: 'karpenter_cloudprovider_errors_total',
    label: 'error',
    meaning: 'insufficient-capacity',
    value: 'InsufficientCapacityError',
    from: 'v0.28.1',
    to: 'v1.14.1',
    source: `${CORE} pkg/cloudprovider/metrics/cloudprovider.go (GetErrorTypeLabelValue)`,
  },
  ...['karpenter_pods_state'].map((metric) => ({
    metric,
    label: 'phase',
    meaning: 'pending',
    value: 'Pending',
    from: 'v0.5.6',
    to: 'v1.14.1',
    source: `${PROVIDER} / ${CORE} pkg/controllers/metrics/pod/controller.go (the pod's status.phase)`,
  })),
  ...[
    ['karpenter_provisioner_usage', 'v0.11.1', 'v0.32.10'],
    ['karpenter_provisioner_limit', 'v0.11.1', 'v0.32.10'],
    ['karpenter_nodepool_usage', 'v0.30.0', 'v0.37.8'],
    ['karpenter_nodepool_limit', 'v0.30.0', 'v0.37.8'],
    ['karpenter_nodepools_usage', 'v1.0.14', 'v1.14.1'],
    ['karpenter_nodepools_limit', 'v1.0.14', 'v1.14.1'],
  ].map(([metric, from, to]) => ({
    metric: metric!,
    label: 'resource_type',
    meaning: 'cpu',
    value: 'cpu',
    from: from!,
    to: to!,
    source: `${CORE} pkg/controllers/metrics/{provisioner,nodepool}/controller.go (the resource name)`,
  })),
  ...[
    ['karpenter_cloudprovider_instance_type_offering_available', 'v0.36.9', 'v1.14.1'],
    ['karpenter_cloudprovider_instance_launch_failures_total', 'v1.14.1', 'v1.14.1'],
  ].map(([metric, from, to]) => ({
    metric: metric!,
    label: 'capacity_type',
    meaning: 'spot',
    value: 'spot',
    from: from!,
    to: to!,
    source: `${PROVIDER} (the karpenter.sh/capacity-type value)`,
  })),
  ...[
    ['actions_node', 'v1.5.0', 'v1.19.0'],
    ['actions_node_total', 'v1.20.0', 'v1.25.6'],
    ['actions_total', 'v1.21.0', 'v1.25.6'],
  ].flatMap(([metric, from, to]) => [
    {
      component: 'nth' as const,
      metric: metric!,
      label: 'node_status',
      meaning: 'error',
      value: 'error',
      from: from!,
      to: to!,
      source: `${NTH} pkg/observability/opentelemetry.go (NodeActionsInc)`,
    },
    ...['cordon', 'cordon-and-drain'].map((value) => ({
      component: 'nth' as const,
      metric: metric!,
      label: 'node_action',
      meaning: value,
      value,
      from: from!,
      to: to!,
      source: `${NTH} pkg/interruptionevent (NodeActionsInc call sites)`,
    })),
  ]),
];

/** The EC2 quota codes whose launch-failure `reason` the vCPU-quota alert filters on. */
const QUOTA_CODES = { 'spot-quota': 'MaxSpotInstanceCountExceeded', 'vcpu-quota': 'VcpuLimitExceeded' };

// ---------------------------------------------------------------------------------------------------------

interface RawEntry {
  repo: 'provider-aws' | 'core' | 'nth';
  name: string;
  type: MetricFact['type'];
  labels?: string[];
  constLabels?: string[];
  labelsUnresolved?: string[];
  exporterLabels?: string[];
  firstVersion: string;
  lastVersion: string;
  providerFirst?: string;
  providerLast?: string;
  absentIn?: string[];
  notRegistered?: boolean;
}

interface RawMetrics {
  snapshots: Record<'provider-aws' | 'core' | 'nth', string[]>;
  nthNaming: { exporterByVersion: Record<string, string | null> };
  entries: RawEntry[];
}

interface RawErrorRange {
  firstVersion: string;
  lastVersion: string;
  sets?: Record<string, string[]>;
  toReasonMessage?: Array<{ when: string[]; reason: string }>;
}

/** What the facts are read from: karpenter-source's metrics.json and aws-error-codes.json. */
interface Sources {
  raw: RawMetrics;
  errorCodes: { ranges: RawErrorRange[] };
}

function readSources(shared: string): Sources {
  const sourceDir = join(shared, 'reference/karpenter-source');
  const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(sourceDir, name), 'utf8')) as T;
  return { raw: readJson('metrics.json'), errorCodes: readJson('aws-error-codes.json') };
}

const semver = (v: string): number[] => v.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
const cmp = (a: string, b: string): number => {
  const [x, y] = [semver(a), semver(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
};
const within = (v: string, from: string, to: string) => cmp(v, from) >= 0 && cmp(v, to) <= 0;

const versionsOf = ({ raw }: Sources, component: MonitoredComponent) =>
  component === 'karpenter' ? raw.snapshots['provider-aws'] : raw.snapshots.nth;

function metricFacts({ raw }: Sources): MetricFact[] {
  const facts: MetricFact[] = [];
  for (const component of ['karpenter', 'nth'] as const) {
    const wanted = new Set(USED[component]);
    for (const entry of raw.entries) {
      if (!wanted.has(entry.name) || entry.notRegistered) continue;
      if ((entry.repo === 'nth') !== (component === 'nth')) continue;
      if (entry.labelsUnresolved?.length) {
        throw new Error(`${entry.name}: labels resolved only at run time; spotctl cannot check them`);
      }
      const from = entry.repo === 'core' ? entry.providerFirst : entry.firstVersion;
      const to = entry.repo === 'core' ? entry.providerLast : entry.lastVersion;
      if (!from || !to) throw new Error(`${entry.name}: no provider release range`);
      facts.push({
        component,
        name: entry.name,
        type: entry.type,
        labels: [...(entry.labels ?? []), ...(entry.constLabels ?? [])],
        ...(entry.exporterLabels?.length ? { exporterLabels: entry.exporterLabels } : {}),
        from,
        to,
        ...(entry.absentIn?.length ? { absentIn: entry.absentIn } : {}),
      });
    }
    for (const name of wanted) {
      if (!facts.some((fact) => fact.name === name && fact.component === component)) {
        throw new Error(`${name} is not in metrics.json`);
      }
    }
  }
  return facts.sort((a, b) => a.name.localeCompare(b.name) || cmp(a.from, b.from));
}

/** Every snapshot in [from, to] must export the metric with the label, or the curated fact is wrong. */
function checkCurated(sources: Sources, facts: MetricFact[], fact: LabelValueFact): void {
  const versions = versionsOf(sources, fact.component).filter((v) => within(v, fact.from, fact.to));
  if (versions.length === 0)
    throw new Error(`${fact.metric}: no scanned release in ${fact.from}..${fact.to}`);
  for (const version of versions) {
    const entry = facts.find(
      (m) =>
        m.component === fact.component &&
        m.name === fact.metric &&
        within(version, m.from, m.to) &&
        !m.absentIn?.includes(version),
    );
    if (!entry?.labels.includes(fact.label)) {
      throw new Error(`${fact.metric}{${fact.label}} is not exported by ${version}`);
    }
  }
}

/** Contiguous runs of scanned releases over which `valueAt` gives the same defined value. */
function runs<T>(versions: string[], valueAt: (version: string) => T | undefined) {
  const out: Array<{ value: T; from: string; to: string }> = [];
  let open: { value: T; from: string; to: string } | undefined;
  for (const version of versions) {
    const value = valueAt(version);
    if (value !== undefined && open && open.value === value) open.to = version;
    else {
      open = value === undefined ? undefined : { value, from: version, to: version };
      if (open) out.push(open);
    }
  }
  return out;
}

const errorRangeAt = ({ errorCodes }: Sources, version: string) =>
  errorCodes.ranges.find((r) => within(version, r.firstVersion, r.lastVersion));

/** The launch-failure reasons of the quota codes, per scanned release that exports the counter. */
function launchFailureReasons(sources: Sources, facts: MetricFact[]): LabelValueFact[] {
  const metric = 'karpenter_cloudprovider_instance_launch_failures_total';
  const exported = (version: string) => facts.some((m) => m.name === metric && within(version, m.from, m.to));
  return Object.entries(QUOTA_CODES).flatMap(([meaning, code]) =>
    runs(versionsOf(sources, 'karpenter'), (version) => {
      if (!exported(version)) return undefined;
      const rule = errorRangeAt(sources, version)?.toReasonMessage?.find((r) =>
        r.when.some((w) => w.includes(`"${code}"`)),
      );
      if (!rule) throw new Error(`${version}: no toReasonMessage rule for ${code}`);
      return rule.reason;
    }).map(({ value, from, to }) => ({
      component: 'karpenter' as const,
      metric,
      label: 'reason',
      meaning,
      value,
      from,
      to,
      source: `aws-error-codes.json toReasonMessage (${code})`,
    })),
  );
}

/** Releases in which the EC2 quota codes are classed as unfulfillable capacity (an ICE to Karpenter). */
function quotaCodesAsInsufficientCapacity(sources: Sources): Array<{ from: string; to: string }> {
  return runs(versionsOf(sources, 'karpenter'), (version) => {
    const set = errorRangeAt(sources, version)?.sets?.unfulfillableCapacityErrorCodes ?? [];
    return Object.values(QUOTA_CODES).every((code) => set.includes(code)) ? true : undefined;
  }).map(({ from, to }) => ({ from, to }));
}

// One fact per line keeps diffs of a regenerated file readable.
const lines = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');

/** The text of src/data/monitoring-metrics.json, derived from the karpenter-source data under `shared`. */
export function deriveMetrics(shared: string): { text: string; metrics: number; labelValues: number } {
  const sources = readSources(shared);
  const metrics = metricFacts(sources);
  const labelValues: LabelValueFact[] = CURATED.map((fact) => ({ component: 'karpenter', ...fact }));
  for (const fact of labelValues) checkCurated(sources, metrics, fact);
  labelValues.push(...launchFailureReasons(sources, metrics));

  const data: MetricsData = {
    _about:
      'Generated by scripts/derive-metrics.ts (npm run data:metrics) from karpenter-source/metrics.json and aws-error-codes.json; label values with their upstream file. Facts per scanned release (latest patch of each minor). Do not edit.',
    schema: METRICS_DATA_SCHEMA,
    karpenterVersions: versionsOf(sources, 'karpenter'),
    nthVersions: versionsOf(sources, 'nth'),
    nthExporters: sources.raw.nthNaming.exporterByVersion,
    metrics,
    labelValues,
    quotaCodesAsInsufficientCapacity: quotaCodesAsInsufficientCapacity(sources),
  };

  return {
    metrics: metrics.length,
    labelValues: labelValues.length,
    text: `{
  "_about": ${JSON.stringify(data._about)},
  "schema": ${data.schema},
  "karpenterVersions": ${JSON.stringify(data.karpenterVersions)},
  "nthVersions": ${JSON.stringify(data.nthVersions)},
  "nthExporters": ${JSON.stringify(data.nthExporters)},
  "quotaCodesAsInsufficientCapacity": ${JSON.stringify(data.quotaCodesAsInsufficientCapacity)},
  "metrics": [
${lines(data.metrics)}
  ],
  "labelValues": [
${lines(data.labelValues)}
  ]
}
`,
  };
}

if (process.argv[1]?.endsWith('derive-metrics.ts')) {
  const argument = (name: string, fallback: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv[at + 1]! : fallback;
  };
  const out = argument('--out', 'src/data/monitoring-metrics.json');
  const { text, metrics, labelValues } = deriveMetrics(resolve(argument('--shared', '../shared')));
  writeFileSync(out, text);
  process.stdout.write(`${out}: ${metrics} metric entries, ${labelValues} label values\n`);
}
