/**
 * convert: the upstream v1alpha5 examples and v1beta1 manifests become v1 manifests the real CRDs accept,
 * with the documented field mapping, and a message for everything that could not convert.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { convertManifests, stringifyConverted } from '../../../src/core/convert/convert.js';
import type { ConvertResult, Obj } from '../../../src/core/convert/types.js';
import { SpotctlError } from '../../../src/core/errors.js';
import { validateManifest } from '../../../src/core/manifests/crd/index.js';
import { manifestProblems } from '../../helpers/crd-schema.js';
import { describeShared, readShared, sharedPath } from '../../helpers/shared.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => ({ path: name, text: readFileSync(join(here, 'fixtures', name), 'utf8') });
const EXAMPLES = 'reference/karpenter-crds/examples-v1alpha5-v0.32.10';

const find = (result: ConvertResult, kind: string, name: string) =>
  result.files
    .flatMap((f) => f.documents)
    .find((d) => d.kind === kind && (d.metadata as Obj).name === name) as
    (Obj & { spec: Obj & { template: { spec: Obj & { requirements: Obj[] } } } }) | undefined;
const messages = (result: ConvertResult, level?: 'warning' | 'info') =>
  result.messages
    .filter((m) => !level || m.level === level)
    .map((m) => `${m.resource} ${m.field ?? ''}: ${m.message}`);

/** Every output document, as written (YAML text parsed back), validates; every nodeClassRef resolves. */
function expectValidV1(result: ConvertResult): void {
  const written = result.files.flatMap((file) =>
    parseAllDocuments(stringifyConverted(file, { version: '0.1.0', date: '2026-08-25' })).map(
      (d) => d.toJS() as Obj,
    ),
  );
  expect(written).toEqual(result.files.flatMap((file) => file.documents));
  const classes = new Set(
    written.filter((d) => d.kind === 'EC2NodeClass').map((d) => (d.metadata as Obj).name),
  );
  for (const doc of written) {
    expect(doc.apiVersion).toMatch(/^karpenter\.(sh|k8s\.aws)\/v1$/);
    const name = `${String(doc.kind)}/${String((doc.metadata as Obj).name)}`;
    expect(manifestProblems(doc), name).toEqual([]);
    // The real CRD schema and CEL rules, as the API server runs them
    expect(validateManifest(doc, String(doc.apiVersion), String(doc.kind)), name).toEqual([]);
    if (doc.kind === 'NodePool') {
      const ref = ((doc.spec as Obj).template as { spec: { nodeClassRef: Obj } }).spec.nodeClassRef;
      expect(classes.has(ref.name)).toBe(true);
    }
  }
}

describeShared('convert: upstream v1alpha5 examples → v1', () => {
  const names = readdirSync(sharedPath(EXAMPLES));
  const all = convertManifests(names.map((name) => ({ path: name, text: readShared(EXAMPLES, name) })));

  it.each(names)('%s becomes a NodePool + EC2NodeClass that validate', (name) => {
    const file = all.files.find((f) => f.source === name)!;
    expect(file.conversions.map((c) => `${c.from.kind}→${c.to.map((t) => t.kind).join('+')}`)).toEqual([
      'Provisioner→NodePool',
      'AWSNodeTemplate→EC2NodeClass',
    ]);
    expectValidV1({ files: [file], messages: [] });
  });

  it('maps the documented fields', () => {
    const one = (name: string) => convertManifests([{ path: name, text: readShared(EXAMPLES, name) }]);
    const ttls = find(one('node-ttls.yaml'), 'NodePool', 'default')!;
    expect(ttls.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '1m' });
    expect(ttls.spec.template.spec.expireAfter).toBe('168h');
    expect(find(one('100-cpu-limit.yaml'), 'NodePool', 'default')!.spec.limits).toEqual({ cpu: 100 });
    expect(find(one('bottlerocket.yaml'), 'EC2NodeClass', 'my-provider')!.spec.amiSelectorTerms).toEqual([
      { alias: 'bottlerocket@latest' },
    ]);
    const spot = find(one('spot.yaml'), 'NodePool', 'default')!;
    expect(spot.spec.template.spec.nodeClassRef).toEqual({
      group: 'karpenter.k8s.aws',
      kind: 'EC2NodeClass',
      name: 'my-provider',
    });
    // No TTLs in v1alpha5 meant nodes lived and stayed forever: v1's defaults (720h, consolidation) would change that.
    expect(spot.spec.template.spec.expireAfter).toBe('Never');
    expect(spot.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: 'Never' });
  });

  it('writes out the v1alpha5 webhook defaults, unless told not to', () => {
    const text = readShared(EXAMPLES, 'spot.yaml');
    const keys = (result: ConvertResult) =>
      find(result, 'NodePool', 'default')!.spec.template.spec.requirements.map((r) => r.key);
    expect(keys(convertManifests([{ path: 'spot.yaml', text }]))).toEqual([
      'karpenter.sh/capacity-type',
      'kubernetes.io/os',
      'kubernetes.io/arch',
      'karpenter.k8s.aws/instance-category',
      'karpenter.k8s.aws/instance-generation',
    ]);
    expect(keys(convertManifests([{ path: 'spot.yaml', text }], { ignoreDefaults: true }))).toEqual([
      'karpenter.sh/capacity-type',
    ]);
    const general = convertManifests([
      { path: 'g.yaml', text: readShared(EXAMPLES, 'general-purpose.yaml') },
    ]);
    // Families given: the webhook added no category/generation default, only os, arch and on-demand.
    expect(find(general, 'NodePool', 'default')!.spec.template.spec.requirements.slice(2)).toEqual([
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
    ]);
  });

  it("fixes the seed's two bugs, saying so, and turns its inline provider into an EC2NodeClass", () => {
    const result = convertManifests([
      { path: 'seed.yaml', text: readShared('fixtures/seed/provisioner.v1alpha5.yaml') },
    ]);
    expectValidV1(result);
    const pool = find(result, 'NodePool', 'gpu')!;
    expect(pool.spec.template.spec.requirements[0]).toEqual({
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: ['spot', 'on-demand'],
    });
    expect(pool.spec.limits).toEqual({ 'nvidia.com/gpu': 100 });
    expect(pool.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '30s' });
    expect(find(result, 'EC2NodeClass', 'gpu')!.spec).toMatchObject({
      role: 'KarpenterNodeRole-karpenter-cluster',
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'karpenter-cluster' } }],
      securityGroupSelectorTerms: [{ tags: { 'kubernetes.io/cluster/karpenter-cluster': 'owned' } }],
    });
    expect(messages(result, 'warning')).toEqual([
      'Provisioner/gpu spec.provider.role: v1 needs the nodes\' IAM role: set to "KarpenterNodeRole-karpenter-cluster" (the getting-started name); check it, or pass --role',
      'Provisioner/gpu spec.requirements[0].values: capacity type "On-demand" is not a value Karpenter accepts: written as "on-demand"',
      'Provisioner/gpu spec.limits.resources.gpu: "gpu" is not a resource Karpenter counts: written as nvidia.com/gpu (use amd.com/gpu for AMD GPUs)',
    ]);
  });
});

describeShared('convert: what does not map one to one', () => {
  it('v1alpha5: kubelet moves to the node class (copied when two pools differ), unconvertible fields warn', () => {
    const result = convertManifests([fixture('v1alpha5-kubelet-shared-template.yaml')], {
      role: 'ignored-with-profile',
    });
    expectValidV1(result);
    expect(find(result, 'EC2NodeClass', 'shared')!.spec.kubelet).toEqual({ maxPods: 58 });
    expect(find(result, 'EC2NodeClass', 'shared-large')!.spec.kubelet).toEqual({
      maxPods: 234,
      kubeReserved: { cpu: '200m' },
    });
    expect(find(result, 'NodePool', 'large')!.spec.template.spec.nodeClassRef).toMatchObject({
      name: 'shared-large',
    });
    const shared = find(result, 'EC2NodeClass', 'shared')!.spec;
    expect(shared.subnetSelectorTerms).toEqual([
      { id: 'subnet-0123456789abcdef0' },
      { id: 'subnet-0fedcba9876543210' },
    ]);
    expect(shared.securityGroupSelectorTerms).toEqual([
      { tags: { 'karpenter.sh/discovery': 'demo', 'kubernetes.io/role/internal-elb': '*' } },
    ]);
    expect(shared.amiSelectorTerms).toEqual([{ name: 'amazon-eks-node-1.27-*', owner: 'amazon' }]);
    expect(shared.amiFamily).toBe('AL2');
    expect(shared.instanceProfile).toBe('KarpenterNodeInstanceProfile-demo');
    expect(shared.tags).toEqual({ 'cost-center': '42' });

    const small = find(result, 'NodePool', 'small')!;
    expect(small.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '0s',
    });
    expect(small.spec.template.spec.expireAfter).toBe('720h');
    expect(small.spec.template).toMatchObject({
      metadata: { labels: { tier: 'web' }, annotations: { 'karpenter.sh/do-not-disrupt': 'true' } },
    });
    expect(small.spec.template.spec.requirements.map((r) => r.key)).toEqual([
      'kubernetes.io/arch',
      'karpenter.k8s.aws/instance-family',
      'kubernetes.io/os',
      'karpenter.sh/capacity-type',
    ]);
    expect(find(result, 'NodePool', 'large')!.spec.limits).toEqual({ cpu: '2k', memory: '4000Gi' });

    const warnings = messages(result, 'warning').join('\n');
    for (const expected of [
      /small spec.requirements\[0\]: a requirement on karpenter.sh\/provisioner-name cannot be expressed in v1/,
      /karpenter.k8s.aws\/instance-pods is restricted in v1/,
      /spec.labels.karpenter.sh\/provisioner-name: karpenter.sh\/provisioner-name is set by Karpenter/,
      /karpenter.sh\/do-not-consolidate was removed in v1: written as karpenter.sh\/do-not-disrupt/,
      /containerRuntime is gone in v1/,
      /tag karpenter.sh\/nodepool is reserved in v1/,
      /shared already carries small's different kubelet settings: this pool gets its own copy, shared-large/,
    ]) {
      expect(warnings).toMatch(expected);
    }
    expect(messages(result, 'info').join('\n')).toMatch(
      /beta.kubernetes.io\/arch renamed to kubernetes.io\/arch/,
    );
  });

  it('v1beta1 → v1: policy renamed, expireAfter and kubelet moved, nodeClassRef gets group/kind', () => {
    const result = convertManifests([fixture('v1beta1-nodepool-kubelet.yaml')]);
    expectValidV1(result);
    const pool = find(result, 'NodePool', 'default')!;
    expect(pool.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '0s',
      budgets: [{ nodes: '20%' }],
    });
    expect(pool.spec.template.spec.expireAfter).toBe('168h');
    expect(pool.spec.template.spec.nodeClassRef).toEqual({
      group: 'karpenter.k8s.aws',
      kind: 'EC2NodeClass',
      name: 'default',
    });
    expect(pool.spec.template.spec).not.toHaveProperty('kubelet');
    expect(pool.spec.template.spec.requirements[1]).toMatchObject({ minValues: 2 });
    const nodeClass = find(result, 'EC2NodeClass', 'default')!;
    expect(nodeClass.spec.kubelet).toEqual({
      maxPods: 110,
      systemReserved: { cpu: '100m', memory: '100Mi' },
    });
    expect(nodeClass.spec.amiSelectorTerms).toEqual([{ alias: 'al2@latest' }]);
    expect(nodeClass.spec.tags).toEqual({ team: 'ml' });
    expect(messages(result, 'warning')).toEqual([
      'EC2NodeClass/default tags.kubernetes.io/cluster/demo: tag kubernetes.io/cluster/demo is reserved in v1 (Karpenter sets it): dropped',
    ]);
  });

  it('v1 documents pass through; other kinds are left out with a warning', () => {
    const text = `${readShared('reference/karpenter-crds/examples-v1-v1.14.1', 'spot.yaml')}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n`;
    const result = convertManifests([{ path: 'mixed.yaml', text }]);
    expect(result.files[0]!.documents.map((d) => d.kind)).toEqual(['NodePool', 'EC2NodeClass']);
    expect(messages(result, 'warning')).toEqual([
      'ConfigMap/x : v1 ConfigMap is not a Karpenter resource spotctl converts: left out',
    ]);
  });
});

describe('convert: bad input', () => {
  it.each([
    [
      'a file with no Karpenter resource',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      'NOTHING_TO_CONVERT',
    ],
    ['broken YAML', 'apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nspec: [\n', 'INVALID_YAML'],
    ['a scalar document', 'just text\n', 'NOT_A_MANIFEST'],
  ])('%s is an input error naming the file', (_, text, code) => {
    try {
      convertManifests([{ path: 'in.yaml', text }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpotctlError);
      expect((error as SpotctlError).code).toBe(code);
      expect((error as SpotctlError).message).toContain('in.yaml');
      expect((error as SpotctlError).exitCode).toBe(3);
    }
  });
});
