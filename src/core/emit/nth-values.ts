/**
 * aws-node-termination-handler Helm values, mode-aware: IMDS-only keys never appear in queue mode, where
 * the chart ignores them and they would only mislead (queue mode drains on rebalance regardless).
 */
import { CAPACITY_TYPE_KEY } from '../manifests/labels.js';
import type { InitConfig } from '../init/types.js';
import { NTH_MANAGED_TAG } from './pools.js';

/** The Helm values for the config's NTH mode; undefined with Karpenter's native handling. */
export function nthValues(config: InitConfig): Record<string, unknown> | undefined {
  const { interruption } = config;
  const metrics = interruption.prometheus ? { enablePrometheusServer: true } : {};
  if (interruption.mode === 'nth-queue') {
    return {
      enableSqsTerminationDraining: true,
      queueURL: interruption.queueUrl,
      awsRegion: config.region,
      checkTagBeforeDraining: true,
      managedTag: NTH_MANAGED_TAG,
      ...(interruption.roleArn
        ? { serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': interruption.roleArn } } }
        : {}),
      ...metrics,
    };
  }
  if (interruption.mode === 'nth-imds') {
    const runsOnSpot = config.capacity !== 'on-demand';
    return {
      enableSpotInterruptionDraining: true,
      enableScheduledEventDraining: true,
      enableRebalanceMonitoring: interruption.rebalance !== 'off',
      enableRebalanceDraining: interruption.rebalance === 'drain',
      useHostNetwork: true,
      ...(runsOnSpot ? { nodeSelector: { [CAPACITY_TYPE_KEY]: 'spot' } } : {}),
      ...metrics,
    };
  }
  return undefined;
}

export function rebalanceNote(config: InitConfig): string {
  switch (config.interruption.rebalance) {
    case 'drain':
      return 'Rebalance recommendations: cordon and drain (see the warning above).';
    case 'cordon':
      return 'Rebalance recommendations: cordon only, no drain (no loop with Karpenter; pods move when the node is interrupted or consolidated).';
    default:
      return 'Rebalance recommendations: ignored.';
  }
}

export const nodeSelectorNote = (config: InitConfig): string =>
  config.capacity === 'spot-and-on-demand'
    ? 'Runs on Spot nodes only: On-Demand nodes get no interruption warnings (nor, then, scheduled-event draining).'
    : 'Runs on the Spot nodes, the ones that get interruption warnings.';
