/**
 * v1alpha5 Provisioner and v1beta1 NodePool → v1 NodePool, with the documented mapping:
 * ttlSecondsAfterEmpty → WhenEmpty + consolidateAfter; consolidation.enabled → WhenEmptyOrUnderutilized;
 * ttlSecondsUntilExpired → template.spec.expireAfter; limits.resources → limits; provisioner-name →
 * karpenter.sh/nodepool; kubeletConfiguration → the EC2NodeClass; providerRef → nodeClassRef group/kind.
 */
import {
  CAPACITY_TYPE_KEY,
  DEPRECATED_LABEL_KEYS,
  INSTANCE_TYPE_KEY,
  isLimitResource,
  RESOURCE_ALIASES,
} from '../manifests/labels.js';
import { secondsToDuration } from '../emit/duration.js';
import { v1LabelRejection, v1RequirementRejection } from '../manifests/v1-restrictions.js';
import { type Note, pick } from './node-class.js';
import type { Obj } from './types.js';

const PROVISIONER_NAME = 'karpenter.sh/provisioner-name';
const NODEPOOL_LABEL = 'karpenter.sh/nodepool';
const CAPACITY_VALUES = ['spot', 'on-demand', 'reserved'];
/** Pod/node annotations v1 replaced with karpenter.sh/do-not-disrupt. */
const OLD_DISRUPT_ANNOTATIONS = ['karpenter.sh/do-not-evict', 'karpenter.sh/do-not-consolidate'];

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
  minValues?: number;
}

/** Requirements v1 accepts: renamed deprecated keys, exact capacity-type values, restricted keys dropped. */
export function convertRequirements(requirements: Requirement[], note: Note, field: string): Requirement[] {
  const out: Requirement[] = [];
  requirements.forEach((requirement, i) => {
    const at = `${field}[${i}]`;
    let key = requirement.key;
    const renamed = DEPRECATED_LABEL_KEYS[key];
    if (renamed) {
      note('info', `${key} renamed to ${renamed}`, `${at}.key`);
      key = renamed;
    }
    if (key === PROVISIONER_NAME || key === NODEPOOL_LABEL) {
      note(
        'warning',
        `a requirement on ${key} cannot be expressed in v1 (karpenter.sh/nodepool is set by Karpenter): dropped`,
        at,
      );
      return;
    }
    const restricted = v1RequirementRejection(key);
    if (restricted) {
      note('warning', `label ${key} is restricted in v1 (${restricted}): dropped`, at);
      return;
    }
    let values = requirement.values;
    if (key === CAPACITY_TYPE_KEY && values) {
      values = values.map((value) => {
        const fixed = value.trim().toLowerCase();
        if (fixed !== value && CAPACITY_VALUES.includes(fixed)) {
          note(
            'warning',
            `capacity type "${value}" is not a value Karpenter accepts: written as "${fixed}"`,
            `${at}.values`,
          );
          return fixed;
        }
        if (!CAPACITY_VALUES.includes(fixed))
          note('warning', `capacity type "${value}" is not spot, on-demand or reserved`, `${at}.values`);
        return value;
      });
      values = [...new Set(values)];
    }
    out.push({
      key,
      operator: requirement.operator,
      ...(values !== undefined ? { values } : {}),
      ...(requirement.minValues !== undefined ? { minValues: requirement.minValues } : {}),
    });
  });
  return out;
}

/**
 * What the v1alpha5 webhook added to every Provisioner (aws v0.31 `SetDefaults`): linux, amd64, on-demand,
 * and instance categories c/m/r of generation > 2 when nothing else selects instance types.
 */
export function webhookDefaults(requirements: Requirement[], note: Note): Requirement[] {
  const has = (key: string) => requirements.some((requirement) => requirement.key === key);
  const added: Requirement[] = [];
  if (!has('kubernetes.io/os')) added.push({ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] });
  if (!has('kubernetes.io/arch'))
    added.push({ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] });
  if (!has(CAPACITY_TYPE_KEY)) added.push({ key: CAPACITY_TYPE_KEY, operator: 'In', values: ['on-demand'] });
  const selectsTypes = [
    INSTANCE_TYPE_KEY,
    'karpenter.k8s.aws/instance-family',
    'karpenter.k8s.aws/instance-category',
    'karpenter.k8s.aws/instance-generation',
  ].some(has);
  if (!selectsTypes) {
    added.push(
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['2'] },
    );
  }
  if (added.length > 0) {
    note(
      'info',
      `the v1alpha5 webhook's defaults written out: ${added.map((r) => `${r.key} ${r.operator} ${r.values!.join(',')}`).join('; ')} (--ignore-defaults leaves them out)`,
      'spec.requirements',
    );
  }
  return [...requirements, ...added];
}

/** limits.resources (v1alpha5) or limits (v1beta1) → v1 limits; `gpu` and friends renamed. */
export function convertLimits(limits: Obj | undefined, note: Note, field: string): Obj | undefined {
  if (!limits || Object.keys(limits).length === 0) return undefined;
  const out: Obj = {};
  for (const [name, value] of Object.entries(limits)) {
    const alias = RESOURCE_ALIASES[name];
    if (alias && !isLimitResource(name)) {
      note(
        'warning',
        `"${name}" is not a resource Karpenter counts: written as ${alias}${alias === 'nvidia.com/gpu' ? ' (use amd.com/gpu for AMD GPUs)' : ''}`,
        `${field}.${name}`,
      );
      out[alias] = value;
    } else {
      if (!isLimitResource(name))
        note(
          'warning',
          `"${name}" is not a resource nodes report: this limit never applies`,
          `${field}.${name}`,
        );
      out[name] = value;
    }
  }
  return out;
}

function convertAnnotations(annotations: Obj | undefined, note: Note, field: string): Obj | undefined {
  if (!annotations) return undefined;
  const out: Obj = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (OLD_DISRUPT_ANNOTATIONS.includes(key)) {
      note('warning', `${key} was removed in v1: written as karpenter.sh/do-not-disrupt`, `${field}.${key}`);
      out['karpenter.sh/do-not-disrupt'] = value;
    } else out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function convertLabels(labels: Obj | undefined, note: Note, field: string): Obj | undefined {
  if (!labels) return undefined;
  const out: Obj = {};
  for (const [key, value] of Object.entries(labels)) {
    const restricted = v1LabelRejection(key);
    if (key === PROVISIONER_NAME) {
      note('warning', `${key} is set by Karpenter (v1: ${NODEPOOL_LABEL}): dropped`, `${field}.${key}`);
    } else if (restricted) {
      note('warning', `label ${key} is restricted in v1 (${restricted}): dropped`, `${field}.${key}`);
    } else out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** kubectl's copy of what was last applied: the old object, which must not ride along into v1. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Name, labels and annotations; what a cluster adds to an object read back from it (uid, status…) is left out. */
export function metadataOf(doc: Obj, note?: Note): Obj {
  const metadata = pick((doc.metadata ?? {}) as Obj, ['name', 'labels', 'annotations']);
  const annotations = metadata.annotations as Obj | undefined;
  if (annotations && LAST_APPLIED in annotations) {
    const { [LAST_APPLIED]: _dropped, ...rest } = annotations;
    note?.('info', `${LAST_APPLIED} (the old object) left out`, `metadata.annotations`);
    if (Object.keys(rest).length > 0) metadata.annotations = rest;
    else delete metadata.annotations;
  }
  return metadata;
}

const nodeClassRef = (name: string): Obj => ({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name });

function templateMetadata(labels: Obj | undefined, annotations: Obj | undefined): Obj | undefined {
  const metadata = { ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/** What a v1 NodePool is made of, whichever API it is converted from. */
interface V1PoolParts {
  doc: Obj;
  limits: Obj | undefined;
  /** Template labels and annotations with the field they came from (for notes). */
  labels: [unknown, string];
  annotations: [unknown, string];
  /** Evaluated after the metadata, so notes come in the order of the source fields. */
  requirements: () => Requirement[];
  /** Where `taints` and `startupTaints` are read. */
  taintsFrom: Obj;
  nodeClassName: string;
  expireAfter: unknown;
  disruption: Obj;
  weightFrom: Obj;
}

function v1NodePool(parts: V1PoolParts, note: Note): Obj {
  const metadata = templateMetadata(
    convertLabels(parts.labels[0] as Obj | undefined, note, parts.labels[1]),
    convertAnnotations(parts.annotations[0] as Obj | undefined, note, parts.annotations[1]),
  );
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: metadataOf(parts.doc, note),
    spec: {
      template: {
        ...(metadata ? { metadata } : {}),
        spec: {
          requirements: parts.requirements(),
          ...pick(parts.taintsFrom, ['taints', 'startupTaints']),
          nodeClassRef: nodeClassRef(parts.nodeClassName),
          ...(parts.expireAfter !== undefined ? { expireAfter: parts.expireAfter } : {}),
        },
      },
      ...(parts.limits ? { limits: parts.limits } : {}),
      disruption: parts.disruption,
      ...pick(parts.weightFrom, ['weight']),
    },
  };
}

const PROVISIONER_FIELDS = new Set([
  'annotations',
  'labels',
  'taints',
  'startupTaints',
  'requirements',
  'kubeletConfiguration',
  'provider',
  'providerRef',
  'ttlSecondsAfterEmpty',
  'ttlSecondsUntilExpired',
  'limits',
  'weight',
  'consolidation',
]);

/**
 * A v1alpha5 Provisioner → v1 NodePool. `nodeClassName` is the EC2NodeClass it will reference (its
 * AWSNodeTemplate's name, or the one generated from its inline provider).
 */
export function nodePoolFromProvisioner(
  doc: Obj,
  nodeClassName: string,
  options: { ignoreDefaults?: boolean },
  note: Note,
): Obj {
  const spec = (doc.spec ?? {}) as Obj;
  for (const key of Object.keys(spec))
    if (!PROVISIONER_FIELDS.has(key)) note('warning', `unknown field spec.${key}: dropped`, `spec.${key}`);
  let requirements = convertRequirements(
    (spec.requirements ?? []) as Requirement[],
    note,
    'spec.requirements',
  );
  if (!options.ignoreDefaults) requirements = webhookDefaults(requirements, note);

  const consolidation = (spec.consolidation as Obj | undefined)?.enabled === true;
  const afterEmpty = spec.ttlSecondsAfterEmpty as number | undefined;
  let disruption: Obj;
  if (consolidation) {
    if (afterEmpty !== undefined)
      note(
        'warning',
        'consolidation.enabled and ttlSecondsAfterEmpty were both set (invalid in v1alpha5): kept consolidation',
        'spec.ttlSecondsAfterEmpty',
      );
    disruption = { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '0s' };
  } else if (afterEmpty !== undefined) {
    disruption = { consolidationPolicy: 'WhenEmpty', consolidateAfter: secondsToDuration(afterEmpty) };
  } else {
    note(
      'info',
      'neither consolidation nor ttlSecondsAfterEmpty: v1alpha5 never removed these nodes, so consolidateAfter is Never',
      'spec',
    );
    disruption = { consolidationPolicy: 'WhenEmpty', consolidateAfter: 'Never' };
  }
  const expire = spec.ttlSecondsUntilExpired as number | undefined;
  if (expire === undefined)
    note(
      'info',
      'no ttlSecondsUntilExpired: v1alpha5 never expired nodes, so expireAfter is Never (v1 would default to 720h)',
      'spec',
    );

  return v1NodePool(
    {
      doc,
      limits: convertLimits(
        (spec.limits as Obj | undefined)?.resources as Obj | undefined,
        note,
        'spec.limits.resources',
      ),
      labels: [spec.labels, 'spec.labels'],
      annotations: [spec.annotations, 'spec.annotations'],
      requirements: () => requirements,
      taintsFrom: spec,
      nodeClassName,
      expireAfter: expire === undefined ? 'Never' : secondsToDuration(expire),
      disruption,
      weightFrom: spec,
    },
    note,
  );
}

/** A v1beta1 NodePool → v1 NodePool. The kubelet block is returned for its EC2NodeClass. */
export function nodePoolFromBeta(doc: Obj, note: Note): { pool: Obj; nodeClassName: string; kubelet?: Obj } {
  const spec = (doc.spec ?? {}) as Obj;
  const template = (spec.template ?? {}) as Obj;
  const tspec = (template.spec ?? {}) as Obj;
  const ref = (tspec.nodeClassRef ?? {}) as Obj;
  const nodeClassName = String(ref.name ?? 'default');
  if (ref.kind !== undefined && ref.kind !== 'EC2NodeClass') {
    note(
      'warning',
      `nodeClassRef.kind ${String(ref.kind)} is not EC2NodeClass`,
      'spec.template.spec.nodeClassRef',
    );
  }
  if (tspec.resources !== undefined)
    note(
      'info',
      'template.spec.resources was never used and is gone in v1: dropped',
      'spec.template.spec.resources',
    );
  for (const key of Object.keys(tspec)) {
    if (!['requirements', 'taints', 'startupTaints', 'nodeClassRef', 'kubelet', 'resources'].includes(key)) {
      note('warning', `unknown field spec.template.spec.${key}: dropped`, `spec.template.spec.${key}`);
    }
  }

  const old = (spec.disruption ?? {}) as Obj;
  let policy = (old.consolidationPolicy as string | undefined) ?? 'WhenUnderutilized';
  if (policy === 'WhenUnderutilized') {
    policy = 'WhenEmptyOrUnderutilized';
    note(
      'info',
      'consolidationPolicy WhenUnderutilized is WhenEmptyOrUnderutilized in v1',
      'spec.disruption.consolidationPolicy',
    );
  }
  const consolidateAfter =
    (old.consolidateAfter as string | undefined) ?? (policy === 'WhenEmpty' ? '30s' : '0s');
  const templateMeta = (template.metadata ?? {}) as Obj;
  const pool = v1NodePool(
    {
      doc,
      limits: convertLimits(spec.limits as Obj | undefined, note, 'spec.limits'),
      labels: [templateMeta.labels, 'spec.template.metadata.labels'],
      annotations: [templateMeta.annotations, 'spec.template.metadata.annotations'],
      requirements: () =>
        convertRequirements(
          (tspec.requirements ?? []) as Requirement[],
          note,
          'spec.template.spec.requirements',
        ),
      taintsFrom: tspec,
      nodeClassName,
      // expireAfter moved from disruption to the template in v1; both default to 720h.
      expireAfter: old.expireAfter,
      disruption: { consolidationPolicy: policy, consolidateAfter, ...pick(old, ['budgets']) },
      weightFrom: spec,
    },
    note,
  );
  const kubelet = tspec.kubelet as Obj | undefined;
  const carried = kubelet && Object.keys(kubelet).length > 0 ? { kubelet } : {};
  return { nodeClassName, ...carried, pool };
}

/**
 * v1alpha5 kubeletConfiguration → v1 EC2NodeClass kubelet (quantities as strings; no containerRuntime).
 * Undefined when nothing is left to carry over.
 */
export function convertKubelet(kubelet: Obj, note: Note, field: string): Obj | undefined {
  const out: Obj = {};
  for (const [key, value] of Object.entries(kubelet)) {
    if (key === 'containerRuntime') {
      note(
        'warning',
        'kubelet containerRuntime is gone in v1 (containerd is the only runtime): dropped',
        `${field}.${key}`,
      );
    } else if ((key === 'systemReserved' || key === 'kubeReserved') && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Obj).map(([k, v]) => [k, String(v)]));
    } else out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
