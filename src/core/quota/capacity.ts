/**
 * What one node of an instance type counts toward a NodePool limit, the way Karpenter's AWS provider
 * works it out: vCPUs for `cpu`; memory less the VM overhead (and, on Graviton, 64 MiB the kernel keeps)
 * for `memory`; device counts for GPUs and accelerators; one for `nodes`.
 *
 * Why the overhead: Karpenter cannot know a new type's real memory before it has seen one, so it assumes
 * `memory − ceil(memory × vmMemoryOverheadPercent)` and compares limits with that. In the provider's
 * source: v0.20 onwards subtracts the setting (a fraction, 0.075 by default, still so in v1.14) from the
 * capacity; v0.12–v0.19 had the same default but took it off allocatable only, so limits saw the full
 * memory (`--vm-memory-overhead-percent 0` models those); v0.6 counted a fixed 92.5 %. The 64 MiB
 * Graviton reservation is subtracted from v0.31 on.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';

/** Karpenter's `settings.vmMemoryOverheadPercent` default (Helm chart v0.31.5 and v1.14.1). */
export const DEFAULT_VM_MEMORY_OVERHEAD = 0.075;

export interface CapacityOptions {
  /** A fraction, as Karpenter's setting is: 0.075 means 7.5 %. */
  vmMemoryOverheadPercent: number;
}

const manufacturer = (t: InstanceTypeSpec, name: string) =>
  t.gpu && t.gpu.manufacturer.toLowerCase() === name ? t.gpu.count : 0;

/** MiB of memory Karpenter counts for one node of `t` before it has seen one. */
export function memoryCapacityMiB(t: InstanceTypeSpec, options: CapacityOptions): number {
  const raw = t.memoryMiB - (t.architectures[0] === 'arm64' ? 64 : 0);
  return raw - Math.ceil(raw * options.vmMemoryOverheadPercent);
}

/** Device resources a node of a type carries, by the name its device plugin advertises. */
const DEVICES: Record<string, (t: InstanceTypeSpec) => number> = {
  'nvidia.com/gpu': (t) => manufacturer(t, 'nvidia'),
  'amd.com/gpu': (t) => manufacturer(t, 'amd'),
  'habana.ai/gaudi': (t) => manufacturer(t, 'habana'),
  'aws.amazon.com/neuron': (t) => t.neuronDevices ?? 0,
  'aws.amazon.com/neurondevice': (t) => t.neuronDevices ?? 0,
};

/**
 * Resources Karpenter counts against limits but whose per-type amount spotctl has no data for (pods
 * depend on ENIs and the NodeClass, ephemeral storage on block devices): a limit on them is real but
 * cannot bound the demand here, so leaving it out keeps the estimate an upper bound.
 */
export const UNMODELLED_RESOURCES: ReadonlySet<string> = new Set([
  'pods',
  'ephemeral-storage',
  'aws.amazon.com/neuroncore',
  'vpc.amazonaws.com/efa',
  'vpc.amazonaws.com/pod-eni',
  'vpc.amazonaws.com/PrivateIPv4Address',
]);

export const isUnmodelled = (resource: string): boolean =>
  UNMODELLED_RESOURCES.has(resource) || resource.startsWith('hugepages-');

/** Resources whose per-node amount spotctl knows (so a limit on them bounds the demand). */
export const isModelled = (resource: string): boolean =>
  resource === 'cpu' || resource === 'memory' || resource === 'nodes' || resource in DEVICES;

/**
 * How much of `resource` one node of `t` counts: vCPUs, MiB (after overhead), devices or 1 node.
 * Only for resources `isModelled` accepts.
 */
export function nodeCapacity(t: InstanceTypeSpec, resource: string, options: CapacityOptions): number {
  if (resource === 'cpu') return t.vcpus;
  if (resource === 'memory') return memoryCapacityMiB(t, options);
  if (resource === 'nodes') return 1;
  return DEVICES[resource]?.(t) ?? 0;
}
