/**
 * What `spotctl monitoring` is asked for, and what it produces: the `--json` contract.
 */
import type { MonitoredComponent, ResolvedVersion } from './metrics-data.js';

export interface MonitoringOptions {
  /** As given by the user (`1.14`, `v0.37.2`); undefined: the newest release the data knows. */
  karpenterVersion?: string;
  nth: boolean;
  nthVersion?: string;
  /** Where Karpenter runs: the ServiceMonitor and the Karpenter rules go there. */
  namespace: string;
  /** Where aws-node-termination-handler runs: its PodMonitor and rules go there. */
  nthNamespace: string;
  /** Where Grafana's dashboard sidecar looks for ConfigMaps. */
  dashboardNamespace: string;
  /** Helm release names: the charts select their pods by `app.kubernetes.io/instance`. */
  karpenterRelease: string;
  nthRelease: string;
  /** `release` label the Prometheus Operator of kube-prometheus-stack selects on; empty: none. */
  prometheusRelease: string;
  /** Added as a `cluster` label to every alert and preselected in the dashboard. */
  clusterName?: string;
  /** Write ServiceMonitor/PodMonitor (off when the charts' own monitors are enabled). */
  monitors: boolean;
  outputDir: string;
  /** `spotctl 0.1.0`, stamped into the files. */
  generator: string;
}

export type Severity = 'critical' | 'warning' | 'info';

export interface VersionRange {
  from: string;
  to: string;
}

export interface AlertResult {
  name: string;
  watches: string;
  component: MonitoredComponent;
  severity: Severity;
  expr: string;
  for?: string;
  summary: string;
  description: string;
  runbookUrl: string;
  /** The metrics the expression reads. */
  metrics: string[];
  /** Scanned releases for which spotctl writes exactly this expression. */
  appliesTo: VersionRange[];
}

export interface Omission {
  kind: 'alert' | 'panel' | 'object';
  name: string;
  component: MonitoredComponent;
  reason: string;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  /** The file (relative to the output directory) that holds it. */
  file: string;
}

export interface MonitoringFile {
  /** Path as written: the output directory joined with `name`. */
  path: string;
  name: string;
  content: string;
  objects: ObjectRef[];
}

export interface PanelResult {
  title: string;
  component: MonitoredComponent;
  row: string;
  queries: string[];
}

export interface VariableResult {
  name: string;
  type: 'datasource' | 'query';
  query: string;
}

export interface MonitoringResult {
  karpenter: ResolvedVersion;
  nth: (ResolvedVersion & { exporter: string | null }) | null;
  outputDir: string;
  files: MonitoringFile[];
  objects: ObjectRef[];
  alerts: AlertResult[];
  omitted: Omission[];
  dashboard: {
    uid: string;
    title: string;
    file: string;
    variables: VariableResult[];
    panels: PanelResult[];
  };
  /** Every object as one `---`-separated stream with `# Source:` comments (what --dry-run prints). */
  manifest: string;
  notes: string[];
}

/** The --json result of the command: the plan, and whether it was written or printed. */
export interface MonitoringOutput extends MonitoringResult {
  dryRun: boolean;
  written: boolean;
}
