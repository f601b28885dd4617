/**
 * EKS Auto Mode's NodePools are Karpenter NodePools whose instance labels live under
 * `eks.amazonaws.com/` instead of `karpenter.k8s.aws/`: the same properties with the same values (the
 * EKS user guide, "Create a Node Pool for EKS Auto Mode", lists them). Reading one key as the other lets
 * the instance-type resolution serve both; callers opt in, so lint keeps its own vocabulary.
 */

const MIRRORED = [
  'instance-family',
  'instance-category',
  'instance-generation',
  'instance-size',
  'instance-cpu',
  'instance-cpu-manufacturer',
  'instance-memory',
  'instance-gpu-count',
  'instance-gpu-name',
  'instance-gpu-manufacturer',
  'instance-gpu-memory',
  'instance-hypervisor',
  'instance-encryption-in-transit-supported',
  'instance-ebs-bandwidth',
  'instance-network-bandwidth',
  'instance-local-nvme',
] as const;

/** Auto Mode label key → the Karpenter label key with the same meaning and values. */
export const AUTO_MODE_LABEL_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  MIRRORED.map((name) => [`eks.amazonaws.com/${name}`, `karpenter.k8s.aws/${name}`]),
);

/** Set to `auto` on every node Auto Mode manages: it says whose node it is, not which instance type. */
export const AUTO_MODE_COMPUTE_TYPE_KEY = 'eks.amazonaws.com/compute-type';

/** The Karpenter key an Auto Mode key stands for; any other key unchanged. */
export const karpenterKeyFor = (key: string): string => AUTO_MODE_LABEL_KEYS[key] ?? key;

/** The Auto Mode key a translated requirement was written with, to name it as the user wrote it. */
export function writtenKeyFor(karpenterKey: string, written: readonly string[]): string {
  return written.find((key) => karpenterKeyFor(key) === karpenterKey) ?? karpenterKey;
}
