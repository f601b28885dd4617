/**
 * planMonitoring: which release's facts are used, which alerts each release gets (and why the others are
 * left out), the objects and the stream users apply.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { SpotctlError } from '../../../src/core/errors.js';
import { dashboardOf, objectsOf, plan, rulesOf } from './fixtures.js';

const names = (result: ReturnType<typeof plan>) => result.alerts.map((a) => a.name);
const exprOf = (result: ReturnType<typeof plan>, name: string) =>
  result.alerts.find((a) => a.name === name)?.expr;
const omittedAlert = (result: ReturnType<typeof plan>, name: string) =>
  result.omitted.find((o) => o.kind === 'alert' && o.name === name);

describe('version selection', () => {
  it.each([
    [undefined, 'v1.14.1', 'v1.14', true],
    ['1.14', 'v1.14.1', 'v1.14', true],
    ['v1.0.5', 'v1.0.14', 'v1.0', false],
    ['0.37', 'v0.37.8', 'v0.37', false],
    ['0.31.0', 'v0.31.5', 'v0.31', false],
  ])('--karpenter-version %s reads the facts of %s', (requested, release, minor, newest) => {
    // When a version is asked for (or none)
    const result = plan({ karpenterVersion: requested });
    // Then the scanned release of that minor is used, and the result says which
    expect(result.karpenter).toEqual({ ...(requested ? { requested } : {}), release, minor, newest });
    expect(result.files[0]!.content).toContain(`for Karpenter ${minor} (metrics of ${release})`);
  });

  it.each([
    ['1.99', 'UNKNOWN_VERSION', /no metric data for Karpenter v1\.99 \(it knows v0\.5\.6 … v1\.14\.1\)/],
    ['0.1', 'UNKNOWN_VERSION', /v0\.1/],
    ['latest', 'INVALID_VERSION', /--karpenter-version latest is not a version/],
  ])('--karpenter-version %s is a usage error (%s) with a next step', (requested, code, message) => {
    let error: unknown;
    try {
      plan({ karpenterVersion: requested });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpotctlError);
    expect(error).toMatchObject({ code, exitCode: 2 });
    expect((error as SpotctlError).message).toMatch(message);
    expect((error as SpotctlError).suggestions[0]).toMatch(/--karpenter-version/);
  });

  it('--no-nth with --nth-version says the version is ignored', () => {
    const result = plan({ nth: false, nthVersion: '1.19' });
    expect(result.nth).toBeNull();
    expect(result.notes).toEqual([
      '--nth-version 1.19 ignored: aws-node-termination-handler is not monitored (--no-nth).',
    ]);
  });

  it('NTH defaults to its newest release and names the exporter it pins', () => {
    const result = plan({ nth: true });
    expect(result.nth).toMatchObject({ release: 'v1.25.6', newest: true });
    expect(result.nth?.exporter).toMatch(/exporters\/prometheus@v0\.51\.0$/);
  });
});

describe('alerts per release', () => {
  it('gives every required version at least five alerts', () => {
    for (const version of ['0.31', '0.37', '1.0', '1.14']) {
      expect(plan({ karpenterVersion: version }).alerts.length, version).toBeGreaterThanOrEqual(5);
    }
  });

  it('spells metric names and label values as each release does', () => {
    // Given the same alert planned for a v0.x and a v1 release
    const old = plan({ karpenterVersion: '0.37' });
    const v1 = plan({ karpenterVersion: '1.0' });
    // Then the names and message kinds follow the release
    expect(exprOf(old, 'KarpenterSpotInterruptionsHigh')).toContain(
      'karpenter_interruption_received_messages{message_type="SpotInterruptionKind"}',
    );
    expect(exprOf(v1, 'KarpenterSpotInterruptionsHigh')).toContain(
      'karpenter_interruption_received_messages_total{message_type="spot_interrupted"}',
    );
    expect(exprOf(old, 'KarpenterNodeClaimNotRegistered')).toContain(
      'karpenter_nodeclaims_terminated{reason="liveness"}',
    );
    expect(exprOf(v1, 'KarpenterNodeClaimNotRegistered')).toContain(
      'karpenter_nodeclaims_disrupted_total{reason="liveness"}',
    );
    expect(exprOf(plan({ karpenterVersion: '1.7' }), 'KarpenterNodeClaimNotRegistered')).toContain(
      '{reason="registration_timeout"}',
    );
  });

  it('watches Provisioners and Machines before v0.32, NodePools from it on', () => {
    expect(exprOf(plan({ karpenterVersion: '0.31' }), 'KarpenterNodeClaimNotInitialized')).toBe(
      'sum by (provisioner) (karpenter_machines_registered) - (sum by (provisioner) (karpenter_machines_initialized) or sum by (provisioner) (karpenter_machines_registered) * 0) > 0',
    );
    expect(exprOf(plan({ karpenterVersion: '0.32' }), 'KarpenterNodeClaimNotInitialized')).toContain(
      'sum by (nodepool) (karpenter_nodeclaims_registered)',
    );
    expect(
      dashboardOf(plan({ karpenterVersion: '0.31' })).templating.list.find((v) => v.name === 'nodepool'),
    ).toMatchObject({
      query: { query: 'label_values(karpenter_provisioner_usage{cluster=~"$cluster"}, provisioner)' },
    });
  });

  it('leaves out the vCPU-quota alert before v1.14 and says why; writes it for v1.14', () => {
    // Given v1.0, which has no metric carrying the EC2 error code
    const v1 = plan({ karpenterVersion: '1.0' });
    // Then the alert is not written, and the reason points at the alert that covers those codes
    expect(names(v1)).not.toContain('KarpenterVcpuQuotaExceeded');
    expect(omittedAlert(v1, 'KarpenterVcpuQuotaExceeded')?.reason).toMatch(
      /no metric with the EC2 error code \(karpenter_cloudprovider_instance_launch_failures_total starts with v1\.14\.1\); it counts MaxSpotInstanceCountExceeded and VcpuLimitExceeded as insufficient capacity, which KarpenterInsufficientCapacityErrors watches/,
    );
    expect(rulesOf(v1).map((r) => r.alert)).not.toContain('KarpenterVcpuQuotaExceeded');
    // And v1.14 filters on the reasons Karpenter writes for the two quota codes
    expect(exprOf(plan(), 'KarpenterVcpuQuotaExceeded')).toContain(
      '{reason=~"SpotQuotaExceeded|VCPULimitExceeded"}',
    );
  });

  it('leaves out the initialisation alert for v1, which has no initialised counter', () => {
    const result = plan({ karpenterVersion: '1.14' });
    expect(omittedAlert(result, 'KarpenterNodeClaimNotInitialized')?.reason).toBe(
      'Karpenter v1.14.1 counts no initialised NodeClaims (karpenter_nodeclaims_initialized exists in v0.30.0 … v0.37.8)',
    );
  });

  it('says which releases each expression applies to', () => {
    const alert = plan({ karpenterVersion: '0.37' }).alerts.find(
      (a) => a.name === 'KarpenterNodePoolSpotInterruptionsHigh',
    )!;
    // capacity_type joined karpenter_nodeclaims_terminated in v0.36
    expect(alert.appliesTo).toEqual([{ from: 'v0.36.9', to: 'v0.37.8' }]);
    expect(plan().alerts.find((a) => a.name === 'KarpenterPodsPendingTooLong')!.appliesTo).toEqual([
      { from: 'v0.5.6', to: 'v1.14.1' },
    ]);
  });

  it.each([
    ['1.19', 'actions_node{', 'node_name'],
    ['1.20', 'actions_node_total{', 'node_name'],
    ['1.25', 'actions_total{', undefined],
  ])('NTH %s: drain failures from %s', (nthVersion, metric, perNode) => {
    const expr = exprOf(plan({ nth: true, nthVersion }), 'NTHDrainFailed')!;
    expect(expr).toContain(metric);
    if (perNode) expect(expr).toContain(`by (node_action, ${perNode})`);
    else expect(expr).toContain('by (node_action)');
  });

  it('NTH before v1.5 has no metrics: no NTH objects, and the reason', () => {
    const result = plan({ nth: true, nthVersion: '1.4' });
    expect(result.alerts.filter((a) => a.component === 'nth')).toEqual([]);
    expect(result.files.map((f) => f.name)).not.toContain('nth-rules.yaml');
    expect(result.omitted).toContainEqual(
      expect.objectContaining({
        kind: 'object',
        reason: expect.stringMatching(/v1\.4\.0 has no Prometheus metrics \(they start with v1\.5\.0\)/),
      }),
    );
  });
});

describe('every written rule', () => {
  it.each(['0.31', '0.37', '1.0', '1.14'])(
    'v%s: has a severity label and summary, description and runbook_url',
    (version) => {
      const rules = rulesOf(
        plan({ karpenterVersion: version, nth: true, nthVersion: '1.19', clusterName: 'prod' }),
      );
      expect(rules.length).toBeGreaterThanOrEqual(7);
      for (const rule of rules) {
        expect(['critical', 'warning', 'info'], rule.alert).toContain(rule.labels.severity);
        expect(rule.labels.cluster).toBe('prod');
        expect(rule.annotations.summary, rule.alert).toMatch(/\S/);
        expect(rule.annotations.description?.length, rule.alert).toBeGreaterThan(40);
        expect(rule.annotations.runbook_url, rule.alert).toMatch(
          /^https:\/\/(karpenter\.sh\/docs\/|docs\.aws\.amazon\.com\/|github\.com\/aws\/aws-node-termination-handler\/blob\/v1\.19\.0\/)/,
        );
      }
    },
  );
});

describe('objects and files', () => {
  it('writes ServiceMonitor, PodMonitor, rules and the dashboard ConfigMap with the conventions', () => {
    // Given NTH and custom namespaces and release names
    const result = plan({
      nth: true,
      namespace: 'karpenter',
      nthNamespace: 'nth',
      karpenterRelease: 'karp',
      nthRelease: 'handler',
      dashboardNamespace: 'grafana',
    });
    const objects = objectsOf(result);
    // Then each object is where it belongs, selecting the charts' pods
    expect(objects.map((o) => [o.kind, o.metadata.namespace])).toEqual([
      ['ServiceMonitor', 'karpenter'],
      ['PrometheusRule', 'karpenter'],
      ['PodMonitor', 'nth'],
      ['PrometheusRule', 'nth'],
      ['ConfigMap', 'grafana'],
    ]);
    expect(objects[0]!.spec).toEqual({
      namespaceSelector: { matchNames: ['karpenter'] },
      selector: {
        matchLabels: { 'app.kubernetes.io/name': 'karpenter', 'app.kubernetes.io/instance': 'karp' },
      },
      endpoints: [{ port: 'http-metrics', path: '/metrics', interval: '30s' }],
    });
    expect(objects[2]!.spec).toMatchObject({
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': 'aws-node-termination-handler',
          'app.kubernetes.io/instance': 'handler',
        },
      },
      podMetricsEndpoints: [{ port: 'http-metrics', path: '/metrics', interval: '30s' }],
    });
    expect(objects[4]!.metadata.labels.grafana_dashboard).toBe('1');
    for (const object of objects) expect(object.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(result.objects.map((o) => o.file)).toEqual([
      'karpenter-servicemonitor.yaml',
      'karpenter-rules.yaml',
      'nth-podmonitor.yaml',
      'nth-rules.yaml',
      'grafana-dashboard.yaml',
    ]);
    expect(result.files.map((f) => f.path)).toEqual(
      result.objects.map((o) => `spotctl-monitoring/${o.file}`),
    );
  });

  it('--no-monitors and an empty --prometheus-release leave the monitors and the release label out', () => {
    const objects = objectsOf(plan({ nth: true, monitors: false, prometheusRelease: '' }));
    expect(objects.map((o) => o.kind)).toEqual(['PrometheusRule', 'PrometheusRule', 'ConfigMap']);
    for (const object of objects) expect(object.metadata.labels).not.toHaveProperty('release');
  });

  it('the stream holds the same objects, each after a # Source: comment naming its file', () => {
    const result = plan({ nth: true });
    const docs = parseAllDocuments(result.manifest);
    expect(docs.map((d) => d.toJS())).toEqual(objectsOf(result));
    const chunks = result.manifest.split(/^---\n/m);
    expect(chunks[0]).toBe('');
    expect(chunks.slice(1).map((chunk) => chunk.split('\n')[0])).toEqual(
      result.objects.map((o) => `# Source: ${o.file}`),
    );
    expect(chunks[1]!.split('\n')[1]).toBe('apiVersion: monitoring.coreos.com/v1');
  });

  it('is deterministic: the same options give the same files', () => {
    expect(plan({ nth: true }).files).toEqual(plan({ nth: true }).files);
  });
});
