import { describe, expect, it } from 'vitest';

import { ExitCode, isSpotctlError } from '../../../src/core/errors.js';
import { loadManifestTexts } from '../../../src/core/manifests/sources.js';
import { poolDemandInputs } from '../../../src/core/quota-check/inputs.js';
import { DEFAULT_VM_MEMORY_OVERHEAD } from '../../../src/core/quota/capacity.js';
import { poolDemand } from '../../../src/core/quota/demand.js';
import { readLimits } from '../../../src/core/quota/limits.js';
import { describeShared, readShared } from '../../helpers/shared.js';
import { catalog } from './catalog.js';

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isSpotctlError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const nodePool = (limit: string) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: gpu
spec:
  template:
    spec:
      requirements:
        - key: node.kubernetes.io/instance-type
          operator: In
          values: ["g4dn.xlarge"]
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
  limits:
    cpu: "100"
    ${limit}
`;

describe('limits must be positive, finite Kubernetes quantities', () => {
  it.each([
    { limit: 'memory: -64Gi', problem: 'limits memory: "-64Gi" is negative' },
    {
      limit: 'nvidia.com/gpu: 0',
      problem: 'limits nvidia.com/gpu: "0" is zero, so Karpenter could launch no node from this pool',
    },
    {
      limit: 'cpu2: .nan',
      problem: 'limits cpu2: ".nan" is not a Kubernetes quantity (write it like 100, 500m or 64Gi)',
    },
    {
      limit: 'memory: NaN',
      problem: 'limits memory: "NaN" is not a Kubernetes quantity (write it like 100, 500m or 64Gi)',
    },
    {
      limit: 'memory: .inf',
      problem: 'limits memory: ".inf" is not a Kubernetes quantity (write it like 100, 500m or 64Gi)',
    },
    { limit: 'memory: 1e400', problem: 'limits memory: "1e400" is not a finite quantity' },
    {
      limit: 'memory: lots',
      problem: 'limits memory: "lots" is not a Kubernetes quantity (write it like 100, 500m or 64Gi)',
    },
    { limit: 'gpu: -1', problem: 'limits gpu: "-1" is negative' },
  ])('$limit is an input error naming the pool, file:line:col and the limit', ({ limit, problem }) => {
    // Given a NodePool whose second limit is bad, on line 15
    const set = loadManifestTexts([{ path: 'pools/gpu.yaml', text: nodePool(limit) }]);
    const inputs = poolDemandInputs(set, catalog).inputs;

    // When its demand is worked out
    const error = thrown(() => poolDemand(inputs[0]!));

    // Then it stops there, pointing at the value
    expect(error.code).toBe('INVALID_LIMIT');
    expect(error.exitCode).toBe(ExitCode.input);
    const column = `    ${limit}`.indexOf(':') + 3;
    expect(error.message).toBe(`pools/gpu.yaml:15:${column} NodePool gpu: ${problem}`);
    expect(error.suggestions[0]).toMatch(/positive quantity/);
  });

  it('accepts every quantity form Kubernetes does', () => {
    const limits = readLimits({ name: 'ok' }, [
      { resource: 'cpu', raw: '1000m' },
      { resource: 'memory', raw: '1.5Ti' },
      { resource: 'nvidia.com/gpu', raw: '+8' },
      { resource: 'aws.amazon.com/neuron', raw: '2e1' },
    ]);
    expect(limits.bounding.map((l) => [l.resource, l.value])).toEqual([
      ['cpu', 1],
      ['memory', 1.5 * 1024 * 1024],
      ['nvidia.com/gpu', 8],
      ['aws.amazon.com/neuron', 20],
    ]);
  });
});

describe('which limits Karpenter counts', () => {
  it.each([
    { resource: 'cpu', kind: 'bounding' },
    { resource: 'nvidia.com/gpu', kind: 'bounding' },
    { resource: 'pods', kind: 'unmodelled' },
    { resource: 'ephemeral-storage', kind: 'unmodelled' },
    { resource: 'hugepages-2Mi', kind: 'unmodelled' },
    { resource: 'gpu', kind: 'ignored', meant: 'nvidia.com/gpu' },
    { resource: 'GPU', kind: 'ignored', meant: 'nvidia.com/gpu' },
    { resource: 'Memory', kind: 'ignored', meant: 'memory' },
    { resource: 'example.com/widgets', kind: 'ignored' },
  ])('$resource: $kind', ({ resource, kind, meant }) => {
    const limits = readLimits({ name: 'p' }, [{ resource, raw: '10' }]);
    expect(limits.views).toEqual([{ resource, raw: '10', kind, ...(meant ? { meant } : {}) }]);
    expect(limits.bounding.length).toBe(kind === 'bounding' ? 1 : 0);
    expect(limits.intended?.map((l) => l.resource)).toEqual(meant ? [meant] : undefined);
  });

  it('an ignored key is not read as meant when the real resource is also limited', () => {
    const limits = readLimits({ name: 'p' }, [
      { resource: 'gpu', raw: '100' },
      { resource: 'nvidia.com/gpu', raw: '4' },
    ]);
    expect(limits.intended).toBeUndefined();
  });
});

describeShared('the VM memory overhead default', () => {
  it.each(['reference/karpenter-chart/values.yaml', 'reference/karpenter-chart/v0.31.5/values.yaml'])(
    'is the vmMemoryOverheadPercent of %s',
    (file) => {
      const value = /vmMemoryOverheadPercent:\s*([\d.]+)/.exec(readShared(file))?.[1];
      expect(Number(value)).toBe(DEFAULT_VM_MEMORY_OVERHEAD);
    },
  );
});
