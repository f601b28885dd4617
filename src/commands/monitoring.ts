import { Flags, type Interfaces } from '@oclif/core';

import { runMonitoring } from '../core/monitoring/run.js';
import { renderMonitoringText } from '../core/monitoring/text.js';
import type { MonitoringOptions, MonitoringOutput } from '../core/monitoring/types.js';
import { BaseCommand } from '../runtime/base-command.js';
import { loadMetricsData } from '../runtime/metrics-data.js';
import { localFileWriter } from '../runtime/write-files.js';

export type { MonitoringOutput } from '../core/monitoring/types.js';

export default class Monitoring extends BaseCommand {
  static override summary =
    'Write Prometheus alerts, scrape monitors and a Grafana dashboard for Spot interruptions and launch failures.';
  static override description = `Writes Prometheus Operator (kube-prometheus-stack) objects: PrometheusRules with alerts on Spot interruptions, rebalance recommendations, insufficient capacity and other launch errors, vCPU quota errors, NodeClaims that do not register or initialise, pods pending too long, and aws-node-termination-handler drain failures; a ServiceMonitor for the Karpenter controller and a PodMonitor for NTH; and a ConfigMap labelled grafana_dashboard: "1" holding a dashboard per NodePool and zone.

Metric names, labels and label values follow the Karpenter (and NTH) version: they changed across releases (karpenter_nodeclaims_created → _total in v1, Provisioner → NodePool metrics, NTH's exporter adding _total in v1.20). An alert whose metrics the chosen version does not export is left out, and the output says so.

Files go to --output-dir and are never replaced without --force; all are written or none. --dry-run prints them instead as one YAML stream for kubectl apply -f -.`;
  static override examples = [
    '<%= config.bin %> monitoring',
    '<%= config.bin %> monitoring --karpenter-version 0.37 --cluster-name prod --dry-run | kubectl apply -f -',
    '<%= config.bin %> monitoring --nth --nth-version 1.19 --namespace karpenter -d monitoring/',
    '<%= config.bin %> monitoring --karpenter-version 1.0 --json',
  ];

  static override flags = {
    'output-dir': Flags.string({
      char: 'd',
      description: 'Directory to write the files to.',
      default: 'spotctl-monitoring',
    }),
    'dry-run': Flags.boolean({
      description: 'Print the objects as one YAML stream instead of writing files.',
    }),
    force: Flags.boolean({ char: 'f', description: 'Replace existing files.' }),
    'karpenter-version': Flags.string({
      description:
        'Karpenter version whose metrics to use, e.g. 1.14 or v0.37.2 (default: the newest spotctl knows).',
      env: 'SPOTCTL_KARPENTER_VERSION',
    }),
    namespace: Flags.string({
      description: "Karpenter's namespace: the ServiceMonitor and Karpenter rules go there.",
      default: 'kube-system',
    }),
    'karpenter-release': Flags.string({
      description: "Karpenter's Helm release name.",
      default: 'karpenter',
    }),
    nth: Flags.boolean({
      description: 'Monitor aws-node-termination-handler too (default: only with --nth-version).',
      allowNo: true,
    }),
    'nth-version': Flags.string({
      description: 'NTH version, e.g. 1.25 (default: the newest spotctl knows).',
    }),
    'nth-namespace': Flags.string({ description: "NTH's namespace.", default: 'kube-system' }),
    'nth-release': Flags.string({
      description: "NTH's Helm release name.",
      default: 'aws-node-termination-handler',
    }),
    'cluster-name': Flags.string({
      description: 'Add a cluster label to every alert and preselect it in the dashboard.',
      env: 'SPOTCTL_CLUSTER_NAME',
    }),
    'dashboard-namespace': Flags.string({
      description: "Namespace Grafana's dashboard sidecar watches.",
      default: 'monitoring',
    }),
    'prometheus-release': Flags.string({
      description:
        'Value of the release label kube-prometheus-stack selects monitors and rules by ("" for none).',
      default: 'kube-prometheus-stack',
    }),
    monitors: Flags.boolean({
      description:
        "Write the ServiceMonitor and PodMonitor (--no-monitors when the charts' own are enabled).",
      allowNo: true,
      default: true,
    }),
  };

  async run(): Promise<MonitoringOutput> {
    const { flags } = await this.parse(Monitoring);
    const output = await runMonitoring(
      { ...monitoringOptions(flags, this.config.version), dryRun: flags['dry-run'], force: flags.force },
      { metrics: await loadMetricsData(), files: localFileWriter() },
    );
    if (!this.jsonEnabled()) {
      const text = renderMonitoringText(output, {
        stdout: this.term.stdoutStyle,
        stderr: this.term.stderrStyle,
      });
      this.print({ stderr: text.stderr });
      this.print({ stdout: text.stdout });
    }
    return output;
  }
}

type MonitoringFlags = Interfaces.InferredFlags<typeof Monitoring.flags>;

function monitoringOptions(flags: MonitoringFlags, version: string): MonitoringOptions {
  return {
    karpenterVersion: flags['karpenter-version'],
    nth: flags.nth ?? flags['nth-version'] !== undefined,
    nthVersion: flags['nth-version'],
    namespace: flags.namespace,
    nthNamespace: flags['nth-namespace'],
    dashboardNamespace: flags['dashboard-namespace'],
    karpenterRelease: flags['karpenter-release'],
    nthRelease: flags['nth-release'],
    prometheusRelease: flags['prometheus-release'],
    clusterName: flags['cluster-name'],
    monitors: flags.monitors,
    outputDir: flags['output-dir'],
    generator: `spotctl ${version}`,
  };
}
