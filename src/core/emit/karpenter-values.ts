/**
 * The Karpenter Helm values that switch on native interruption handling. The setting takes the queue
 * NAME: v0.32+ `settings.interruptionQueue`, v0.19–v0.31 `settings.aws.interruptionQueueName`.
 */
import type { InitConfig } from '../init/types.js';

export function karpenterInterruptionValues(config: InitConfig): Record<string, unknown> | undefined {
  const { interruption } = config;
  if (interruption.mode !== 'native' || !interruption.queueName) return undefined;
  return config.api === 'v1'
    ? { settings: { clusterName: config.clusterName, interruptionQueue: interruption.queueName } }
    : {
        settings: { aws: { clusterName: config.clusterName, interruptionQueueName: interruption.queueName } },
      };
}
