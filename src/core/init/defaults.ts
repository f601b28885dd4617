/**
 * Defaults for every answer init does not get. One place, so the wizard shows the same defaults that
 * `--yes` takes.
 */
import type {
  ApiVersion,
  CapacityStrategy,
  ConsolidationChoice,
  FallbackShape,
  InterruptionMode,
  RebalanceAction,
  Workload,
} from './types.js';

export const DEFAULTS = {
  capacity: 'spot-and-on-demand' as CapacityStrategy,
  fallback: 'single-pool' as FallbackShape,
  cpuLimit: '1000',
  memoryLimit: '1000Gi',
  /** The seed's GPU limit. */
  gpuLimit: '100',
  budgetNodes: '10%',
  api: 'v1' as ApiVersion,
  amiAlias: 'al2023@latest',
  outputDir: 'spotctl-output',
  nthPrometheus: false,
  suggestions: true,
  maxSuggestions: 10,
} as const;

/** `gpu` for a GPU pool (as the seed named it), `default` otherwise. */
export const defaultName = (workload: Workload): string => (workload === 'gpu' ? 'gpu' : 'default');

/**
 * Karpenter's native handling (an SQS queue, v0.19+) is the default for v1. v1alpha5 is for clusters
 * older than v0.32, down to the seed's v0.6.3 which had no native handling: there NTH in IMDS mode is the
 * default, as in the seed.
 */
export const defaultInterruption = (api: ApiVersion): InterruptionMode =>
  api === 'v1' ? 'native' : 'nth-imds';

/**
 * The seed drained on rebalance recommendations (Karpenter 0.6.3 had nothing else). With a current
 * Karpenter that drain can loop, so v1 only cordons.
 */
export const defaultRebalance = (api: ApiVersion): RebalanceAction => (api === 'v1' ? 'cordon' : 'drain');

/**
 * v1: Karpenter's default policy, after a minute rather than its 0s, so a short lull does not replace nodes
 * pods are about to use. v1alpha5: empty nodes after 30 s, as the seed — `consolidation` only exists from
 * v0.15, `ttlSecondsAfterEmpty` in every v1alpha5 release.
 */
export const defaultConsolidation = (
  api: ApiVersion,
): { consolidation: ConsolidationChoice; after: string } =>
  api === 'v1'
    ? { consolidation: 'when-empty-or-underutilized', after: '1m' }
    : { consolidation: 'when-empty', after: '30s' };

/** v1 makes nodes expire after 720h by default; v1alpha5 never expired them unless told to. */
export const defaultExpireAfter = (api: ApiVersion): string => (api === 'v1' ? '720h' : 'Never');

/** The node role name Karpenter's getting-started guide creates. */
export const defaultNodeRole = (clusterName: string): string => `KarpenterNodeRole-${clusterName}`;

/** The getting-started CloudFormation stack names the interruption queue after the cluster. */
export const defaultQueueName = (clusterName: string): string => clusterName;
