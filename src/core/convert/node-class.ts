/**
 * AWSNodeTemplate (v1alpha1), a Provisioner's inline `provider`, and v1beta1 EC2NodeClass → the spec of a
 * v1 EC2NodeClass.
 */
import { crdKind } from '../manifests/crd/catalog.js';
import { v1TagRejection } from '../manifests/v1-restrictions.js';
import { amiForV1 } from './ami.js';
import type { Note, Obj } from './types.js';

export type { Note };

export interface NodeClassOptions {
  /** IAM role for classes that name no instance profile. */
  role?: string;
  /** The amiSelectorTerm for Ubuntu classes that select no AMI themselves. */
  ubuntuAmi?: Obj;
}

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

function copyTags(tags: Obj | undefined, note: Note): Obj | undefined {
  if (!tags) return undefined;
  const kept: Obj = {};
  for (const [key, value] of Object.entries(tags)) {
    const why = v1TagRejection(key);
    if (why) note('warning', `tag ${key} is reserved in v1 (Karpenter sets it): dropped`, `tags.${key}`);
    else kept[key] = value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

const metadataDefaults = (apiVersion: string): Obj =>
  (crdKind(apiVersion, 'EC2NodeClass')?.schema.properties?.spec?.properties?.metadataOptions?.default ??
    {}) as Obj;

/**
 * IMDS settings as they were: before v1 a node class without `metadataOptions` got a hop limit of 2 (the
 * v1alpha1 CRD documents it, the v1beta1 CRD defaults it); v1 defaults to 1, which cuts pods without host
 * networking off from the instance metadata service. Every field whose default changed is written out.
 */
function keepMetadataOptions(source: Obj | undefined, note: Note): Obj | undefined {
  const before = { ...metadataDefaults('karpenter.k8s.aws/v1beta1'), ...(source ?? {}) };
  const v1 = metadataDefaults('karpenter.k8s.aws/v1');
  const out: Obj = { ...(source ?? {}) };
  for (const [field, value] of Object.entries(v1)) {
    if (out[field] !== undefined || before[field] === undefined || before[field] === value) continue;
    out[field] = before[field];
    note(
      'info',
      `${field}: ${JSON.stringify(before[field])} written out: it was the default before v1, whose default is ${JSON.stringify(value)} (set ${JSON.stringify(value)} yourself if no pod needs the instance metadata service)`,
      `metadataOptions.${field}`,
    );
  }
  return Object.keys(out).length > 0 ? out : undefined;
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

/** Selector terms v1 requires: an empty list is for the user to fill, not for spotctl to guess. */
function requireTerms(terms: unknown, field: string, source: string, note: Note): void {
  if (Array.isArray(terms) && terms.length > 0) return;
  note(
    'decide',
    `v1 requires ${field} and the source has no ${source}: add it (e.g. tags karpenter.sh/discovery: <cluster>) so spotctl can carry it over`,
    source,
  );
}

/** The fields v1 spells the same, with the IMDS settings and the AMI choice's block devices applied. */
function sameFields(spec: Obj, blockDeviceMappings: Obj[] | undefined, note: Note): Obj {
  const metadataOptions = keepMetadataOptions(spec.metadataOptions as Obj | undefined, note);
  return {
    ...pick(spec, SAME_FIELDS),
    ...(metadataOptions ? { metadataOptions } : {}),
    ...(blockDeviceMappings ? { blockDeviceMappings } : {}),
  };
}

/** v1alpha1 AWSNodeTemplate spec, or an inline provider block → v1 EC2NodeClass spec. */
export function nodeClassSpecFromAlpha(spec: Obj, options: NodeClassOptions, note: Note): Obj {
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
      'decide',
      'v1 builds its own launch templates, so this one cannot be carried over: move its settings to amiSelector, userData, blockDeviceMappings and metadataOptions, and remove it',
      'launchTemplate',
    );
  }
  const subnets = selectorTerms((spec.subnetSelector ?? {}) as Obj, 'subnetSelector', note);
  const groups = selectorTerms((spec.securityGroupSelector ?? {}) as Obj, 'securityGroupSelector', note);
  if (spec.launchTemplate === undefined) {
    requireTerms(subnets, 'subnetSelectorTerms', 'subnetSelector', note);
    requireTerms(groups, 'securityGroupSelectorTerms', 'securityGroupSelector', note);
  }
  const ami = amiForV1(
    {
      family: spec.amiFamily as string | undefined,
      terms: spec.amiSelector ? selectorTerms(spec.amiSelector as Obj, 'amiSelector', note, true) : undefined,
      blockDeviceMappings: spec.blockDeviceMappings as Obj[] | undefined,
    },
    options.ubuntuAmi,
    note,
  );
  const tags = copyTags(spec.tags as Obj | undefined, note);
  return {
    ...roleFor(spec, options.role, note),
    ...(ami.amiFamily ? { amiFamily: ami.amiFamily } : {}),
    amiSelectorTerms: ami.amiSelectorTerms,
    subnetSelectorTerms: subnets,
    securityGroupSelectorTerms: groups,
    ...(tags ? { tags } : {}),
    ...sameFields(spec, ami.blockDeviceMappings, note),
  };
}

/** v1beta1 EC2NodeClass spec → v1: an alias when no AMI terms were given, reserved tags dropped. */
export function nodeClassSpecFromBeta(spec: Obj, options: NodeClassOptions, note: Note): Obj {
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
  requireTerms(spec.subnetSelectorTerms, 'subnetSelectorTerms', 'subnetSelectorTerms', note);
  requireTerms(
    spec.securityGroupSelectorTerms,
    'securityGroupSelectorTerms',
    'securityGroupSelectorTerms',
    note,
  );
  const ami = amiForV1(
    {
      family: spec.amiFamily as string | undefined,
      terms: spec.amiSelectorTerms as Obj[] | undefined,
      blockDeviceMappings: spec.blockDeviceMappings as Obj[] | undefined,
    },
    options.ubuntuAmi,
    note,
  );
  const tags = copyTags(spec.tags as Obj | undefined, note);
  const identity =
    spec.role || spec.instanceProfile
      ? pick(spec, ['role', 'instanceProfile'])
      : roleFor(spec, options.role, note);
  return {
    ...identity,
    ...(ami.amiFamily ? { amiFamily: ami.amiFamily } : {}),
    amiSelectorTerms: ami.amiSelectorTerms,
    subnetSelectorTerms: spec.subnetSelectorTerms,
    securityGroupSelectorTerms: spec.securityGroupSelectorTerms,
    ...(tags ? { tags } : {}),
    ...pick(spec, ['instanceStorePolicy', 'associatePublicIPAddress']),
    ...sameFields(spec, ami.blockDeviceMappings, note),
  };
}

export const pick = (obj: Obj, keys: string[]): Obj =>
  Object.fromEntries(keys.filter((key) => obj[key] !== undefined).map((key) => [key, obj[key]]));
