import { Flags } from '@oclif/core';

/**
 * Flags choosing remote log sources for `explain-logs`: CloudWatch Logs groups and the cluster. Spread
 * them into a command's flags beside `awsFlags` (whose --region/--profile/--endpoint-url CloudWatch uses);
 * `planLogSources` (core/log-sources/options.ts) checks the values.
 */
export const logSourceFlags = {
  'log-group': Flags.string({
    description:
      'Read this CloudWatch Logs group (repeatable, or comma-separated), e.g. /aws/containerinsights/CLUSTER/application.',
    multiple: true,
    helpGroup: 'LOG SOURCES',
  }),
  'log-stream-prefix': Flags.string({
    description:
      'Only log streams whose names start with this (Container Insights names them after the pod: karpenter-).',
    helpGroup: 'LOG SOURCES',
  }),
  insights: Flags.boolean({
    description:
      'Run one CloudWatch Logs Insights query over all groups instead of paging through events: for long windows (at most 10 000 lines).',
    helpGroup: 'LOG SOURCES',
  }),
  since: Flags.string({
    description:
      'Read logs newer than this: 90m, 6h, 30d, 1h30m (CloudWatch default: 24h; cluster default: all).',
    helpGroup: 'LOG SOURCES',
  }),
  start: Flags.string({
    description:
      'Read logs from this time: ISO 8601 (2024-05-01T10:00:00Z; UTC without a zone) or a time ago (6h).',
    helpGroup: 'LOG SOURCES',
  }),
  end: Flags.string({
    description: 'Read logs up to this time (CloudWatch only), in the forms --start takes.',
    helpGroup: 'LOG SOURCES',
  }),
  kube: Flags.boolean({
    description:
      'Read the logs of every Karpenter and NTH pod in the cluster, and of their previous containers where they restarted.',
    helpGroup: 'LOG SOURCES',
  }),
  context: Flags.string({
    description: 'kubeconfig context to use with --kube (default: its current-context).',
    helpGroup: 'LOG SOURCES',
  }),
  kubeconfig: Flags.string({
    description: 'kubeconfig file for --kube (default: KUBECONFIG, then ~/.kube/config).',
    helpGroup: 'LOG SOURCES',
  }),
  namespace: Flags.string({
    description: 'With --kube, look for the pods in this namespace only (default: every namespace).',
    helpGroup: 'LOG SOURCES',
  }),
};
