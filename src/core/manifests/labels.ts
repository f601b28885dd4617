/**
 * Karpenter's vocabulary, as data: the label keys it understands, the capacity types it accepts, the
 * resource names that limits may use. From the v1.14 NodePool CRD and the scheduling docs.
 */

export const CAPACITY_TYPE_KEY = 'karpenter.sh/capacity-type';
export const INSTANCE_TYPE_KEY = 'node.kubernetes.io/instance-type';
export const ARCH_KEY = 'kubernetes.io/arch';

export type CapacityType = 'spot' | 'on-demand' | 'reserved';
export const CAPACITY_TYPES: readonly CapacityType[] = ['spot', 'on-demand', 'reserved'];

/** Label keys Karpenter derives from the instance type itself (the ones that select instance types). */
export const INSTANCE_TYPE_LABEL_KEYS = [
  INSTANCE_TYPE_KEY,
  ARCH_KEY,
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-memory',
  'karpenter.k8s.aws/instance-gpu-count',
  'karpenter.k8s.aws/instance-gpu-name',
  'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-gpu-memory',
  'karpenter.k8s.aws/instance-accelerator-count',
] as const;

/** Every well-known label key (v1.14 docs and CRD), plus the v1alpha5/v1beta1-era ones still accepted. */
export const WELL_KNOWN_LABEL_KEYS: ReadonlySet<string> = new Set([
  ...INSTANCE_TYPE_LABEL_KEYS,
  CAPACITY_TYPE_KEY,
  'karpenter.sh/nodepool',
  'karpenter.sh/provisioner-name',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.k8s.aws/zone-id',
  'kubernetes.io/os',
  'kubernetes.io/hostname',
  'node.kubernetes.io/windows-build',
  'karpenter.k8s.aws/capacity-reservation-id',
  'karpenter.k8s.aws/capacity-reservation-type',
  'karpenter.k8s.aws/capacity-reservation-interruptible',
  'karpenter.k8s.aws/ec2nodeclass',
  'karpenter.k8s.aws/instance-tenancy',
  'karpenter.k8s.aws/instance-hypervisor',
  'karpenter.k8s.aws/instance-encryption-in-transit-supported',
  'karpenter.k8s.aws/instance-local-nvme',
  'karpenter.k8s.aws/instance-cpu-manufacturer',
  'karpenter.k8s.aws/instance-cpu-sustained-clock-speed-mhz',
  'karpenter.k8s.aws/instance-ebs-bandwidth',
  'karpenter.k8s.aws/instance-network-bandwidth',
  'karpenter.k8s.aws/instance-pods',
  'karpenter.k8s.aws/instance-accelerator-name',
  'karpenter.k8s.aws/instance-accelerator-manufacturer',
  'karpenter.k8s.aws/instance-capability-flex',
  'karpenter.k8s.aws/placement-group-id',
  'karpenter.k8s.aws/placement-group-partition',
]);

/** Deprecated labels Karpenter still translates, and what they became. */
export const DEPRECATED_LABEL_KEYS: Readonly<Record<string, string>> = {
  'beta.kubernetes.io/arch': ARCH_KEY,
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/instance-type': INSTANCE_TYPE_KEY,
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
};

/** Label domains reserved for well-known labels: an unknown key here is a typo, not a custom label. */
export const WELL_KNOWN_DOMAINS = [
  'karpenter.sh',
  'karpenter.k8s.aws',
  'kubernetes.io',
  'node.kubernetes.io',
  'topology.kubernetes.io',
  'topology.k8s.aws',
];

export const labelDomain = (key: string): string | undefined =>
  key.includes('/') ? key.slice(0, key.indexOf('/')) : undefined;

export const REQUIREMENT_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Gte', 'Lte'];

/** Resource names valid in NodePool limits (core resources and the device plugins' extended resources). */
export const LIMIT_RESOURCES: ReadonlySet<string> = new Set([
  'cpu',
  'memory',
  'nodes',
  'pods',
  'ephemeral-storage',
  'nvidia.com/gpu',
  'amd.com/gpu',
  'aws.amazon.com/neuron',
  'aws.amazon.com/neuroncore',
  'aws.amazon.com/neurondevice',
  'habana.ai/gaudi',
  'vpc.amazonaws.com/efa',
  'vpc.amazonaws.com/pod-eni',
]);

/** Unqualified names people write for an accelerator resource, and the device-plugin name Karpenter counts. */
export const RESOURCE_ALIASES: Readonly<Record<string, string>> = {
  gpu: 'nvidia.com/gpu',
  gpus: 'nvidia.com/gpu',
  'nvidia-gpu': 'nvidia.com/gpu',
  'nvidia/gpu': 'nvidia.com/gpu',
  neuron: 'aws.amazon.com/neuron',
  'amd-gpu': 'amd.com/gpu',
  gaudi: 'habana.ai/gaudi',
  mem: 'memory',
  node: 'nodes',
  vcpu: 'cpu',
  vcpus: 'cpu',
  cpus: 'cpu',
};

export const isLimitResource = (name: string): boolean =>
  LIMIT_RESOURCES.has(name) || /^hugepages-/.test(name);
