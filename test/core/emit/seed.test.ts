/**
 * The seed blog's scenario, reproduced: `init --api v1alpha5` with g4dn.xlarge/g4dn.2xlarge, Spot with
 * On-Demand fallback, the GPU taint, a 100-GPU limit, discovery selectors and ttlSecondsAfterEmpty 30 —
 * and the output is what the blog meant, without its two bugs.
 */
import { expect, it } from 'vitest';
import { parse } from 'yaml';

import { buildInitConfig } from '../../../src/core/init/build-config.js';
import type { InitAnswers } from '../../../src/core/init/types.js';
import { emitInitFiles } from '../../../src/core/emit/init-files.js';
import { manifestProblems } from '../../helpers/crd-schema.js';
import { describeShared, readShared } from '../../helpers/shared.js';
import { factsFor, emitContext } from './fixtures.js';

type Obj = Record<string, unknown>;

/** The flags a user of the blog would pass (see the e2e test for the same through the CLI). */
export const SEED_ANSWERS: InitAnswers = {
  region: 'ap-southeast-1',
  clusterName: 'karpenter-cluster',
  types: ['g4dn.xlarge', 'g4dn.2xlarge'],
  api: 'v1alpha5',
  provider: 'inline',
  capacity: 'spot-and-on-demand',
  gpuLimit: '100',
  cpuLimit: 'none',
  memoryLimit: 'none',
  consolidation: 'when-empty',
  consolidateAfter: '30s',
  interruption: 'nth-imds',
  // The blog drained on rebalance recommendations; spotctl's default only cordons (no loop with 0.19+).
  nthRebalance: 'drain',
};

describeShared('the seed scenario', async () => {
  const { config, notes } = buildInitConfig(SEED_ANSWERS, await factsFor(SEED_ANSWERS.types!));
  const emitted = emitInitFiles(config, await emitContext());
  const file = (name: string) => emitted.files.find((f) => f.name === name)!;

  it('writes a Provisioner with an inline provider and NTH values, and nothing else', () => {
    expect(emitted.files.map((f) => f.name)).toEqual(['provisioner.yaml', 'nth-values.yaml']);
    expect(notes).toEqual([]);
  });

  it('the Provisioner is the blog’s with its two bugs fixed, and it validates', () => {
    const ours = parse(file('provisioner.yaml').content) as Obj & { spec: Obj };
    const blog = parse(readShared('fixtures/seed/provisioner.v1alpha5.yaml')) as Obj & { spec: Obj };
    expect(manifestProblems(ours)).toEqual([]);
    expect(manifestProblems(blog)).not.toEqual([]);

    const meant = structuredClone(blog) as typeof blog & {
      spec: {
        requirements: Array<{ values: string[] }>;
        limits: { resources: Obj };
        provider: Obj;
        taints: Obj[];
      };
    };
    meant.spec.requirements[0]!.values = ['spot', 'on-demand']; // bug 1: "On-demand"
    meant.spec.limits.resources = { 'nvidia.com/gpu': 100 }; // bug 2: "gpu"
    // Discovery selectors for both (the blog used the EKS cluster tag for security groups).
    meant.spec.provider = {
      subnetSelector: { 'karpenter.sh/discovery': 'karpenter-cluster' },
      securityGroupSelector: { 'karpenter.sh/discovery': 'karpenter-cluster' },
    };
    // Stated explicitly: without it a v1alpha5 webhook would default the architecture to amd64 anyway.
    (meant.spec.requirements as Obj[]).push({ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] });
    expect(ours).toEqual(meant);
  });

  it('the NTH values are the blog’s install flags, with the Karpenter warning', () => {
    const values = parse(file('nth-values.yaml').content) as Obj;
    const script = readShared('fixtures/seed/nth-helm-install.sh');
    for (const [, key, value] of script.matchAll(/--set (\w+)="(\w+)"/g)) {
      expect(values[key!], key).toBe(value === 'true');
    }
    expect(script).toContain('nodeSelector."karpenter\\\\.sh/capacity-type"=spot');
    expect(values.nodeSelector).toEqual({ 'karpenter.sh/capacity-type': 'spot' });
    expect(file('nth-values.yaml').content).toMatch(/drain loop on rebalance/);
  });

  it('matches the golden files', async () => {
    await expect(file('provisioner.yaml').content).toMatchFileSnapshot('./golden/seed/provisioner.yaml');
    await expect(file('nth-values.yaml').content).toMatchFileSnapshot('./golden/seed/nth-values.yaml');
  });
});
