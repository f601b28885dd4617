/**
 * Which instance types a NodePool's requirements allow, evaluated the way Karpenter does: each type gets
 * the labels Karpenter would put on its nodes, and every requirement on an instance-type label must hold.
 * Requirements on other keys (zones, OS, custom labels, properties the catalog does not carry) do not
 * narrow the set; they are reported so callers can say the answer is an upper bound.
 */
import type { Architecture, InstanceTypeSpec } from '../catalog/types.js';
import {
  CAPACITY_TYPE_KEY,
  CAPACITY_TYPES,
  DEPRECATED_LABEL_KEYS,
  INSTANCE_TYPE_LABEL_KEYS,
  type CapacityType,
} from './labels.js';

export interface RequirementLike {
  key: string;
  operator: string;
  values: string[];
}

const ARCH_LABEL: Partial<Record<Architecture, string>> = {
  x86_64: 'amd64',
  arm64: 'arm64',
  x86_64_mac: 'amd64',
  arm64_mac: 'arm64',
};

/** `u-6tb1` → u/1, `c7i-flex` → c/7, `inf2` → inf/2, `mac2-m2pro` → mac/2 (Karpenter's instance-type scheme). */
const FAMILY_SCHEME = /^([a-z]+)(-[0-9]+tb)?([0-9]+)/;

/** `Radeon Pro V520` → `radeon-pro-v520`, `T4` → `t4`: Karpenter writes names lower-case, kebab-case. */
export const labelCase = (name: string): string => name.trim().toLowerCase().replace(/\s+/g, '-');

/** The instance-type labels Karpenter sets on a node of this type. */
export function karpenterLabels(spec: InstanceTypeSpec): Record<string, string> {
  const labels: Record<string, string> = {
    'node.kubernetes.io/instance-type': spec.instanceType,
    'karpenter.k8s.aws/instance-family': spec.family,
    'karpenter.k8s.aws/instance-size': spec.size,
    'karpenter.k8s.aws/instance-cpu': String(spec.vcpus),
    'karpenter.k8s.aws/instance-memory': String(spec.memoryMiB),
  };
  const arch = spec.architectures.map((a) => ARCH_LABEL[a]).find(Boolean);
  if (arch) labels['kubernetes.io/arch'] = arch;
  const scheme = FAMILY_SCHEME.exec(spec.family);
  if (scheme) {
    labels['karpenter.k8s.aws/instance-category'] = scheme[1]!;
    labels['karpenter.k8s.aws/instance-generation'] = scheme[3]!;
  }
  if (spec.gpu && spec.gpu.count > 0) {
    labels['karpenter.k8s.aws/instance-gpu-count'] = String(spec.gpu.count);
    labels['karpenter.k8s.aws/instance-gpu-name'] = labelCase(spec.gpu.name);
    labels['karpenter.k8s.aws/instance-gpu-manufacturer'] = labelCase(spec.gpu.manufacturer);
    labels['karpenter.k8s.aws/instance-gpu-memory'] = String(spec.gpu.memoryMiBPerGpu);
  }
  if (spec.neuronDevices && spec.neuronDevices > 0) {
    labels['karpenter.k8s.aws/instance-accelerator-count'] = String(spec.neuronDevices);
  }
  return labels;
}

const TYPE_KEYS: ReadonlySet<string> = new Set(INSTANCE_TYPE_LABEL_KEYS);

/** The stable key a requirement means (deprecated aliases translated, as Karpenter does). */
export const canonicalKey = (key: string): string => DEPRECATED_LABEL_KEYS[key] ?? key;

/** Whether a requirement on this key can narrow the set of instance types. */
export const selectsInstanceTypes = (key: string): boolean => TYPE_KEYS.has(canonicalKey(key));

const integer = (text: string | undefined): number | undefined =>
  text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;

/** Whether a label set satisfies one requirement (Kubernetes node-selector semantics, plus Gte/Lte). */
export function labelsSatisfy(labels: Record<string, string>, requirement: RequirementLike): boolean {
  const value = labels[canonicalKey(requirement.key)];
  const values = requirement.values;
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt':
    case 'Gte':
    case 'Lte': {
      const actual = integer(value);
      const bound = integer(values[0]);
      if (actual === undefined || bound === undefined) return false;
      if (requirement.operator === 'Gt') return actual > bound;
      if (requirement.operator === 'Lt') return actual < bound;
      if (requirement.operator === 'Gte') return actual >= bound;
      return actual <= bound;
    }
    default:
      return false;
  }
}

export interface ResolvedTypes {
  /** Allowed types, sorted by name. */
  types: InstanceTypeSpec[];
  /** Requirement keys that could not narrow the set (not instance-type properties the catalog knows). */
  ignoredKeys: string[];
  /** Names in `node.kubernetes.io/instance-type In [...]` the catalog does not know. */
  unknownTypes: string[];
  /** Names in `karpenter.k8s.aws/instance-family In [...]` the catalog does not know. */
  unknownFamilies: string[];
}

/**
 * Resolve requirements to the instance types they allow, from `catalog`. Pure; order-independent.
 * With `capacityType: 'spot'`, types that cannot run as Spot are dropped too.
 */
export function resolveInstanceTypes(
  requirements: RequirementLike[],
  catalog: InstanceTypeSpec[],
  options: { capacityType?: CapacityType } = {},
): ResolvedTypes {
  const selecting = requirements.filter((r) => selectsInstanceTypes(r.key));
  const ignoredKeys = [
    ...new Set(
      requirements
        .map((r) => r.key)
        .filter((key) => !selectsInstanceTypes(key) && canonicalKey(key) !== CAPACITY_TYPE_KEY),
    ),
  ];
  const types = catalog
    .filter((spec) => options.capacityType !== 'spot' || spec.supportsSpot)
    .filter((spec) => {
      const labels = karpenterLabels(spec);
      return selecting.every((requirement) => labelsSatisfy(labels, requirement));
    })
    .sort((a, b) => a.instanceType.localeCompare(b.instanceType));

  const known = new Set(catalog.map((spec) => spec.instanceType));
  const knownFamilies = new Set(catalog.map((spec) => spec.family));
  const named = (key: string, set: Set<string>) =>
    requirements
      .filter((r) => canonicalKey(r.key) === key && r.operator === 'In')
      .flatMap((r) => r.values)
      .filter((value) => !set.has(value));
  return {
    types,
    ignoredKeys,
    unknownTypes: [...new Set(named('node.kubernetes.io/instance-type', known))],
    unknownFamilies: [...new Set(named('karpenter.k8s.aws/instance-family', knownFamilies))],
  };
}

/**
 * The capacity types a NodePool allows. Without a capacity-type requirement Karpenter launches On-Demand;
 * values it does not accept (`On-demand`) select nothing, exactly as they would in the cluster.
 */
export function allowedCapacityTypes(requirements: RequirementLike[]): CapacityType[] {
  const relevant = requirements.filter((r) => canonicalKey(r.key) === CAPACITY_TYPE_KEY);
  if (relevant.length === 0) return ['on-demand'];
  return CAPACITY_TYPES.filter((type) =>
    relevant.every((requirement) => labelsSatisfy({ [CAPACITY_TYPE_KEY]: type }, requirement)),
  );
}
