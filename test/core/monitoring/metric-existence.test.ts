/**
 * Every metric name and label spotctl writes — in the rules, the dashboard's queries and its variables —
 * is one the chosen release exports: checked against Karpenter's and NTH's own declarations
 * (karpenter-source/metrics.json in ../shared), for every scanned release, and against the shipped data.
 * Label values filtered on must be ones the shipped data records for that release.
 */
import { describe, expect, it } from 'vitest';

import { inRange } from '../../../src/core/monitoring/metrics-data.js';
import type { MonitoringResult } from '../../../src/core/monitoring/types.js';
import { labelValuesQuery, queryUses } from '../../helpers/promql.js';
import { describeShared, readSharedJson } from '../../helpers/shared.js';
import { metricsData, plan } from './fixtures.js';

type Component = 'karpenter' | 'nth';
/** name → label names, for one release of one component. */
type Exported = Map<string, { type: string; labels: Set<string> }>;

interface Query {
  component: Component;
  expr: string;
  /** Dashboard queries may also filter on the `cluster` external label. */
  dashboard: boolean;
}

function queriesOf(result: MonitoringResult): Query[] {
  return [
    ...result.alerts.map((a) => ({ component: a.component, expr: a.expr, dashboard: false })),
    ...result.dashboard.panels.flatMap((p) =>
      p.queries.map((expr) => ({ component: p.component, expr, dashboard: true })),
    ),
    ...result.dashboard.variables
      .filter((v) => v.type === 'query')
      .map((v) => {
        const parsed = labelValuesQuery(v.query)!;
        // The label the variable lists must exist too: select on it so the checks below see it.
        const withLabel = parsed.selector.includes('{')
          ? parsed.selector.replace('{', `{${parsed.label}=~".+",`)
          : `${parsed.selector}{${parsed.label}=~".+"}`;
        return { component: 'karpenter' as const, expr: withLabel, dashboard: true };
      }),
  ];
}

/** Histograms and summaries are scraped as _bucket/_sum/_count series of their declared name. */
function lookup(exported: Exported, name: string) {
  const direct = exported.get(name);
  if (direct) return { labels: direct.labels };
  const m = /^(.*)_(bucket|sum|count)$/.exec(name);
  const base = m && exported.get(m[1]!);
  if (base && (base.type === 'histogram' || base.type === 'summary')) {
    return { labels: new Set([...base.labels, ...(m![2] === 'bucket' ? ['le'] : [])]) };
  }
  return undefined;
}

/** Problems with the names and labels of `queries` for `exported`; empty when all are exported. */
function problems(queries: Query[], exportedOf: (component: Component) => Exported): string[] {
  const out: string[] = [];
  for (const query of queries) {
    const exported = exportedOf(query.component);
    const uses = queryUses(query.expr);
    const allowed = (labels: Set<string>, label: string) =>
      labels.has(label) || (query.dashboard && label === 'cluster');
    for (const selector of uses.selectors) {
      const metric = lookup(exported, selector.metric);
      if (!metric) {
        out.push(`${selector.metric} is not exported (${query.expr})`);
        continue;
      }
      for (const matcher of selector.matchers) {
        if (!allowed(metric.labels, matcher.label))
          out.push(`${selector.metric} has no label ${matcher.label}`);
      }
    }
    for (const grouping of uses.groupings) {
      for (const name of grouping.metrics) {
        const metric = lookup(exported, name);
        for (const label of grouping.labels) {
          if (metric && !metric.labels.has(label)) out.push(`${name} has no label ${label} to group by`);
        }
      }
    }
  }
  return out;
}

/** Label values must be recorded for the release (Grafana variables and "not empty" aside). */
function valueProblems(queries: Query[], component: Component, release: string): string[] {
  const out: string[] = [];
  for (const query of queries.filter((q) => q.component === component)) {
    for (const selector of queryUses(query.expr).selectors) {
      for (const { label, op, value } of selector.matchers) {
        if (value.startsWith('$') || value === '' || value === '.+' || label === 'cluster') continue;
        const values = op === '=~' || op === '!~' ? value.split('|') : [value];
        for (const v of values) {
          const known = metricsData.labelValues.some(
            (f) =>
              f.component === component &&
              f.metric === selector.metric &&
              f.label === label &&
              f.value === v &&
              inRange(release, f.from, f.to),
          );
          if (!known)
            out.push(`${release}: ${selector.metric}{${label}="${v}"} is not a value the data records`);
        }
      }
    }
  }
  return out;
}

const karpenterReleases = metricsData.karpenterVersions;
const nthReleases = metricsData.nthVersions.filter((v) => metricsData.nthExporters[v]);
const REQUIRED = { karpenter: ['v0.31.5', 'v0.37.8', 'v1.0.14', 'v1.14.1'], nth: ['v1.19.0', 'v1.25.6'] };

/** What the shipped data says a release exports. */
function fromData(component: Component, release: string): Exported {
  const exported: Exported = new Map();
  for (const fact of metricsData.metrics) {
    if (
      fact.component !== component ||
      !inRange(release, fact.from, fact.to) ||
      fact.absentIn?.includes(release)
    )
      continue;
    const labels = new Set([
      ...(exported.get(fact.name)?.labels ?? []),
      ...fact.labels,
      ...(fact.exporterLabels ?? []),
    ]);
    exported.set(fact.name, { type: fact.type, labels });
  }
  return exported;
}

describe('metric names and labels against the shipped data', () => {
  it('the releases the brief names are among those checked', () => {
    for (const release of REQUIRED.karpenter) expect(karpenterReleases).toContain(release);
    for (const release of REQUIRED.nth) expect(nthReleases).toContain(release);
  });

  it.each(karpenterReleases)('Karpenter %s (with the newest NTH)', (release) => {
    const result = plan({ karpenterVersion: release, nth: true });
    const queries = queriesOf(result);
    expect(queries.length).toBeGreaterThan(0);
    expect(problems(queries, (c) => fromData(c, c === 'karpenter' ? release : result.nth!.release))).toEqual(
      [],
    );
    expect(valueProblems(queries, 'karpenter', release)).toEqual([]);
  });

  it.each(nthReleases)('NTH %s', (release) => {
    const queries = queriesOf(plan({ nth: true, nthVersion: release }));
    expect(problems(queries, (c) => fromData(c, c === 'nth' ? release : 'v1.14.1'))).toEqual([]);
    expect(valueProblems(queries, 'nth', release)).toEqual([]);
  });
});

interface RefEntry {
  repo: 'provider-aws' | 'core' | 'nth';
  name: string;
  type: string;
  labels?: string[];
  constLabels?: string[];
  exporterLabels?: string[];
  firstVersion: string;
  lastVersion: string;
  providerFirst?: string;
  providerLast?: string;
  absentIn?: string[];
  notRegistered?: boolean;
}

describeShared('metric names and labels against Karpenter and NTH (karpenter-source/metrics.json)', () => {
  const entries = readSharedJson<{ entries: RefEntry[] }>('reference/karpenter-source/metrics.json').entries;

  /** What the upstream declarations say a release exports, read independently of the generator. */
  function fromReference(component: Component, release: string): Exported {
    const exported: Exported = new Map();
    for (const e of entries) {
      if ((e.repo === 'nth') !== (component === 'nth') || e.notRegistered) continue;
      const [from, to] =
        e.repo === 'core' ? [e.providerFirst!, e.providerLast!] : [e.firstVersion, e.lastVersion];
      if (!from || !inRange(release, from, to) || e.absentIn?.includes(release)) continue;
      const labels = new Set([
        ...(exported.get(e.name)?.labels ?? []),
        ...(e.labels ?? []),
        ...(e.constLabels ?? []),
        ...(e.exporterLabels ?? []),
      ]);
      exported.set(e.name, { type: e.type, labels });
    }
    return exported;
  }

  it.each(karpenterReleases)('Karpenter %s', (release) => {
    const result = plan({ karpenterVersion: release, nth: true });
    expect(
      problems(queriesOf(result), (c) => fromReference(c, c === 'karpenter' ? release : result.nth!.release)),
    ).toEqual([]);
  });

  it.each(nthReleases)('NTH %s', (release) => {
    const queries = queriesOf(plan({ nth: true, nthVersion: release }));
    expect(problems(queries, (c) => fromReference(c, c === 'nth' ? release : 'v1.14.1'))).toEqual([]);
  });

  it('a control: names and labels from another release are caught', () => {
    // Given queries that use a v0.x name at v1.14, a v1 name at v0.37 and a label the metric lacks
    const wrong: Query[] = [
      { component: 'karpenter', expr: 'sum(increase(karpenter_nodeclaims_created[5m]))', dashboard: false },
      { component: 'karpenter', expr: 'karpenter_nodepools_usage{resource_type="cpu"}', dashboard: false },
      {
        component: 'karpenter',
        expr: 'sum by (zone) (karpenter_nodeclaims_disrupted_total)',
        dashboard: false,
      },
      { component: 'karpenter', expr: 'karpenter_pods_state{cluster="a"}', dashboard: false },
    ];
    // Then each is reported for the release that lacks it
    expect(problems(wrong.slice(0, 1), (c) => fromReference(c, 'v1.14.1'))).toEqual([
      'karpenter_nodeclaims_created is not exported (sum(increase(karpenter_nodeclaims_created[5m])))',
    ]);
    expect(problems(wrong.slice(1, 2), (c) => fromReference(c, 'v0.37.8'))).toHaveLength(1);
    expect(problems(wrong.slice(2, 3), (c) => fromReference(c, 'v1.14.1'))).toEqual([
      'karpenter_nodeclaims_disrupted_total has no label zone to group by',
    ]);
    expect(problems(wrong.slice(3), (c) => fromReference(c, 'v1.14.1'))).toEqual([
      'karpenter_pods_state has no label cluster',
    ]);
    // And an unknown label value is caught too
    expect(
      valueProblems(
        [{ component: 'karpenter', expr: 'x{message_type="spot_interrupted"}', dashboard: false }],
        'karpenter',
        'v0.37.8',
      ),
    ).toHaveLength(1);
  });
});
