/**
 * The Kubernetes objects of the Prometheus Operator (kube-prometheus-stack) conventions: ServiceMonitor
 * and PodMonitor selecting the pods the Karpenter and NTH charts create, PrometheusRules, and the
 * dashboard as a ConfigMap Grafana's sidecar picks up by its `grafana_dashboard` label.
 */
import { stringify } from 'yaml';

import type { AlertResult, MonitoringFile, MonitoringOptions, ObjectRef } from './types.js';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
} & Record<string, unknown>;

const MONITORING_API = 'monitoring.coreos.com/v1';
/** Port name and path both charts give the metrics endpoint (Karpenter: 8080, NTH: prometheusServerPort 9092). */
const METRICS_PORT = 'http-metrics';

function labels(options: MonitoringOptions, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'spotctl',
    'app.kubernetes.io/part-of': 'spotctl-monitoring',
    ...(options.prometheusRelease ? { release: options.prometheusRelease } : {}),
    ...extra,
  };
}

/** Selects the Service the Karpenter chart creates (its selector labels, port http-metrics). */
export function karpenterServiceMonitor(options: MonitoringOptions): K8sObject {
  return {
    apiVersion: MONITORING_API,
    kind: 'ServiceMonitor',
    metadata: { name: 'spotctl-karpenter', namespace: options.namespace, labels: labels(options) },
    spec: {
      namespaceSelector: { matchNames: [options.namespace] },
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': 'karpenter',
          'app.kubernetes.io/instance': options.karpenterRelease,
        },
      },
      endpoints: [{ port: METRICS_PORT, path: '/metrics', interval: '30s' }],
    },
  };
}

/**
 * NTH's chart creates a metrics Service only in queue mode; its pods name the port http-metrics in both
 * modes, so a PodMonitor on the chart's selector labels covers the DaemonSet and the Deployment alike.
 */
export function nthPodMonitor(options: MonitoringOptions): K8sObject {
  return {
    apiVersion: MONITORING_API,
    kind: 'PodMonitor',
    metadata: {
      name: 'spotctl-aws-node-termination-handler',
      namespace: options.nthNamespace,
      labels: labels(options),
    },
    spec: {
      namespaceSelector: { matchNames: [options.nthNamespace] },
      selector: {
        matchLabels: {
          'app.kubernetes.io/name': 'aws-node-termination-handler',
          'app.kubernetes.io/instance': options.nthRelease,
        },
      },
      podMetricsEndpoints: [{ port: METRICS_PORT, path: '/metrics', interval: '30s' }],
    },
  };
}

/** One rule as Prometheus reads it (the PrometheusRule spec holds plain rule groups). */
export function ruleOf(alert: AlertResult, clusterName?: string): Record<string, unknown> {
  return {
    alert: alert.name,
    expr: alert.expr,
    ...(alert.for ? { for: alert.for } : {}),
    labels: { severity: alert.severity, ...(clusterName ? { cluster: clusterName } : {}) },
    annotations: { summary: alert.summary, description: alert.description, runbook_url: alert.runbookUrl },
  };
}

export function prometheusRule(
  options: MonitoringOptions,
  name: string,
  namespace: string,
  group: string,
  alerts: AlertResult[],
): K8sObject {
  return {
    apiVersion: MONITORING_API,
    kind: 'PrometheusRule',
    metadata: { name, namespace, labels: labels(options) },
    spec: { groups: [{ name: group, rules: alerts.map((alert) => ruleOf(alert, options.clusterName)) }] },
  };
}

export function dashboardConfigMap(
  options: MonitoringOptions,
  fileName: string,
  dashboard: Record<string, unknown>,
): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'spotctl-karpenter-spot-dashboard',
      namespace: options.dashboardNamespace,
      labels: labels(options, { grafana_dashboard: '1' }),
    },
    data: { [fileName]: `${JSON.stringify(dashboard, null, 2)}\n` },
  };
}

/** The objects of one file, each with its YAML text: written once, for the file and for the stream. */
export interface PlannedFile {
  name: string;
  objects: K8sObject[];
  texts: string[];
}

const yaml = (object: K8sObject) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });

export const plannedFile = (name: string, objects: K8sObject[]): PlannedFile => ({
  name,
  objects,
  texts: objects.map(yaml),
});

/** A file holding the planned objects, with a header naming what generated it for which versions. */
export function fileOf(outputDir: string, header: string, planned: PlannedFile): MonitoringFile {
  const { name, objects, texts } = planned;
  const refs: ObjectRef[] = objects.map((o) => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace,
    file: name,
  }));
  return {
    path: joinPath(outputDir, name),
    name,
    content: `# ${header}\n${texts.join('---\n')}`,
    objects: refs,
  };
}

/** POSIX join without node:path: the core builds paths as text, the runtime writes them. */
function joinPath(dir: string, name: string): string {
  if (dir === '' || dir === '.') return name;
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

/**
 * Every object of every file as one stream `kubectl apply -f -` takes: `---` between documents, each
 * preceded by a `# Source:` comment naming the file it would be written to, as `helm template` does.
 */
export function manifestStream(files: PlannedFile[]): string {
  const docs: string[] = [];
  for (const file of files) for (const text of file.texts) docs.push(`---\n# Source: ${file.name}\n${text}`);
  return docs.join('');
}
