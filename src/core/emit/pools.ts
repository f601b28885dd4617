/**
 * What every API version shares: which pools a capacity strategy becomes, their requirements, taints and
 * the sentences that explain them.
 */
import { CAPACITY_TYPE_KEY, INSTANCE_TYPE_KEY, ARCH_KEY, type CapacityType } from '../manifests/labels.js';
import type { InitConfig } from '../init/types.js';

export const NTH_MANAGED_TAG = 'aws-node-termination-handler/managed';
export const DISCOVERY_TAG = 'karpenter.sh/discovery';
const FAMILY_KEY = 'karpenter.k8s.aws/instance-family';
const SIZE_KEY = 'karpenter.k8s.aws/instance-size';
const CATEGORY_KEY = 'karpenter.k8s.aws/instance-category';
const GENERATION_KEY = 'karpenter.k8s.aws/instance-generation';

export interface Requirement {
  key: string;
  operator: 'In' | 'Gt';
  values: string[];
}

export interface PoolPlan {
  name: string;
  capacityTypes: CapacityType[];
  weight?: number;
  /** For the template's comments. */
  purpose: string;
  capacityNote: string;
  weightNote: string;
}

/** Weights of the two pools of the weighted shape: Spot is tried first. */
export const SPOT_POOL_WEIGHT = 100;
export const ON_DEMAND_POOL_WEIGHT = 1;

/** The pools a config becomes: one, or a weighted Spot pool plus an On-Demand pool. */
export function planPools(config: InitConfig): PoolPlan[] {
  const purpose =
    config.workload === 'gpu' ? 'GPU nodes for pods that request them.' : 'nodes for the general workload.';
  if (config.capacity === 'spot-and-on-demand' && config.fallback === 'weighted-pools') {
    return [
      {
        name: `${config.name}-spot`,
        capacityTypes: ['spot'],
        weight: SPOT_POOL_WEIGHT,
        purpose: `Spot ${purpose}`,
        capacityNote: 'Spot only; the On-Demand pool below takes over when no Spot offering can launch.',
        weightNote:
          'Tried before the On-Demand pool (weight 1). Pods land there when this pool cannot launch: its limits are reached or every Spot offering is marked unavailable (for 3 minutes after an insufficient-capacity error).',
      },
      {
        name: `${config.name}-on-demand`,
        capacityTypes: ['on-demand'],
        weight: ON_DEMAND_POOL_WEIGHT,
        purpose: `On-Demand fallback for the Spot pool: ${purpose}`,
        capacityNote: 'On-Demand only: the fallback for the Spot pool above, with limits of its own.',
        weightNote: `Lower than the Spot pool (weight ${SPOT_POOL_WEIGHT}), so it is only used when that pool cannot launch.`,
      },
    ];
  }
  const capacityTypes: CapacityType[] =
    config.capacity === 'spot'
      ? ['spot']
      : config.capacity === 'on-demand'
        ? ['on-demand']
        : ['spot', 'on-demand'];
  const capacityNote =
    config.capacity === 'spot-and-on-demand'
      ? 'Spot first, On-Demand when no Spot offering is available: Karpenter prefers spot and falls back within milliseconds (and, since v0.24, drops Spot offerings priced above the cheapest On-Demand one).'
      : config.capacity === 'spot'
        ? 'Spot only: when no Spot offering is available, pods stay pending until one is.'
        : 'On-Demand only.';
  return [
    {
      name: config.name,
      capacityTypes,
      purpose,
      capacityNote,
      weightNote: 'Higher weights are tried first when several pools fit a pod.',
    },
  ];
}

/** Requirements in Karpenter's order of importance: capacity type, instance types, architecture. */
export function requirementsFor(config: InitConfig, pool: PoolPlan): Requirement[] {
  const requirements: Requirement[] = [
    { key: CAPACITY_TYPE_KEY, operator: 'In', values: pool.capacityTypes },
  ];
  if (config.instanceTypes.length > 0) {
    requirements.push({ key: INSTANCE_TYPE_KEY, operator: 'In', values: config.instanceTypes });
  } else if (config.categories.length > 0) {
    requirements.push({ key: CATEGORY_KEY, operator: 'In', values: config.categories });
    if (config.generationAbove !== undefined) {
      requirements.push({ key: GENERATION_KEY, operator: 'Gt', values: [String(config.generationAbove)] });
    }
  } else {
    requirements.push({ key: FAMILY_KEY, operator: 'In', values: config.families });
    if (config.sizes.length > 0) requirements.push({ key: SIZE_KEY, operator: 'In', values: config.sizes });
  }
  // v1alpha5 defaulted the architecture to amd64 when absent: say it, so arm64 types are not filtered out.
  if (config.architectures.length > 0) {
    requirements.push({ key: ARCH_KEY, operator: 'In', values: config.architectures });
  }
  return requirements;
}

export interface Taint {
  key: string;
  effect: 'NoSchedule';
}

export const taintsFor = (config: InitConfig): Taint[] =>
  config.gpuResource ? [{ key: config.gpuResource, effect: 'NoSchedule' }] : [];

export const taintNote = (config: InitConfig): string =>
  config.gpuResource
    ? `Keeps pods that do not need a GPU off these nodes: GPU pods need a toleration for ${config.gpuResource}.`
    : 'No taints: any pod that fits may use these nodes.';

/** Limits as Karpenter counts them: cores, a memory quantity, and the GPU device-plugin resource. */
export function limitsFor(config: InitConfig): Record<string, string | number> {
  const limits: Record<string, string | number> = {};
  if (config.limits.cpu !== undefined) {
    limits.cpu = /^[0-9]+$/.test(config.limits.cpu) ? Number(config.limits.cpu) : config.limits.cpu;
  }
  if (config.limits.memory !== undefined) limits.memory = config.limits.memory;
  if (config.limits.gpu !== undefined && config.gpuResource) limits[config.gpuResource] = config.limits.gpu;
  return limits;
}

export const discoveryTags = (config: InitConfig): Record<string, string> => ({
  [DISCOVERY_TAG]: config.clusterName,
});

/** Queue-mode NTH only drains nodes with its managed tag: every node Karpenter launches gets it. */
export const nodeTags = (config: InitConfig): Record<string, string> | undefined =>
  config.interruption.mode === 'nth-queue' ? { [NTH_MANAGED_TAG]: 'true' } : undefined;

export const tagsNote = 'NTH in queue mode only drains nodes carrying this tag.';
