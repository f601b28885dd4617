import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseAllDocuments } from 'yaml';

import type { MetricsData } from '../../../src/core/monitoring/metrics-data.js';
import { planMonitoring } from '../../../src/core/monitoring/plan.js';
import type { MonitoringOptions, MonitoringResult } from '../../../src/core/monitoring/types.js';
import { repoRoot } from '../../helpers/shared.js';

/** The metric facts as shipped. */
export const metricsData = JSON.parse(
  readFileSync(join(repoRoot, 'src/data/monitoring-metrics.json'), 'utf8'),
) as MetricsData;

export const OPTIONS: MonitoringOptions = {
  nth: false,
  namespace: 'kube-system',
  nthNamespace: 'kube-system',
  dashboardNamespace: 'monitoring',
  karpenterRelease: 'karpenter',
  nthRelease: 'aws-node-termination-handler',
  prometheusRelease: 'kube-prometheus-stack',
  monitors: true,
  outputDir: 'spotctl-monitoring',
  generator: 'spotctl test',
};

export const plan = (options: Partial<MonitoringOptions> = {}): MonitoringResult =>
  planMonitoring({ ...OPTIONS, ...options }, { metrics: metricsData });

export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};

/** Every Kubernetes object of the planned files, parsed back from their text. */
export const objectsOf = (result: MonitoringResult): Manifest[] =>
  result.files.flatMap((file) => parseAllDocuments(file.content).map((doc) => doc.toJS() as Manifest));

export interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export const rulesOf = (result: MonitoringResult): Rule[] =>
  objectsOf(result)
    .filter((o) => o.kind === 'PrometheusRule')
    .flatMap((o) => (o.spec as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((g) => g.rules));

export interface Dashboard {
  uid: string;
  title: string;
  panels: Array<{
    id: number;
    type: string;
    title: string;
    gridPos: { h: number; w: number; x: number; y: number };
    datasource?: { type: string; uid: string };
    targets?: Array<{ refId: string; expr: string; legendFormat: string; datasource: { uid: string } }>;
  }>;
  templating: {
    list: Array<{
      name: string;
      type: string;
      query: unknown;
      current?: { value?: string };
      datasource?: unknown;
    }>;
  };
}

export function dashboardOf(result: MonitoringResult): Dashboard {
  const configMap = objectsOf(result).find((o) => o.kind === 'ConfigMap')!;
  return JSON.parse(Object.values(configMap.data!)[0]!) as Dashboard;
}
