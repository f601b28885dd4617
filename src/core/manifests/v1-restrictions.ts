/**
 * What karpenter.sh/v1 and karpenter.k8s.aws/v1 refuse, asked of the v1 CRDs themselves: a label key a
 * NodePool may not require or set, a tag key an EC2NodeClass may not carry. The answer comes from running
 * the CRD's rules on a one-field document, so it never drifts from the shipped schemas.
 */
import { validateManifest } from './crd/index.js';

const POOL = {
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'probe' },
};
const NODE_CLASS_REF = { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'probe' };

const probeRequirement = (key: string) => ({
  ...POOL,
  spec: { template: { spec: { nodeClassRef: NODE_CLASS_REF, requirements: [{ key, operator: 'Exists' }] } } },
});

const probeLabel = (key: string) => ({
  ...POOL,
  spec: {
    template: {
      metadata: { labels: { [key]: 'x' } },
      spec: { nodeClassRef: NODE_CLASS_REF, requirements: [] },
    },
  },
});

const probeTag = (key: string) => ({
  apiVersion: 'karpenter.k8s.aws/v1',
  kind: 'EC2NodeClass',
  metadata: { name: 'probe' },
  spec: {
    role: 'probe',
    amiSelectorTerms: [{ alias: 'al2023@latest' }],
    subnetSelectorTerms: [{ id: 'subnet-0' }],
    securityGroupSelectorTerms: [{ id: 'sg-0' }],
    tags: { [key]: 'x' },
  },
});

/** `spec.tags: Invalid value: "object": tag contains …` → `tag contains …`. */
const detail = (message: string): string => message.replace(/^[^:]*: Invalid value: "[^"]*": /, '');

const cache = new Map<string, string | undefined>();

function rejection(id: string, doc: Record<string, unknown>, at: string): string | undefined {
  if (cache.has(id)) return cache.get(id);
  const found = validateManifest(doc, doc.apiVersion as string, doc.kind as string).find(
    (v) => v.rule === 'cel' && v.path.join('.') === at,
  );
  const answer = found ? detail(found.message) : undefined;
  cache.set(id, answer);
  return answer;
}

/** Why a v1 NodePool may not have a requirement on `key` (the CRD rule's message), or undefined. */
export const v1RequirementRejection = (key: string): string | undefined =>
  rejection(`requirement:${key}`, probeRequirement(key), 'spec.template.spec.requirements.0.key');

/** Why a v1 NodePool may not set the template label `key`, or undefined. */
export const v1LabelRejection = (key: string): string | undefined =>
  rejection(`label:${key}`, probeLabel(key), 'spec.template.metadata.labels');

/** Why a v1 EC2NodeClass may not carry the tag `key`, or undefined. */
export const v1TagRejection = (key: string): string | undefined =>
  rejection(`tag:${key}`, probeTag(key), 'spec.tags');
