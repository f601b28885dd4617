import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { InstanceTypeSpec } from '../../../src/core/catalog/types.js';
import {
  allowedCapacityTypes,
  karpenterLabels,
  labelsSatisfy,
  resolveInstanceTypes,
} from '../../../src/core/manifests/resolve-types.js';
import { describeShared, readSharedJson, repoRoot } from '../../helpers/shared.js';

const bundled = JSON.parse(readFileSync(`${repoRoot}/src/data/bundled-snapshot.json`, 'utf8')) as {
  instanceTypes: Record<string, InstanceTypeSpec>;
};
const catalog = Object.values(bundled.instanceTypes);

const COMPARED_KEYS = [
  'node.kubernetes.io/instance-type',
  'kubernetes.io/arch',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-memory',
  'karpenter.k8s.aws/instance-gpu-count',
  'karpenter.k8s.aws/instance-gpu-name',
  'karpenter.k8s.aws/instance-gpu-manufacturer',
  'karpenter.k8s.aws/instance-gpu-memory',
  'karpenter.k8s.aws/instance-accelerator-count',
];

describeShared('karpenterLabels against the labels Karpenter v1.14 puts on nodes', () => {
  const reference = readSharedJson<Record<string, { labels: Record<string, string> }>>(
    'reference/instance-data/karpenter-instance-type-labels-resources.json',
  );
  // The catalog has no GPU data for fractional-GPU g6f/gr6f (EC2 reports 0 GPUs) and no accelerator
  // data for dl2q (Qualcomm); Karpenter labels those from its own tables.
  const CATALOG_GAPS = new Set([
    'g6f.large',
    'g6f.xlarge',
    'g6f.2xlarge',
    'g6f.4xlarge',
    'gr6f.4xlarge',
    'dl2q.24xlarge',
  ]);

  it('matches every selecting label for every type both know', () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const spec of catalog) {
      const expected = reference[spec.instanceType]?.labels;
      if (!expected || CATALOG_GAPS.has(spec.instanceType)) continue;
      compared += 1;
      const actual = karpenterLabels(spec);
      for (const key of COMPARED_KEYS) {
        if ((actual[key] ?? null) !== (expected[key] ?? null))
          mismatches.push(`${spec.instanceType} ${key}: ${actual[key]} ≠ ${expected[key]}`);
      }
    }
    expect(compared).toBeGreaterThan(1300);
    expect(mismatches).toEqual([]);
  });

  it('writes GPU names the way Karpenter does (EC2 says T4, the label says t4)', () => {
    const g4dn = catalog.find((t) => t.instanceType === 'g4dn.xlarge')!;
    expect(g4dn.gpu?.name).toBe('T4');
    expect(karpenterLabels(g4dn)['karpenter.k8s.aws/instance-gpu-name']).toBe(
      reference['g4dn.xlarge']!.labels['karpenter.k8s.aws/instance-gpu-name'],
    );
  });

  it('resolves requirements to the same types as filtering Karpenter’s own labels', () => {
    const requirements = [
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
      { key: 'karpenter.k8s.aws/instance-size', operator: 'NotIn', values: ['metal', 'medium'] },
    ];
    const fromKarpenter = Object.entries(reference)
      .filter(([, entry]) => requirements.every((r) => labelsSatisfy(entry.labels, r)))
      .map(([name]) => name)
      .filter((name) => bundled.instanceTypes[name])
      .sort();
    // Types newer than Karpenter v1.14's table (c9gd…) are compared only where both know them.
    const ours = resolveInstanceTypes(requirements, catalog)
      .types.map((t) => t.instanceType)
      .filter((name) => reference[name]);
    expect(ours).toEqual(fromKarpenter);
    expect(ours.length).toBeGreaterThan(50);
  });
});

const names = (requirements: Parameters<typeof resolveInstanceTypes>[0], capacityType?: 'spot') =>
  resolveInstanceTypes(requirements, catalog, { capacityType }).types.map((t) => t.instanceType);

describe('resolveInstanceTypes', () => {
  it.each([
    {
      name: 'explicit list',
      requirements: [
        { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g4dn.xlarge', 'g4dn.2xlarge'] },
      ],
      expected: ['g4dn.2xlarge', 'g4dn.xlarge'],
    },
    {
      name: 'deprecated beta instance-type label',
      requirements: [{ key: 'beta.kubernetes.io/instance-type', operator: 'In', values: ['m5.large'] }],
      expected: ['m5.large'],
    },
    {
      name: 'GPU name (lower case) and count',
      requirements: [
        { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['t4'] },
        { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'Gte', values: ['4'] },
        { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g4dn'] },
      ],
      expected: ['g4dn.12xlarge', 'g4dn.metal'],
    },
    {
      name: 'cpu/memory bounds with Gt and Lte',
      requirements: [
        { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m5'] },
        { key: 'karpenter.k8s.aws/instance-cpu', operator: 'Gt', values: ['4'] },
        { key: 'karpenter.k8s.aws/instance-memory', operator: 'Lte', values: ['65536'] },
      ],
      expected: ['m5.2xlarge', 'm5.4xlarge'],
    },
    {
      name: 'GPU types excluded with DoesNotExist',
      requirements: [
        { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['g4dn', 'm5'] },
        { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'DoesNotExist', values: [] },
        { key: 'karpenter.k8s.aws/instance-size', operator: 'In', values: ['xlarge'] },
      ],
      expected: ['m5.xlarge'],
    },
  ])('$name', ({ requirements, expected }) => {
    expect(names(requirements)).toEqual(expected);
  });

  it('keeps zone and custom-label requirements out of the filter and reports them', () => {
    const resolved = resolveInstanceTypes(
      [
        { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.large', 'm5.lage'] },
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'] },
        { key: 'example.com/team', operator: 'Exists', values: [] },
      ],
      catalog,
    );
    expect(resolved.types.map((t) => t.instanceType)).toEqual(['m5.large']);
    expect(resolved.ignoredKeys).toEqual(['topology.kubernetes.io/zone', 'example.com/team']);
    expect(resolved.unknownTypes).toEqual(['m5.lage']);
  });

  it('drops types that cannot run as Spot when asked for Spot', () => {
    const all = catalog.filter((t) => !t.supportsSpot).slice(0, 1);
    expect(all.length).toBe(1);
    const requirement = [
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: [all[0]!.instanceType] },
    ];
    expect(names(requirement)).toEqual([all[0]!.instanceType]);
    expect(names(requirement, 'spot')).toEqual([]);
  });
});

describe('allowedCapacityTypes', () => {
  it.each([
    { requirements: [], expected: ['on-demand'] },
    {
      requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'On-demand'] }],
      expected: ['spot'],
    },
    {
      requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] }],
      expected: ['spot', 'on-demand'],
    },
    {
      requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'NotIn', values: ['spot'] }],
      expected: ['on-demand', 'reserved'],
    },
    {
      requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'Exists', values: [] }],
      expected: ['spot', 'on-demand', 'reserved'],
    },
  ])('$requirements.0.operator $requirements.0.values → $expected', ({ requirements, expected }) => {
    expect(allowedCapacityTypes(requirements)).toEqual(expected);
  });
});
