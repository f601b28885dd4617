import { describe, expect, it } from 'vitest';

import type { InstanceTypeSpec } from '../../../src/core/catalog/types.js';
import { memoryCapacityMiB, nodeCapacity } from '../../../src/core/quota/capacity.js';
import type { BoundingLimit } from '../../../src/core/quota/limits.js';
import { packVcpus } from '../../../src/core/quota/packing.js';
import { types } from './catalog.js';

const OVERHEAD = { vmMemoryOverheadPercent: 0.075 };
const limit = (resource: string, value: number): BoundingLimit => ({ resource, raw: String(value), value });

/** Every node mix, one count at a time: slow, obviously right, for small cases only. */
function bruteForce(specs: InstanceTypeSpec[], limits: BoundingLimit[]): number {
  const caps = specs.map((t) => limits.map((l) => nodeCapacity(t, l.resource, OVERHEAD)));
  let best = 0;
  const walk = (i: number, left: number[], vcpus: number) => {
    if (i === specs.length) {
      best = Math.max(best, vcpus);
      return;
    }
    for (let k = 0; ; k++) {
      const rest = left.map((value, r) => value - k * caps[i]![r]!);
      if (rest.some((value) => value < -1e-9)) break;
      walk(i + 1, rest, vcpus + k * specs[i]!.vcpus);
      if (caps[i]!.every((cap) => cap === 0)) break;
    }
  };
  walk(
    0,
    limits.map((l) => l.value),
    0,
  );
  return best;
}

describe('node capacity as Karpenter counts it', () => {
  it.each([
    // 16384 − ceil(16384 × 0.075) = 16384 − 1229
    { name: 'm5.xlarge', overhead: 0.075, mib: 15155 },
    // Graviton: 64 MiB reserved first, then the overhead of the rest: 16320 − ceil(1224)
    { name: 'm6g.xlarge', overhead: 0.075, mib: 15096 },
    { name: 'p3.2xlarge', overhead: 0.075, mib: 62464 - 4685 },
    { name: 'm5.xlarge', overhead: 0, mib: 16384 },
    { name: 'm5.xlarge', overhead: 0.1, mib: 16384 - 1639 },
  ])('$name with overhead $overhead counts $mib MiB of memory', ({ name, overhead, mib }) => {
    expect(memoryCapacityMiB(types(name)[0]!, { vmMemoryOverheadPercent: overhead })).toBe(mib);
  });

  it.each([
    { name: 'g4dn.2xlarge', resource: 'nvidia.com/gpu', amount: 1 },
    { name: 'p4d.24xlarge', resource: 'nvidia.com/gpu', amount: 8 },
    { name: 'm5.xlarge', resource: 'nvidia.com/gpu', amount: 0 },
    { name: 'inf2.xlarge', resource: 'aws.amazon.com/neuron', amount: 1 },
    { name: 'p4d.24xlarge', resource: 'cpu', amount: 96 },
    { name: 'p4d.24xlarge', resource: 'nodes', amount: 1 },
  ])('one $name counts $amount of $resource', ({ name, resource, amount }) => {
    expect(nodeCapacity(types(name)[0]!, resource, OVERHEAD)).toBe(amount);
  });
});

describe('packVcpus', () => {
  it('a limit that allows 3.5 nodes allows 3: whole nodes, and none past the limit', () => {
    // Given p3.2xlarge (8 vCPUs, 56.4 GiB counted) and p5.48xlarge (192 vCPUs, 1894 GiB) under 200Gi
    const packing = packVcpus(types('p3.2xlarge', 'p5.48xlarge'), [limit('memory', 200 * 1024)], OVERHEAD);

    // Then only three p3.2xlarge fit, and p5.48xlarge can never launch
    expect(packing).toMatchObject({
      vcpus: 24,
      exact: true,
      nodes: [{ instanceType: 'p3.2xlarge', count: 3, vcpus: 8 }],
      excluded: [{ instanceType: 'p5.48xlarge', resource: 'memory', capacity: 2097152 - 157287 }],
    });
    expect(packing.launchable.map((t) => t.instanceType)).toEqual(['p3.2xlarge']);
  });

  it('p5.48xlarge (192 vCPUs) can never launch under a 100-vCPU limit; p4d.24xlarge once', () => {
    const packing = packVcpus(types('p4d.24xlarge', 'p5.48xlarge'), [limit('cpu', 100)], OVERHEAD);
    expect(packing.vcpus).toBe(96);
    expect(packing.excluded).toEqual([
      { instanceType: 'p5.48xlarge', resource: 'cpu', capacity: 192, limit: 100 },
    ]);
    expect(packVcpus(types('p5.48xlarge'), [limit('cpu', 100)], OVERHEAD)).toMatchObject({
      vcpus: 0,
      launchable: [],
    });
  });

  it('a type no limit counts makes the pool unbounded, and is named', () => {
    const packing = packVcpus(types('g4dn.xlarge', 'm5.large'), [limit('nvidia.com/gpu', 10)], OVERHEAD);
    expect(packing.vcpus).toBeNull();
    expect(packing.uncounted).toEqual(['m5.large']);
    expect(packVcpus(types('m5.large'), [], OVERHEAD).vcpus).toBeNull();
  });

  it('mixes types when that fits more vCPUs than any one type', () => {
    // 10 vCPUs: 2 × c5.xlarge (4) leaves 2 for a c5.large; 10 × c5.large would need 20 GiB.
    const packing = packVcpus(
      types('c5.large', 'c5.xlarge'),
      [limit('cpu', 10), limit('memory', 20 * 1024)],
      OVERHEAD,
    );
    expect(packing.vcpus).toBe(10);
    expect(packing.nodes.reduce((sum, n) => sum + n.count * n.vcpus, 0)).toBe(10);
  });

  it.each([
    { names: ['c5.large', 'm5.xlarge', 'r5.large'], limits: [['memory', 70 * 1024]] },
    {
      names: ['c5.large', 'm5.xlarge', 'r5.large'],
      limits: [
        ['memory', 47 * 1024],
        ['cpu', 13],
      ],
    },
    {
      names: ['g4dn.xlarge', 'g4dn.2xlarge', 'g5.2xlarge'],
      limits: [
        ['nvidia.com/gpu', 5],
        ['memory', 90 * 1024],
      ],
    },
    {
      names: ['p3.2xlarge', 'p3.8xlarge', 'p4d.24xlarge'],
      limits: [
        ['memory', 1300 * 1024],
        ['nvidia.com/gpu', 11],
      ],
    },
    {
      names: ['m6g.xlarge', 'm5.xlarge', 'c5.large'],
      limits: [
        ['memory', 45 * 1024],
        ['nodes', 7],
      ],
    },
    {
      names: ['inf2.xlarge', 'trn1.2xlarge', 'm5.xlarge'],
      limits: [
        ['cpu', 27],
        ['memory', 101 * 1024],
      ],
    },
  ])('equals the exhaustive answer: $names under $limits', ({ names, limits }) => {
    const bounds = limits.map(([resource, value]) => limit(resource as string, value as number));
    const packing = packVcpus(types(...names), bounds, OVERHEAD);
    expect(packing.exact).toBe(true);
    expect(packing.vcpus).toBe(bruteForce(types(...names), bounds));
    // The mix it reports is one that fits.
    for (const [r, bound] of bounds.entries()) {
      const used = packing.nodes.reduce(
        (sum, n) => sum + n.count * nodeCapacity(types(n.instanceType)[0]!, bounds[r]!.resource, OVERHEAD),
        0,
      );
      expect(used).toBeLessThanOrEqual(bound.value + 1e-9);
    }
  });

  it('when the search budget runs out, the answer is the linear upper bound, marked inexact', () => {
    const specs = types('c5.large', 'm5.xlarge', 'r5.large', 'm6g.xlarge');
    const exact = packVcpus(specs, [limit('memory', 997 * 1024)], OVERHEAD);
    const capped = packVcpus(specs, [limit('memory', 997 * 1024)], OVERHEAD, 1);
    expect(capped.exact).toBe(false);
    expect(capped.nodes).toEqual([]);
    // c5.large: 2 vCPUs per 3788 MiB counted is the best ratio.
    expect(capped.vcpus).toBe(Math.floor((997 * 1024 * 2) / (4096 - 308)));
    expect(capped.vcpus!).toBeGreaterThanOrEqual(exact.vcpus!);
  });
});
