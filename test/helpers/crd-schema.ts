/**
 * Validate Karpenter manifests the way the API server would: against the `openAPIV3Schema` of the real
 * CRDs in ../shared (read in place), with unknown fields rejected as `kubectl apply --validate=strict`
 * does, plus the rules a plain JSON Schema validator cannot run — the CRDs' CEL rules and Karpenter's
 * webhooks — and the mistakes the seed blog made (`On-demand`, a `gpu` limit).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

import { readShared } from './shared.js';

const CRD_FILES: Record<string, string> = {
  'karpenter.sh/v1/NodePool': 'v1-v1.14.1/karpenter.sh_nodepools.yaml',
  'karpenter.k8s.aws/v1/EC2NodeClass': 'v1-v1.14.1/karpenter.k8s.aws_ec2nodeclasses.yaml',
  'karpenter.sh/v1alpha5/Provisioner': 'v1alpha5-v0.32.10/karpenter.sh_provisioners.yaml',
  'karpenter.k8s.aws/v1alpha1/AWSNodeTemplate': 'v1alpha5-v0.32.10/karpenter.k8s.aws_awsnodetemplates.yaml',
};

type Schema = Record<string, unknown>;
type Obj = Record<string, unknown>;

interface Crd {
  spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> };
}

const crdCache = new Map<string, { validate: ValidateFunction; text: string }>();

/** The CRD schema (and raw text) for an apiVersion + kind, or undefined when spotctl does not know it. */
function crdFor(apiVersion: string, kind: string): { validate: ValidateFunction; text: string } | undefined {
  const id = `${apiVersion}/${kind}`;
  const file = CRD_FILES[id];
  if (!file) return undefined;
  const cached = crdCache.get(id);
  if (cached) return cached;
  const text = readShared('reference', 'karpenter-crds', file);
  const crd = parse(text) as Crd;
  const version = apiVersion.split('/')[1];
  const schema = crd.spec.versions.find((v) => v.name === version)?.schema.openAPIV3Schema;
  if (!schema) throw new Error(`${file} has no version ${version}`);
  // x-kubernetes-* keywords are not JSON Schema; int32/int64/date-time formats are not checked by ajv here.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const entry = { validate: ajv.compile(closeObjects(structuredClone(schema))), text };
  crdCache.set(id, entry);
  return entry;
}

/**
 * The API server prunes (and strict validation rejects) fields a structural schema does not declare:
 * make every object with declared properties closed, unless it preserves unknown fields.
 */
function closeObjects(schema: Schema): Schema {
  if (
    schema.properties &&
    schema.additionalProperties === undefined &&
    !schema['x-kubernetes-preserve-unknown-fields']
  ) {
    schema.additionalProperties = false;
  }
  for (const value of Object.values(schema.properties ?? {})) closeObjects(value as Schema);
  if (schema.items) closeObjects(schema.items as Schema);
  if (typeof schema.additionalProperties === 'object') closeObjects(schema.additionalProperties as Schema);
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
    for (const sub of (schema[key] as Schema[] | undefined) ?? []) closeObjects(sub);
  }
  return schema;
}

export const isKnownKind = (doc: Obj): boolean => CRD_FILES[`${doc.apiVersion}/${doc.kind}`] !== undefined;

/** JSON Schema problems against the real CRD, as `path: message` lines. */
export function schemaProblems(doc: Obj): string[] {
  const crd = crdFor(String(doc.apiVersion), String(doc.kind));
  if (!crd) return [`no CRD for ${doc.apiVersion} ${doc.kind}`];
  if (crd.validate(doc)) return [];
  return (crd.validate.errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
    return `${error.instancePath || '/'}: ${error.message}${extra}`;
  });
}

const CAPACITY_TYPE = 'karpenter.sh/capacity-type';
const MAX_REQUIREMENTS = 100;
const GPU_RESOURCES = new Set(['nvidia.com/gpu', 'amd.com/gpu']);

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
  minValues?: number;
}

/** Label keys the v1 NodePool CEL rules allow in the restricted karpenter.k8s.aws domain, read from the CRD. */
function allowedAwsLabels(): Set<string> {
  const { text } = crdFor('karpenter.sh/v1', 'NodePool')!;
  const rule =
    /rule: self in \[("karpenter\.k8s\.aws\/[^\]]+)\] \|\| !self\.find\("\^\(\[\^\/\]\+\)"\)\.endsWith\("karpenter\.k8s\.aws"\)/.exec(
      text,
    );
  if (!rule) throw new Error('the NodePool CRD no longer has the karpenter.k8s.aws label rule');
  return new Set([...rule[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!));
}

function requirementProblems(
  requirements: Requirement[],
  generation: 'v1' | 'v1alpha5',
  labelCount = 0,
): string[] {
  const problems: string[] = [];
  if (requirements.length + labelCount > MAX_REQUIREMENTS) {
    problems.push(`${requirements.length} requirements (+${labelCount} labels) exceed ${MAX_REQUIREMENTS}`);
  }
  const allowedCapacity = generation === 'v1' ? ['spot', 'on-demand', 'reserved'] : ['spot', 'on-demand'];
  const awsLabels = generation === 'v1' ? allowedAwsLabels() : undefined;
  for (const r of requirements) {
    const values = r.values ?? [];
    if (r.key === CAPACITY_TYPE) {
      for (const value of values) {
        if (!allowedCapacity.includes(value)) {
          problems.push(`capacity-type value "${value}" is not one of ${allowedCapacity.join(', ')}`);
        }
      }
    }
    if (r.operator === 'In' && values.length === 0) problems.push(`${r.key}: operator In needs values`);
    if (
      ['Gt', 'Lt', 'Gte', 'Lte'].includes(r.operator) &&
      (values.length !== 1 || !/^[0-9]+$/.test(values[0]!))
    ) {
      problems.push(`${r.key}: ${r.operator} needs exactly one non-negative integer`);
    }
    if (r.minValues !== undefined && r.operator === 'In' && values.length < r.minValues) {
      problems.push(`${r.key}: minValues ${r.minValues} > ${values.length} values`);
    }
    if (generation === 'v1') {
      const domain = r.key.includes('/') ? r.key.slice(0, r.key.indexOf('/')) : '';
      if (domain.endsWith('karpenter.sh') && r.key !== CAPACITY_TYPE)
        problems.push(`label ${r.key} is restricted`);
      if (domain.endsWith('karpenter.k8s.aws') && !awsLabels!.has(r.key))
        problems.push(`label ${r.key} is restricted`);
      if (r.key === 'kubernetes.io/hostname') problems.push('label kubernetes.io/hostname is restricted');
    }
  }
  return problems;
}

function limitProblems(limits: Obj | undefined): string[] {
  return Object.keys(limits ?? {}).flatMap((name) =>
    /gpu/i.test(name) && !GPU_RESOURCES.has(name)
      ? [`limit "${name}" is not a resource Karpenter counts: GPUs are nvidia.com/gpu (or amd.com/gpu)`]
      : [],
  );
}

function selectorTermProblems(terms: Obj[] | undefined, field: string, keys: string[]): string[] {
  if (!terms || terms.length === 0) return [`${field} must not be empty`];
  return terms.flatMap((term, i) => {
    const problems: string[] = [];
    if (!keys.some((key) => term[key] !== undefined))
      problems.push(`${field}[${i}] needs one of ${keys.join(', ')}`);
    if (term.id !== undefined && Object.keys(term).length > 1)
      problems.push(`${field}[${i}]: id cannot be combined`);
    const tags = term.tags as Record<string, string> | undefined;
    if (tags && Object.entries(tags).some(([k, v]) => k === '' || v === ''))
      problems.push(`${field}[${i}]: empty tag key or value`);
    return problems;
  });
}

/** The CEL rules and webhook checks that JSON Schema cannot express, plus the seed's two bugs. */
export function semanticProblems(doc: Obj): string[] {
  const spec = (doc.spec ?? {}) as Obj;
  const id = `${doc.apiVersion}/${doc.kind}`;
  const problems: string[] = [];
  if (id === 'karpenter.sh/v1/NodePool') {
    const template = (spec.template ?? {}) as Obj;
    const tspec = (template.spec ?? {}) as Obj;
    const labels = ((template.metadata as Obj | undefined)?.labels ?? {}) as Obj;
    problems.push(
      ...requirementProblems((tspec.requirements ?? []) as Requirement[], 'v1', Object.keys(labels).length),
    );
    problems.push(...limitProblems(spec.limits as Obj | undefined));
    const ref = (tspec.nodeClassRef ?? {}) as Obj;
    for (const key of ['group', 'kind', 'name'])
      if (!ref[key]) problems.push(`nodeClassRef.${key} may not be empty`);
    const budgets = ((spec.disruption as Obj | undefined)?.budgets ?? []) as Obj[];
    budgets.forEach((b, i) => {
      if ((b.schedule === undefined) !== (b.duration === undefined))
        problems.push(`budgets[${i}]: schedule must be set with duration`);
    });
    if (spec.replicas !== undefined && spec.weight !== undefined)
      problems.push('weight cannot be combined with replicas');
  } else if (id === 'karpenter.k8s.aws/v1/EC2NodeClass') {
    if ((spec.role === undefined) === (spec.instanceProfile === undefined)) {
      problems.push("must specify exactly one of ['role', 'instanceProfile']");
    }
    problems.push(
      ...selectorTermProblems(spec.subnetSelectorTerms as Obj[] | undefined, 'subnetSelectorTerms', [
        'tags',
        'id',
      ]),
    );
    problems.push(
      ...selectorTermProblems(
        spec.securityGroupSelectorTerms as Obj[] | undefined,
        'securityGroupSelectorTerms',
        ['tags', 'id', 'name'],
      ),
    );
    const ami = (spec.amiSelectorTerms ?? []) as Obj[];
    const aliases = ami.filter((term) => term.alias !== undefined);
    if (ami.length === 0) problems.push('amiSelectorTerms must not be empty');
    if (aliases.length > 0 && ami.length !== 1)
      problems.push("'alias' is mutually exclusive with other amiSelectorTerms");
    if (aliases.length === 0 && spec.amiFamily === undefined)
      problems.push('amiFamily is required without an alias');
    for (const alias of aliases) {
      if (!/^(al2|al2023|bottlerocket|windows2019|windows2022|windows2025)@.+$/.test(String(alias.alias))) {
        problems.push(`alias "${alias.alias}" is not family@version`);
      }
    }
    for (const key of Object.keys((spec.tags ?? {}) as Obj)) {
      if (
        key.startsWith('kubernetes.io/cluster') ||
        [
          'karpenter.sh/nodepool',
          'karpenter.sh/nodeclaim',
          'karpenter.k8s.aws/ec2nodeclass',
          'eks:eks-cluster-name',
        ].includes(key)
      ) {
        problems.push(`tag ${key} is restricted`);
      }
    }
  } else if (id === 'karpenter.sh/v1alpha5/Provisioner') {
    problems.push(...requirementProblems((spec.requirements ?? []) as Requirement[], 'v1alpha5'));
    problems.push(...limitProblems(((spec.limits as Obj | undefined)?.resources ?? {}) as Obj));
    if (
      (spec.consolidation as Obj | undefined)?.enabled === true &&
      spec.ttlSecondsAfterEmpty !== undefined
    ) {
      problems.push('consolidation.enabled and ttlSecondsAfterEmpty are mutually exclusive');
    }
    if ((spec.provider === undefined) === (spec.providerRef === undefined)) {
      problems.push('exactly one of provider and providerRef');
    }
    if (spec.provider) problems.push(...awsSelectorProblems(spec.provider as Obj, 'provider'));
  } else if (id === 'karpenter.k8s.aws/v1alpha1/AWSNodeTemplate') {
    problems.push(...awsSelectorProblems(spec, 'spec'));
  }
  return problems;
}

/** The v1alpha1 webhook required both selectors. */
const awsSelectorProblems = (spec: Obj, at: string): string[] =>
  ['subnetSelector', 'securityGroupSelector'].flatMap((key) =>
    spec[key] && Object.keys(spec[key] as Obj).length > 0 ? [] : [`${at}.${key} is required`],
  );

/** Schema and semantic problems together; empty means the API server (and Karpenter) would accept it. */
export function manifestProblems(doc: Obj): string[] {
  return [...schemaProblems(doc), ...semanticProblems(doc)];
}
