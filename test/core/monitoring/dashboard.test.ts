/**
 * The Grafana dashboard: a ConfigMap the sidecar loads, the data source as a variable used by every
 * query, cluster/NodePool/zone variables, panels per NodePool and zone, and panels a release cannot feed
 * left out with the reason.
 */
import { describe, expect, it } from 'vitest';

import { dashboardOf, objectsOf, plan } from './fixtures.js';

describe('the dashboard', () => {
  it('is a ConfigMap labelled for the Grafana sidecar, holding one JSON dashboard', () => {
    const result = plan({ dashboardNamespace: 'grafana' });
    const configMap = objectsOf(result).find((o) => o.kind === 'ConfigMap')!;
    expect(configMap.metadata).toMatchObject({
      name: 'spotctl-karpenter-spot-dashboard',
      namespace: 'grafana',
      labels: { grafana_dashboard: '1' },
    });
    expect(Object.keys(configMap.data!)).toEqual(['karpenter-spot.json']);
    const dashboard = dashboardOf(result);
    expect(dashboard).toMatchObject({ uid: 'spotctl-karpenter-spot', title: 'Karpenter Spot' });
  });

  it('has the data source, cluster, NodePool and zone as variables', () => {
    const dashboard = dashboardOf(plan({ clusterName: 'prod' }));
    const variables = dashboard.templating.list;
    expect(variables.map((v) => [v.name, v.type])).toEqual([
      ['datasource', 'datasource'],
      ['cluster', 'query'],
      ['nodepool', 'query'],
      ['zone', 'query'],
    ]);
    expect(variables[0]!.query).toBe('prometheus');
    for (const variable of variables.slice(1))
      expect(variable.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    // --cluster-name preselects the cluster
    expect(variables[1]!.current?.value).toBe('prod');
    expect(variables[2]!.query).toEqual({
      query: 'label_values(karpenter_nodepools_usage{cluster=~"$cluster"}, nodepool)',
      refId: 'nodepool-variable',
    });
    // Without a cluster name, all clusters
    expect(dashboardOf(plan()).templating.list[1]!.current?.value).toBe('$__all');
  });

  it('every panel and query reads the $datasource variable and filters on $cluster', () => {
    const dashboard = dashboardOf(plan({ nth: true }));
    const graphs = dashboard.panels.filter((p) => p.type === 'timeseries');
    expect(graphs.length).toBeGreaterThanOrEqual(10);
    for (const panel of graphs) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets!.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets!) {
        expect(target.datasource.uid).toBe('${datasource}');
        expect(target.expr, panel.title).toContain('cluster=~"$cluster"');
      }
    }
  });

  it('shows the signals per NodePool and zone where the metrics have them', () => {
    const dashboard = dashboardOf(plan());
    const byTitle = new Map(dashboard.panels.map((p) => [p.title, p]));
    expect(byTitle.get('Nodes lost to interruptions per NodePool')!.targets![0]!.expr).toMatch(
      /^sum by \(nodepool, capacity_type\) .*nodepool=~"\$nodepool"/,
    );
    expect(byTitle.get('Instance launch failures by zone and reason')!.targets![0]!.expr).toContain(
      'zone=~"$zone"',
    );
    expect(byTitle.get('Nodes per NodePool and zone')!.targets![0]!.legendFormat).toBe(
      '{{nodepool}} {{zone}} {{capacity_type}}',
    );
    // A pending pod has no NodePool or zone yet: filtering on them would hide it
    expect(byTitle.get('Pending pods by namespace')!.targets![0]!.expr).toBe(
      'count by (namespace) (karpenter_pods_state{cluster=~"$cluster",phase="Pending"})',
    );
  });

  it('lays panels out on a 24-column grid with unique ids, rows first', () => {
    const dashboard = dashboardOf(plan({ nth: true }));
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dashboard.panels[0]!.type).toBe('row');
    for (const panel of dashboard.panels) expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
    const cells = dashboard.panels.map((p) => `${p.gridPos.x},${p.gridPos.y}`);
    expect(new Set(cells).size).toBe(cells.length);
    expect(dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual([
      'Interruptions',
      'Launches',
      'Capacity',
      'aws-node-termination-handler',
    ]);
  });

  it('names Provisioners before v0.32 and leaves out what the release cannot show, with the reason', () => {
    const result = plan({ karpenterVersion: '0.31' });
    const titles = dashboardOf(result).panels.map((p) => p.title);
    expect(titles).toContain('Nodes per Provisioner and zone');
    expect(titles).not.toContain('Instance launch failures by zone and reason');
    expect(result.omitted.map((o) => o.name)).not.toContain('Nodes lost to interruptions per NodePool');
    expect(plan({ karpenterVersion: '0.19' }).omitted.map((o) => o.name)).toContain(
      'Nodes lost to interruptions per Provisioner',
    );
    expect(result.omitted).toContainEqual({
      kind: 'panel',
      name: 'Instance launch failures by zone and reason',
      component: 'karpenter',
      reason: 'Karpenter v0.31.5 exports none of karpenter_cloudprovider_instance_launch_failures_total',
    });
    expect(result.dashboard.panels.map((p) => p.title)).toEqual(
      titles.filter((t) => !['Interruptions', 'Launches', 'Capacity'].includes(t)),
    );
  });
});
