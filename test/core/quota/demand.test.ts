import { describe, expect, it } from 'vitest';

import { poolDemand, type PoolDemandInput } from '../../../src/core/quota/demand.js';
import { family, types } from './catalog.js';

const gpuPool: PoolDemandInput = {
  name: 'gpu',
  file: 'gpu.yaml',
  capacityTypes: ['spot'],
  types: types('g4dn.xlarge', 'g4dn.2xlarge'),
  limits: [{ resource: 'nvidia.com/gpu', raw: '100' }],
};

const byQuota = (input: PoolDemandInput, options?: Parameters<typeof poolDemand>[1]) =>
  Object.fromEntries(poolDemand(input, options).demands.map((d) => [`${d.quotaCode}/${d.market}`, d.vcpus]));

describe('poolDemand on real catalog data', () => {
  it.each([
    {
      name: 'GPU limit: every node the most vCPUs per GPU',
      limits: [{ resource: 'nvidia.com/gpu', raw: '100' }],
      vcpus: 800,
      basis: 'nvidia.com/gpu limit 100: 100 × g4dn.2xlarge',
    },
    {
      name: 'cpu limit',
      limits: [{ resource: 'cpu', raw: '64' }],
      vcpus: 64,
      basis: 'cpu limit 64: 8 × g4dn.2xlarge',
    },
    {
      name: 'cpu limit in millicores: whole nodes under 64.5',
      limits: [{ resource: 'cpu', raw: '64500m' }],
      vcpus: 64,
      basis: 'cpu limit 64500m: 8 × g4dn.2xlarge',
    },
    {
      // 32768 MiB less 7.5 % is 30310 MiB a node: 65536 / 30310 = 2.16 → 2 nodes.
      name: 'memory limit, with the VM overhead',
      limits: [{ resource: 'memory', raw: '64Gi' }],
      vcpus: 16,
      basis: 'memory limit 64Gi: 2 × g4dn.2xlarge (Karpenter counts memory less 7.5 % VM overhead)',
    },
    {
      name: 'nodes limit × the largest type',
      limits: [{ resource: 'nodes', raw: '3' }],
      vcpus: 24,
      basis: 'nodes limit 3: 3 × g4dn.2xlarge',
    },
    {
      name: 'several limits: the joint bound',
      limits: [
        { resource: 'nvidia.com/gpu', raw: '100' },
        { resource: 'cpu', raw: '42' },
      ],
      vcpus: 40,
      basis: 'cpu limit 42: 5 × g4dn.2xlarge',
    },
  ])('$name', ({ limits, vcpus, basis }) => {
    const demand = poolDemand({ ...gpuPool, limits });
    expect(demand.demands).toHaveLength(1);
    expect(demand.demands[0]).toMatchObject({
      quotaCode: 'L-3819A6DF',
      market: 'spot',
      vcpus,
      basis,
      exact: true,
    });
  });

  it('the 44-vs-24 case: one memory limit over P and P5 On-Demand (one quota) is packed jointly, not summed', () => {
    // Given an On-Demand pool of p3.2xlarge (P) and p5.48xlarge (P5) under memory: 200Gi — both count
    // against L-417A185B
    const pool: PoolDemandInput = {
      name: 'train',
      capacityTypes: ['on-demand'],
      types: types('p3.2xlarge', 'p5.48xlarge'),
      limits: [{ resource: 'memory', raw: '200Gi' }],
    };
    // (Summing each family's best vCPUs per GiB, as before: 26 for P plus 18 for P5.)
    const perFamily = (name: string) => {
      const t = types(name)[0]!;
      return Math.floor((200 * 1024 * t.vcpus) / t.memoryMiB);
    };
    expect(perFamily('p3.2xlarge') + perFamily('p5.48xlarge')).toBe(26 + 18);

    // When its demand is worked out
    const demand = poolDemand(pool);

    // Then one demand spans both buckets: three whole p3.2xlarge, and p5.48xlarge can never launch
    expect(demand.demands).toHaveLength(1);
    expect(demand.demands[0]).toMatchObject({
      quotaCode: 'L-417A185B',
      market: 'on-demand',
      buckets: ['p', 'p5'],
      vcpus: 24,
      nodes: [{ instanceType: 'p3.2xlarge', count: 3 }],
      excluded: [{ instanceType: 'p5.48xlarge', resource: 'memory' }],
    });
    expect(demand.notes).toContain(
      'train: p5.48xlarge can never launch: one node counts 1894.4 GiB against the memory limit of 200 GiB',
    );
  });

  it('p5.48xlarge (192 vCPUs) under a 100-vCPU limit: never launchable, not counted', () => {
    const pool: PoolDemandInput = {
      name: 'big',
      capacityTypes: ['spot', 'on-demand'],
      types: types('p5.48xlarge', 'p4d.24xlarge'),
      limits: [{ resource: 'cpu', raw: '100' }],
    };
    expect(byQuota(pool)).toEqual({
      'L-C4BD4855/spot': 0,
      'L-7212CCBC/spot': 96,
      'L-417A185B/on-demand': 96,
    });
    const p5 = poolDemand(pool).demands.find((d) => d.quotaCode === 'L-C4BD4855')!;
    expect(p5.basis).toBe('no allowed instance type fits within the limits');
    expect(p5.launchable).toEqual([]);
  });

  it.each([
    { overhead: 0.075, vcpus: 16, nodes: 4 },
    { overhead: 0, vcpus: 12, nodes: 3 },
  ])('memory 60Gi of m5.xlarge with overhead $overhead: $nodes nodes', ({ overhead, vcpus, nodes }) => {
    // 61440 MiB: 4 nodes of 15155 MiB counted (7.5 % off), 3 of the full 16384.
    const demand = poolDemand(
      {
        name: 'm5',
        capacityTypes: ['on-demand'],
        types: types('m5.xlarge'),
        limits: [{ resource: 'memory', raw: '60Gi' }],
      },
      { vmMemoryOverheadPercent: overhead },
    );
    expect(demand.demands[0]).toMatchObject({ vcpus, nodes: [{ instanceType: 'm5.xlarge', count: nodes }] });
  });

  it('the seed’s `gpu` limit bounds nothing; as intended (nvidia.com/gpu: 100) it is 800 vCPUs', () => {
    const seed = { ...gpuPool, limits: [{ resource: 'gpu', raw: '100' }] };
    const demand = poolDemand(seed);
    expect(demand.unbounded).toBe(true);
    expect(demand.demands[0]).toMatchObject({
      vcpus: null,
      basis: 'no limit bounds this pool',
      asIntended: { vcpus: 800, basis: 'nvidia.com/gpu limit 100: 100 × g4dn.2xlarge' },
    });
    expect(demand.limits).toEqual([
      { resource: 'gpu', raw: '100', kind: 'ignored', meant: 'nvidia.com/gpu' },
    ]);
    expect(demand.notes.join('\n')).toMatch(
      /limit "gpu" is not a resource Karpenter counts.*nvidia\.com\/gpu/,
    );
    expect(poolDemand({ ...seed, maxNodes: 10 }).demands[0]).toMatchObject({
      vcpus: 80,
      basis: '--max-nodes 10: 10 × g4dn.2xlarge',
    });
  });

  it.each([
    { generation: 'v1' as const, vcpus: 24 },
    { generation: 'v1beta1' as const, vcpus: null },
    { generation: 'v1alpha5' as const, vcpus: null },
  ])('a nodes limit bounds a $generation pool: $vcpus', ({ generation, vcpus }) => {
    const demand = poolDemand({ ...gpuPool, generation, limits: [{ resource: 'nodes', raw: '3' }] });
    expect(demand.demands[0]!.vcpus).toBe(vcpus);
    if (vcpus === null) expect(demand.demands[0]!.asIntended?.vcpus).toBe(24);
  });

  it('replicas of a static pool bound it like nodes', () => {
    expect(poolDemand({ ...gpuPool, limits: [], replicas: 3 }).demands[0]).toMatchObject({
      vcpus: 24,
      basis: 'replicas 3: 3 × g4dn.2xlarge',
    });
  });

  it('a GPU limit does not bound the CPU-only types of a mixed pool', () => {
    const demand = poolDemand({
      ...gpuPool,
      capacityTypes: ['spot', 'on-demand'],
      types: types('g4dn.xlarge', 'm5.large'),
    });
    expect(
      byQuota({ ...gpuPool, capacityTypes: ['spot', 'on-demand'], types: types('g4dn.xlarge', 'm5.large') }),
    ).toEqual({
      'L-3819A6DF/spot': 400,
      'L-34B43A08/spot': null,
      'L-DB2E81BA/on-demand': 400,
      'L-1216C47A/on-demand': null,
    });
    expect(demand.demands.find((d) => d.vcpus === null)!.basis).toBe(
      'no limit counts m5.large: nvidia.com/gpu does not apply to it',
    );
  });

  it('one pool across Spot and On-Demand: each quota gets the worst case, the pool says what it can launch in all', () => {
    const demand = poolDemand({
      ...gpuPool,
      capacityTypes: ['spot', 'on-demand'],
      limits: [{ resource: 'cpu', raw: '100' }],
    });
    expect(demand.demands.map((d) => d.vcpus)).toEqual([100, 100]);
    expect(demand.shared).toEqual({
      vcpus: 100,
      quotaCodes: ['L-3819A6DF', 'L-DB2E81BA'],
      basis: 'cpu limit 100: 12 × g4dn.2xlarge + 1 × g4dn.xlarge',
    });
  });

  it('maps families to quotas by longest prefix (inf before i, dl before d, trn before t, vt → G)', () => {
    const demand = poolDemand({
      name: 'mixed',
      capacityTypes: ['on-demand'],
      types: [...family('inf2'), ...family('trn1'), ...family('vt1'), ...family('i4i'), ...family('p5')],
      limits: [{ resource: 'nodes', raw: '1' }],
    });
    expect(demand.demands.map((d) => d.buckets.join('+')).sort()).toEqual([
      'g-vt',
      'inf',
      'p5',
      'standard',
      'trn',
    ]);
  });
});
