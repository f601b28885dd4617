/**
 * The CRD validation helper itself: it must accept what upstream ships and reject what the API server or
 * Karpenter would — otherwise every "validates" test built on it proves nothing.
 */
import { readdirSync } from 'node:fs';

import { expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';

import { manifestProblems, schemaProblems, semanticProblems } from '../../helpers/crd-schema.js';
import { describeShared, readShared, sharedPath } from '../../helpers/shared.js';

type Obj = Record<string, unknown>;
const docsOf = (text: string): Obj[] =>
  parseAllDocuments(text)
    .map((doc) => doc.toJS() as Obj | null)
    .filter((doc): doc is Obj => doc !== null && typeof doc === 'object' && 'kind' in doc);

describeShared('CRD validation helper', () => {
  const v1Examples = readdirSync(sharedPath('reference/karpenter-crds/examples-v1-v1.14.1')).filter(
    (name) => !name.startsWith('workload-'),
  );

  it.each(v1Examples)('accepts the upstream v1 example %s', (name) => {
    const docs = docsOf(readShared('reference/karpenter-crds/examples-v1-v1.14.1', name));
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(manifestProblems(doc)).toEqual([]);
  });

  it.each(readdirSync(sharedPath('reference/karpenter-crds/examples-v1alpha5-v0.32.10')))(
    'accepts the upstream v1alpha5 example %s',
    (name) => {
      for (const doc of docsOf(readShared('reference/karpenter-crds/examples-v1alpha5-v0.32.10', name))) {
        expect(manifestProblems(doc)).toEqual([]);
      }
    },
  );

  it("finds the seed's two bugs, which the v1alpha5 schema itself lets through", () => {
    const seed = parse(readShared('fixtures/seed/provisioner.v1alpha5.yaml')) as Obj;
    expect(schemaProblems(seed)).toEqual([]);
    expect(semanticProblems(seed)).toEqual([
      'capacity-type value "On-demand" is not one of spot, on-demand',
      'limit "gpu" is not a resource Karpenter counts: GPUs are nvidia.com/gpu (or amd.com/gpu)',
    ]);
  });

  const nodePool = () =>
    docsOf(readShared('reference/karpenter-crds/examples-v1-v1.14.1', 'spot.yaml')).find(
      (doc) => doc.kind === 'NodePool',
    )! as Obj & { spec: Obj & { template: { spec: Obj & { requirements: Obj[] } } } };

  it.each([
    [
      'an unknown field (pruned by the API server)',
      (np: ReturnType<typeof nodePool>) => ((np.spec as Obj).ttlSecondsAfterEmpty = 30),
      /must NOT have additional properties "ttlSecondsAfterEmpty"/,
    ],
    [
      'a v1beta1 nodeClassRef',
      (np: ReturnType<typeof nodePool>) =>
        (np.spec.template.spec.nodeClassRef = {
          apiVersion: 'karpenter.k8s.aws/v1beta1',
          kind: 'EC2NodeClass',
          name: 'x',
        }),
      /required property 'group'/,
    ],
    [
      'a bad consolidation policy',
      (np: ReturnType<typeof nodePool>) =>
        ((np.spec as Obj).disruption = { consolidationPolicy: 'WhenUnderutilized', consolidateAfter: '0s' }),
      /must be equal to one of the allowed values/,
    ],
    [
      'minValues above the values',
      (np: ReturnType<typeof nodePool>) =>
        np.spec.template.spec.requirements.push({
          key: 'node.kubernetes.io/instance-type',
          operator: 'In',
          values: ['m5.large'],
          minValues: 2,
        }),
      /minValues 2 > 1 values/,
    ],
    [
      '"On-demand"',
      (np: ReturnType<typeof nodePool>) =>
        (np.spec.template.spec.requirements[0] = {
          key: 'karpenter.sh/capacity-type',
          operator: 'In',
          values: ['On-demand'],
        }),
      /capacity-type value "On-demand"/,
    ],
    [
      'a gpu limit',
      (np: ReturnType<typeof nodePool>) => ((np.spec as Obj).limits = { gpu: 100 }),
      /limit "gpu"/,
    ],
    [
      '101 requirements',
      (np: ReturnType<typeof nodePool>) => {
        for (let i = 0; i < 96; i++)
          np.spec.template.spec.requirements.push({ key: `example.com/k${i}`, operator: 'Exists' });
      },
      /requirements.*exceed 100|must NOT have more than 100 items/,
    ],
    [
      'a restricted AWS label',
      (np: ReturnType<typeof nodePool>) =>
        np.spec.template.spec.requirements.push({
          key: 'karpenter.k8s.aws/instance-pods',
          operator: 'Exists',
        }),
      /label karpenter.k8s.aws\/instance-pods is restricted/,
    ],
  ])('rejects %s', (_, mutate, message) => {
    const np = nodePool();
    expect(manifestProblems(np)).toEqual([]);
    mutate(np);
    expect(manifestProblems(np).join('\n')).toMatch(message);
  });

  it('rejects an EC2NodeClass with both role and instanceProfile, and one without selectors', () => {
    const nc = docsOf(readShared('reference/karpenter-crds/examples-v1-v1.14.1', 'spot.yaml')).find(
      (doc) => doc.kind === 'EC2NodeClass',
    )! as Obj & { spec: Obj };
    nc.spec.instanceProfile = 'profile';
    nc.spec.subnetSelectorTerms = [];
    const problems = manifestProblems(nc).join('\n');
    expect(problems).toMatch(/exactly one of \['role', 'instanceProfile'\]/);
    expect(problems).toMatch(/subnetSelectorTerms must not be empty/);
  });
});
