/**
 * The API server's own checks: every Karpenter document against the schema and every CEL rule of the CRD
 * of its API version, reported in the server's words at the offending field. The fix says what to do
 * in Karpenter's terms where the message alone does not (where kubelet settings moved, which labels and
 * tags Karpenter keeps for itself, what an unknown field was probably meant to be).
 */
import { crdKind } from '../../manifests/crd/catalog.js';
import type { CrdSchema } from '../../manifests/crd/types.js';
import type { KarpenterDocument } from '../../manifests/types.js';
import { isNotChecked, violationSeverity, type LocatedViolation } from '../../manifests/validate-texts.js';
import { nearest } from '../../text/nearest.js';
import type { Hit, LintContext, Rule } from '../types.js';

const dotted = (path: LocatedViolation['path']) =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/** The schema of the object holding the last step of `path`, as far as the CRD declares it. */
function parentSchema(document: KarpenterDocument, path: LocatedViolation['path']): CrdSchema | undefined {
  let schema: CrdSchema | undefined = crdKind(document.apiVersion, document.kind)?.schema;
  for (const step of path.slice(0, -1)) {
    if (!schema) return undefined;
    if (typeof step === 'number') schema = schema.items;
    else
      schema =
        schema.properties?.[step] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
  }
  return schema;
}

const nodeClassName = (document: KarpenterDocument): string => {
  const spec = (document.value as { spec?: { template?: { spec?: { nodeClassRef?: { name?: unknown } } } } })
    .spec;
  const name = spec?.template?.spec?.nodeClassRef?.name;
  return typeof name === 'string' && name ? `EC2NodeClass ${name}` : 'its EC2NodeClass';
};

/** v1alpha5 Provisioner fields written in a NodePool, and where NodePools keep that setting. */
const LEGACY_FIELDS: Record<string, (apiVersion: string) => string> = {
  'spec.ttlSecondsAfterEmpty': () =>
    'spec.disruption.consolidationPolicy: WhenEmpty with consolidateAfter (the same seconds as a duration, e.g. 30s)',
  'spec.ttlSecondsUntilExpired': (v) =>
    v.endsWith('/v1')
      ? 'spec.template.spec.expireAfter (e.g. 720h)'
      : 'spec.disruption.expireAfter (e.g. 720h)',
  'spec.consolidation': (v) =>
    `spec.disruption.consolidationPolicy: ${v.endsWith('/v1') ? 'WhenEmptyOrUnderutilized' : 'WhenUnderutilized'}`,
  'spec.providerRef': () => 'spec.template.spec.nodeClassRef, naming an EC2NodeClass',
  'spec.provider': () => 'an EC2NodeClass, named in spec.template.spec.nodeClassRef',
  'spec.kubeletConfiguration': (v) =>
    v.endsWith('/v1') ? 'spec.kubelet of the EC2NodeClass' : 'spec.template.spec.kubelet',
  'spec.requirements': () => 'spec.template.spec.requirements',
  'spec.labels': () => 'spec.template.metadata.labels',
  'spec.annotations': () => 'spec.template.metadata.annotations',
  'spec.taints': () => 'spec.template.spec.taints',
  'spec.startupTaints': () => 'spec.template.spec.startupTaints',
};

interface FixHint {
  when: (v: LocatedViolation, d: KarpenterDocument) => boolean;
  fix: (v: LocatedViolation, d: KarpenterDocument) => string;
}

const at = (v: LocatedViolation) => dotted(v.path);
const id = (d: KarpenterDocument) => `${d.apiVersion}/${d.kind}`;

/** Karpenter-specific advice, most specific first; the rule's generic fix otherwise. */
const HINTS: FixHint[] = [
  {
    when: (v, d) => id(d) === 'karpenter.sh/v1/NodePool' && at(v) === 'spec.template.spec.kubelet',
    fix: (_, d) =>
      `karpenter.sh/v1 moved kubelet settings to the EC2NodeClass: move this block to spec.kubelet of ${nodeClassName(d)} (spotctl convert does it for v1beta1 files).`,
  },
  {
    when: (v, d) => id(d) === 'karpenter.k8s.aws/v1beta1/EC2NodeClass' && at(v) === 'spec.kubelet',
    fix: () =>
      'In v1beta1 kubelet settings belong in the NodePool (spec.template.spec.kubelet); they move to the EC2NodeClass only in v1.',
  },
  {
    when: (v, d) => d.kind === 'Provisioner' && at(v) === 'spec.kubelet',
    fix: () => 'A v1alpha5 Provisioner takes kubelet settings as spec.kubeletConfiguration.',
  },
  {
    when: (v, d) =>
      d.kind === 'NodePool' && v.keyword === 'unknown-field' && LEGACY_FIELDS[at(v)] !== undefined,
    fix: (v, d) =>
      `That is a v1alpha5 Provisioner field: ${d.apiVersion} uses ${LEGACY_FIELDS[at(v)]!(d.apiVersion)} (spotctl convert rewrites a Provisioner).`,
  },
  {
    when: (v) => v.keyword === 'unknown-field' && /taints\[\d+\]\.operator$/.test(at(v)),
    fix: () => 'A taint has key, value and effect; operator belongs to tolerations (on the pods). Remove it.',
  },
  {
    when: (v) => /"kubernetes\.io\/hostname" is restricted/.test(v.message),
    fix: () =>
      'Remove it: a node has no hostname before Karpenter launches it. To spread pods over nodes, use a topologySpreadConstraint on kubernetes.io/hostname in the workload.',
  },
  {
    when: (v) => /label( domain)? "[^"]+" is restricted/.test(v.message),
    fix: () =>
      'Karpenter sets this label (or every label of this domain) itself: use a well-known label, or a key in your own domain (e.g. example.com/team).',
  },
  {
    when: (v) => /restricted tag matching/.test(v.message),
    fix: () => 'Karpenter sets this tag on what it launches: remove it from spec.tags.',
  },
  {
    when: (v, d) => d.kind === 'EC2NodeClass' && at(v) === 'spec.amiFamily' && /"Ubuntu"/.test(v.message),
    fix: () =>
      'Ubuntu support was dropped in Karpenter v1: select your Ubuntu AMI in amiSelectorTerms (id, name or ssmParameter), set amiFamily AL2 (the same UserData format) or Custom, and map /dev/sda1 with rootVolume: true.',
  },
  {
    when: (v) => isNotChecked(v),
    fix: () =>
      'Fix the schema errors of this document first: the API server runs its CEL rules only once they are gone.',
  },
  {
    when: (v) => v.keyword === 'unknown-field',
    fix: (v, d) => {
      const name = String(v.path[v.path.length - 1]);
      const known = Object.keys(parentSchema(d, v.path)?.properties ?? {});
      const close = nearest(name, known, 1, Math.min(3, Math.floor(name.length / 3)))[0];
      return close
        ? `Did you mean ${close}? ${d.apiVersion} ${d.kind} has no field ${name}.`
        : `Remove it: ${d.apiVersion} ${d.kind} has no such field (the API server drops it, or refuses the object under strict field validation).`;
    },
  },
];

const crdRule = (ruleId: 'schema' | 'cel', summary: string, fix: string): Rule => ({
  id: ruleId,
  severity: 'error',
  summary,
  fix,
  check: ({ validations }: LintContext) =>
    validations.flatMap(({ document, violations }) =>
      violations
        .filter((v) => v.rule === ruleId)
        .map((v): Hit => ({
          file: document.ref.file,
          span: v.span,
          message: v.message,
          fix: HINTS.find((hint) => hint.when(v, document))?.fix(v, document),
          severity: violationSeverity(v),
        })),
    ),
});

export const CRD_RULES: Rule[] = [
  crdRule(
    'schema',
    'Karpenter documents must match the CRD schema of their API version (types, required fields, enums, patterns, limits, no unknown fields).',
    'Change the field as the message says; it is the API server’s own.',
  ),
  crdRule(
    'cel',
    'Karpenter documents must pass every validation rule (CEL) of their CRD, as the API server runs them on create.',
    'Change the object so the rule holds; the message is the API server’s own.',
  ),
];
