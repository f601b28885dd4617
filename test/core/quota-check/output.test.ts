import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { InstanceTypeSpec } from '../../../src/core/catalog/types.js';
import { ExitCode } from '../../../src/core/errors.js';
import { checkQuotas } from '../../../src/core/quota/check.js';
import type { PoolDemandInput } from '../../../src/core/quota/demand.js';
import { quotaCheckOutput, quotaExitCode } from '../../../src/core/quota-check/output.js';
import type { QuotaRecord } from '../../../src/core/quota/ports.js';
import { repoRoot } from '../../helpers/shared.js';
import { fakeQuotas } from '../quota/fakes.js';

const bundled = JSON.parse(readFileSync(`${repoRoot}/src/data/bundled-snapshot.json`, 'utf8')) as {
  instanceTypes: Record<string, InstanceTypeSpec>;
};
const G_SPOT = (value: number): QuotaRecord => ({
  code: 'L-3819A6DF',
  name: 'All G and VT Spot Instance Requests',
  value,
});
const now = () => new Date('2026-07-01T00:00:00Z');

/** 100 GPUs of g4dn on Spot: 800 vCPUs of the G and VT Spot quota. */
const gpuPool: PoolDemandInput = {
  name: 'gpu',
  file: 'gpu.yaml',
  span: { line: 20, column: 5, start: 0, end: 0 },
  capacityTypes: ['spot'],
  types: [bundled.instanceTypes['g4dn.xlarge']!, bundled.instanceTypes['g4dn.2xlarge']!],
  limits: [{ resource: 'nvidia.com/gpu', raw: '100' }],
};
const typesPool: PoolDemandInput = {
  name: '--types',
  capacityTypes: ['spot'],
  types: [bundled.instanceTypes['g4dn.xlarge']!],
  limits: [],
  maxNodes: 10,
};

describe('quotaExitCode', () => {
  it.each([
    { name: 'enough quota', quotas: { listed: [G_SPOT(1000)] }, strict: false, code: ExitCode.ok },
    { name: 'enough quota, strict', quotas: { listed: [G_SPOT(1000)] }, strict: true, code: ExitCode.ok },
    { name: 'a shortfall', quotas: { listed: [G_SPOT(8)] }, strict: false, code: ExitCode.findings },
    { name: 'a shortfall, strict', quotas: { listed: [G_SPOT(8)] }, strict: true, code: ExitCode.findings },
    { name: 'quota denied', quotas: { denyList: true, denyGet: true }, strict: false, code: ExitCode.ok },
    {
      name: 'quota denied, strict',
      quotas: { denyList: true, denyGet: true },
      strict: true,
      code: ExitCode.auth,
    },
    { name: 'quota not found', quotas: {}, strict: false, code: ExitCode.ok },
    { name: 'quota not found, strict', quotas: {}, strict: true, code: ExitCode.findings },
  ])('$name → exit $code', async ({ quotas, strict, code }) => {
    const result = await checkQuotas([gpuPool], fakeQuotas(quotas), { strict, now });
    expect(quotaExitCode(result, strict)).toBe(code);
  });

  it.each([
    { name: 'an unbounded pool', strict: false, code: ExitCode.ok },
    { name: 'an unbounded pool, strict', strict: true, code: ExitCode.findings },
  ])('$name against a finite quota → exit $code', async ({ strict, code }) => {
    const unbounded = { ...gpuPool, limits: [{ resource: 'gpu', raw: '100' }] };
    const result = await checkQuotas([unbounded], fakeQuotas({ listed: [G_SPOT(1000)] }), { strict, now });
    expect(quotaExitCode(result, strict)).toBe(code);
  });

  it.each([
    { strict: false, code: ExitCode.ok },
    { strict: true, code: ExitCode.findings },
  ])('no Service Quotas access (--offline), strict $strict → exit $code', async ({ strict, code }) => {
    const result = await checkQuotas([gpuPool], undefined, { strict, now });
    expect(quotaExitCode(result, strict)).toBe(code);
  });
});

describe('quotaCheckOutput', () => {
  it('gives demand per pool in raw numbers, a location only for pools in files, and each note once', async () => {
    // Given a pool from a file and a --types question against a G Spot quota of 8
    const result = await checkQuotas([gpuPool, typesPool], fakeQuotas({ listed: [G_SPOT(8)] }), { now });

    // When it becomes the JSON object, with a note repeated
    const output = quotaCheckOutput(result, 'ap-southeast-1', ['a', ...result.notes, 'a'], {
      kind: 'bundled',
      description: 'bundled data',
      extra: 'not part of the contract',
    } as { kind: string; description: string });

    // Then
    expect(output.ok).toBe(false);
    expect(output.region).toBe('ap-southeast-1');
    expect(output.checks).toBe(result.checks);
    expect(output.pools[0]).toMatchObject({ name: 'gpu', file: 'gpu.yaml', line: 20 });
    expect(output.pools[0]!.demand[0]).toMatchObject({ bucket: 'g-vt', capacityType: 'spot', vcpus: 800 });
    expect(output.pools[1]).not.toHaveProperty('file');
    expect(output.pools[1]).not.toHaveProperty('line');
    expect(output.pools[1]!.unbounded).toBe(result.pools[1]!.unbounded);
    expect(output.pools[1]!.demand[0]!.instanceTypes).toBe(1);
    expect(output.notes).toEqual([...new Set(['a', ...result.notes])]);
    expect(output.source).toEqual({ kind: 'bundled', description: 'bundled data' });
    expect(output.assumptions).toEqual({ vmMemoryOverheadPercent: 0.075 });
  });

  it('says per pool how each limit counts, the node mix, the quota code, and the pool as intended', async () => {
    // Given the seed's limit key beside a real cpu limit
    const seed = {
      ...gpuPool,
      limits: [
        { resource: 'gpu', raw: '100' },
        { resource: 'cpu', raw: '20' },
      ],
    };
    const result = await checkQuotas([seed], fakeQuotas({ listed: [G_SPOT(8)] }), { now });

    // When it becomes the JSON object
    const output = quotaCheckOutput(result, 'ap-southeast-1', [], { kind: 'bundled', description: 'x' }, 0.1);

    // Then
    expect(output.pools[0]).toMatchObject({
      limits: [
        { resource: 'gpu', raw: '100', kind: 'ignored', meant: 'nvidia.com/gpu' },
        { resource: 'cpu', raw: '20', kind: 'bounding' },
      ],
      demand: [
        {
          bucket: 'g-vt',
          buckets: ['g-vt'],
          quotaCode: 'L-3819A6DF',
          vcpus: 20,
          exact: true,
          nodes: [
            { instanceType: 'g4dn.2xlarge', count: 2 },
            { instanceType: 'g4dn.xlarge', count: 1 },
          ],
          excludedByLimits: [],
          asIntended: { vcpus: 20 },
        },
      ],
    });
    expect(output.checks[0]).toMatchObject({ quotaSource: 'service-quotas', asIntended: { required: 20 } });
    expect(output.assumptions.vmMemoryOverheadPercent).toBe(0.1);
  });
});
