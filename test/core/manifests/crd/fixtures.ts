/**
 * Minimal valid documents of each kind the rule tests mutate. Each validates clean (asserted in
 * validate.test.ts), so a rejection in a test comes from the one change that test makes.
 */
type Doc = Record<string, unknown>;

export const nodePoolV1 = (): Doc => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'default' },
  spec: {
    template: {
      spec: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
        requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
      },
    },
  },
});

export const nodeClaimV1 = (): Doc => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodeClaim',
  metadata: { name: 'default-abcde' },
  spec: {
    nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
    requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
  },
});

export const ec2NodeClassV1 = (): Doc => ({
  apiVersion: 'karpenter.k8s.aws/v1',
  kind: 'EC2NodeClass',
  metadata: { name: 'default' },
  spec: {
    role: 'KarpenterNodeRole-my-cluster',
    amiSelectorTerms: [{ alias: 'al2023@latest' }],
    subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
    securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
  },
});

export const nodePoolV1beta1 = (): Doc => ({
  apiVersion: 'karpenter.sh/v1beta1',
  kind: 'NodePool',
  metadata: { name: 'default' },
  spec: {
    template: {
      spec: {
        nodeClassRef: { name: 'default' },
        requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
      },
    },
  },
});

export const nodeClaimV1beta1 = (): Doc => ({
  apiVersion: 'karpenter.sh/v1beta1',
  kind: 'NodeClaim',
  metadata: { name: 'default-abcde' },
  spec: {
    nodeClassRef: { name: 'default' },
    requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
  },
});

export const ec2NodeClassV1beta1 = (): Doc => ({
  apiVersion: 'karpenter.k8s.aws/v1beta1',
  kind: 'EC2NodeClass',
  metadata: { name: 'default' },
  spec: {
    amiFamily: 'AL2023',
    role: 'KarpenterNodeRole-my-cluster',
    subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
    securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'my-cluster' } }],
  },
});

export const provisionerV1alpha5 = (): Doc => ({
  apiVersion: 'karpenter.sh/v1alpha5',
  kind: 'Provisioner',
  metadata: { name: 'default' },
  spec: {
    requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
    providerRef: { name: 'default' },
  },
});

export const awsNodeTemplateV1alpha1 = (): Doc => ({
  apiVersion: 'karpenter.k8s.aws/v1alpha1',
  kind: 'AWSNodeTemplate',
  metadata: { name: 'default' },
  spec: {
    subnetSelector: { 'karpenter.sh/discovery': 'my-cluster' },
    securityGroupSelector: { 'karpenter.sh/discovery': 'my-cluster' },
  },
});

/** Set `value` at `path` in `doc` (creating objects on the way) and return `doc`. */
export function set(doc: Doc, path: (string | number)[], value: unknown): Doc {
  let node = doc as Record<string | number, unknown>;
  path.slice(0, -1).forEach((step, i) => {
    if (node[step] === undefined) node[step] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  });
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return doc;
}
