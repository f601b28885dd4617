/**
 * AWSNodeTemplate (v1alpha1), a Provisioner's inline `provider`, and v1beta1 EC2NodeClass → the spec of a
 * v1 EC2NodeClass.
 */
import type { Obj } from './types.js';

export type Note = (level: 'warning' | 'info', message: string, field?: string) => void;

/** amiFamily → the v1 alias for its latest EKS-optimized AMI. */
const FAMILY_ALIAS: Record<string, string> = {
  AL2: 'al2@latest',
  AL2023: 'al2023@latest',
  Bottlerocket: 'bottlerocket@latest',
  Windows2019: 'windows2019@latest',
  Windows2022: 'windows2022@latest',
  Windows2025: 'windows2025@latest',
};

/** Tag keys v1 reserves for itself (the EC2NodeClass CRD rejects them). */
const RESERVED_TAG = (key: string): boolean =>
  key.startsWith('kubernetes.io/cluster') ||
  [
    'eks:eks-cluster-name',
    'karpenter.sh/nodepool',
    'karpenter.sh/nodeclaim',
    'karpenter.k8s.aws/ec2nodeclass',
  ].includes(key);

/** Fields with the same name and shape in v1alpha1, v1beta1 and v1. */
const SAME_FIELDS = ['userData', 'metadataOptions', 'blockDeviceMappings', 'detailedMonitoring', 'context'];
/** v1beta1-only fields that v1 kept. */
const BETA_FIELDS = ['instanceStorePolicy', 'associatePublicIPAddress', 'instanceProfile', 'role'];

const split = (value: string): string[] =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * A v1alpha1 selector map → v1 terms. `aws-ids`/`aws::ids` become id terms (an id cannot be combined with
 * tags in v1, so other keys beside it are dropped); `aws::name`/`aws::owners` (AMIs) become name/owner.
 */
function selectorTerms(selector: Obj, field: string, note: Note, ami = false): Obj[] {
  const tags: Record<string, string> = {};
  let ids: string[] = [];
  let names: string[] = [];
  let owners: string[] = [];
  for (const [key, raw] of Object.entries(selector)) {
    const value = String(raw);
    if (key === 'aws-ids' || key === 'aws::ids') ids = split(value);
    else if (ami && key === 'aws::name') names = split(value);
    else if (ami && key === 'aws::owners') owners = split(value);
    else if (value === '') {
      // v1alpha1 matched any resource carrying the tag for an empty value; v1 spells that "*".
      tags[key] = '*';
      note('info', 'empty tag value (any value) written as "*"', `${field}.${key}`);
    } else {
      tags[key] = value;
      if (value.includes(',')) {
        note(
          'warning',
          `tag value "${value}" contains a comma: v1 matches it literally; write one term per value if these were alternatives`,
          `${field}.${key}`,
        );
      }
    }
  }
  if (ids.length > 0) {
    if (Object.keys(tags).length > 0 || names.length > 0 || owners.length > 0) {
      note('warning', 'IDs cannot be combined with tags in v1: kept the IDs, dropped the other keys', field);
    }
    return ids.map((id) => ({ id }));
  }
  const hasTags = Object.keys(tags).length > 0;
  const terms: Obj[] = [];
  for (const owner of owners.length > 0 ? owners : [undefined]) {
    for (const name of names.length > 0 ? names : [undefined]) {
      terms.push({ ...(hasTags ? { tags } : {}), ...(name ? { name } : {}), ...(owner ? { owner } : {}) });
    }
  }
  return terms.filter((term) => Object.keys(term).length > 0);
}

/** The discovery-tag value, which by Karpenter's convention is the cluster name. */
export function clusterFromSelectors(spec: Obj): string | undefined {
  for (const key of ['subnetSelector', 'securityGroupSelector']) {
    const value = (spec[key] as Obj | undefined)?.['karpenter.sh/discovery'];
    if (typeof value === 'string' && value && value !== '*') return value;
  }
  for (const key of ['subnetSelectorTerms', 'securityGroupSelectorTerms']) {
    for (const term of (spec[key] as Obj[] | undefined) ?? []) {
      const value = (term.tags as Obj | undefined)?.['karpenter.sh/discovery'];
      if (typeof value === 'string' && value && value !== '*') return value;
    }
  }
  return undefined;
}

function amiTerms(
  family: string | undefined,
  terms: Obj[] | undefined,
  note: Note,
): { amiFamily?: string; amiSelectorTerms: Obj[] } {
  if (terms && terms.length > 0) {
    // Without an alias v1 needs the family to know how to bootstrap the node.
    if (!family)
      note(
        'info',
        'amiFamily AL2 made explicit (the default before v1; v1 requires it without an alias)',
        'amiFamily',
      );
    return { amiFamily: family ?? 'AL2', amiSelectorTerms: terms };
  }
  if (family === undefined) {
    note(
      'info',
      'no amiFamily: AL2 was the default, so amiSelectorTerms uses alias al2@latest (consider al2023@latest; AL2 is end of life)',
      'amiFamily',
    );
    return { amiSelectorTerms: [{ alias: 'al2@latest' }] };
  }
  const alias = FAMILY_ALIAS[family];
  if (alias) return { amiSelectorTerms: [{ alias }] };
  if (family === 'Ubuntu') {
    note(
      'warning',
      'Ubuntu is not supported by Karpenter v1: replaced by alias al2023@latest; review userData',
      'amiFamily',
    );
  } else {
    note(
      'warning',
      `amiFamily ${family} without amiSelector cannot select an AMI: replaced by alias al2023@latest`,
      'amiFamily',
    );
  }
  return { amiSelectorTerms: [{ alias: 'al2023@latest' }] };
}

function copyTags(tags: Obj | undefined, note: Note): Obj | undefined {
  if (!tags) return undefined;
  const kept: Obj = {};
  for (const [key, value] of Object.entries(tags)) {
    if (RESERVED_TAG(key))
      note('warning', `tag ${key} is reserved in v1 (Karpenter sets it): dropped`, `tags.${key}`);
    else kept[key] = value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

const roleFor = (spec: Obj, role: string | undefined, note: Note): Obj => {
  if (spec.instanceProfile) return { instanceProfile: spec.instanceProfile };
  if (role) return { role };
  const cluster = clusterFromSelectors(spec);
  const guess = `KarpenterNodeRole-${cluster ?? '${CLUSTER_NAME}'}`;
  note(
    'warning',
    `v1 needs the nodes' IAM role: set to "${guess}" (the getting-started name); check it, or pass --role`,
    'role',
  );
  return { role: guess };
};

/** v1alpha1 AWSNodeTemplate spec, or an inline provider block → v1 EC2NodeClass spec. */
export function nodeClassSpecFromAlpha(spec: Obj, role: string | undefined, note: Note): Obj {
  const known = new Set([
    'subnetSelector',
    'securityGroupSelector',
    'amiSelector',
    'amiFamily',
    'instanceProfile',
    'tags',
    'launchTemplate',
    'apiVersion',
    'kind',
    ...SAME_FIELDS,
  ]);
  for (const key of Object.keys(spec))
    if (!known.has(key)) note('warning', `unknown field ${key}: dropped`, key);
  if (spec.launchTemplate !== undefined) {
    note(
      'warning',
      'launchTemplate cannot be converted: v1 builds its own launch templates (move its settings to amiSelectorTerms, userData, blockDeviceMappings, metadataOptions)',
      'launchTemplate',
    );
  }
  const subnets = selectorTerms((spec.subnetSelector ?? {}) as Obj, 'subnetSelector', note);
  const groups = selectorTerms((spec.securityGroupSelector ?? {}) as Obj, 'securityGroupSelector', note);
  if (subnets.length === 0)
    note('warning', 'no subnetSelector: v1 requires subnetSelectorTerms', 'subnetSelector');
  if (groups.length === 0)
    note(
      'warning',
      'no securityGroupSelector: v1 requires securityGroupSelectorTerms',
      'securityGroupSelector',
    );
  const ami = amiTerms(
    spec.amiFamily as string | undefined,
    spec.amiSelector ? selectorTerms(spec.amiSelector as Obj, 'amiSelector', note, true) : undefined,
    note,
  );
  const tags = copyTags(spec.tags as Obj | undefined, note);
  return {
    ...roleFor(spec, role, note),
    ...(ami.amiFamily ? { amiFamily: ami.amiFamily } : {}),
    amiSelectorTerms: ami.amiSelectorTerms,
    subnetSelectorTerms: subnets,
    securityGroupSelectorTerms: groups,
    ...(tags ? { tags } : {}),
    ...pick(spec, SAME_FIELDS),
  };
}

/** v1beta1 EC2NodeClass spec → v1: an alias when no AMI terms were given, reserved tags dropped. */
export function nodeClassSpecFromBeta(spec: Obj, note: Note): Obj {
  const known = new Set([
    'subnetSelectorTerms',
    'securityGroupSelectorTerms',
    'amiSelectorTerms',
    'amiFamily',
    'tags',
    ...SAME_FIELDS,
    ...BETA_FIELDS,
  ]);
  for (const key of Object.keys(spec))
    if (!known.has(key)) note('warning', `unknown field ${key}: dropped`, key);
  const terms = spec.amiSelectorTerms as Obj[] | undefined;
  const ami =
    terms && terms.length > 0
      ? { amiFamily: spec.amiFamily, amiSelectorTerms: terms }
      : amiTerms(spec.amiFamily as string | undefined, undefined, note);
  if (ami.amiFamily === undefined && !(ami.amiSelectorTerms as Obj[]).some((term) => term.alias)) {
    note(
      'info',
      'amiFamily AL2 made explicit (the v1beta1 default; v1 requires it without an alias)',
      'amiFamily',
    );
    ami.amiFamily = 'AL2';
  }
  const tags = copyTags(spec.tags as Obj | undefined, note);
  const identity =
    spec.role || spec.instanceProfile
      ? pick(spec, ['role', 'instanceProfile'])
      : roleFor(spec, undefined, note);
  return {
    ...identity,
    ...(ami.amiFamily ? { amiFamily: ami.amiFamily } : {}),
    amiSelectorTerms: ami.amiSelectorTerms,
    subnetSelectorTerms: spec.subnetSelectorTerms,
    securityGroupSelectorTerms: spec.securityGroupSelectorTerms,
    ...(tags ? { tags } : {}),
    ...pick(spec, [...SAME_FIELDS, 'instanceStorePolicy', 'associatePublicIPAddress']),
  };
}

export const pick = (obj: Obj, keys: string[]): Obj =>
  Object.fromEntries(keys.filter((key) => obj[key] !== undefined).map((key) => [key, obj[key]]));
