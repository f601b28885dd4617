import { describe, expect, it } from 'vitest';

import { checkQuotas, fallbackUsageMetric } from '../../../src/core/quota/check.js';
import type { PoolDemandInput } from '../../../src/core/quota/demand.js';
import { quotaAnnotations, quotaJunit } from '../../../src/core/quota-check/ci-formats.js';
import type { QuotaRecord } from '../../../src/core/quota/ports.js';
import { toQuotaRecord } from '../../../src/adapters/aws/service-quotas.js';
import { describeShared, readSharedJson } from '../../helpers/shared.js';
import { types } from './catalog.js';
import { fakeQuotas, fakeUsage } from './fakes.js';

const quota = (code: string, name: string, value: number): QuotaRecord => ({ code, name, value });
const G_SPOT = (value: number) => quota('L-3819A6DF', 'All G and VT Spot Instance Requests', value);
const G_OD = (value: number) => quota('L-DB2E81BA', 'Running On-Demand G and VT instances', value);
const STD_SPOT = (value: number) =>
  quota('L-34B43A08', 'All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests', value);
const STD_OD = (value: number) =>
  quota('L-1216C47A', 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances', value);

const gpuPool: PoolDemandInput = {
  name: 'gpu',
  file: 'gpu.yaml',
  span: { line: 20, column: 5, start: 0, end: 0 },
  capacityTypes: ['spot'],
  types: types('g4dn.xlarge', 'g4dn.2xlarge'),
  limits: [{ resource: 'nvidia.com/gpu', raw: '100' }],
};
const now = () => new Date('2026-07-01T00:00:00Z');

describe('checkQuotas', () => {
  it('a G Spot quota of 8 vCPUs for 100 g4dn GPUs fails with the exact request to make', async () => {
    const result = await checkQuotas([gpuPool], fakeQuotas({ listed: [G_SPOT(8)] }), {
      region: 'ap-southeast-1',
      now,
    });
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        bucket: 'g-vt',
        bucketName: 'G and VT',
        capacityType: 'spot',
        quotaCode: 'L-3819A6DF',
        quotaName: 'All G and VT Spot Instance Requests',
        required: 800,
        quota: 8,
        quotaSource: 'service-quotas',
        headroom: -792,
        status: 'fail',
        reason: 'needs 800 vCPUs, quota 8: 792 short',
        fix: 'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-3819A6DF --desired-value 800 --region ap-southeast-1',
        alternative: 'or lower limits.nvidia.com/gpu of gpu to 1',
        pools: ['gpu'],
        admits: [
          { instanceType: 'g4dn.xlarge', vcpus: 4, nodes: 2 },
          { instanceType: 'g4dn.2xlarge', vcpus: 8, nodes: 1 },
        ],
        neverLaunchable: [],
      },
    ]);
    expect(result.notes).toContain(
      'Spot vCPU quotas count open (pending) Spot Instance requests as well as running Spot Instances.',
    );
  });

  it.each([
    { quota: 2000, status: 'pass' },
    { quota: 850, status: 'warn' },
    { quota: 800, status: 'warn' },
    { quota: 799, status: 'fail' },
  ])('quota $quota for 800 needed → $status', async ({ quota: value, status }) => {
    const result = await checkQuotas([gpuPool], fakeQuotas({ listed: [G_SPOT(value)] }), { now });
    expect(result.checks[0]!.status).toBe(status);
    expect(result.ok).toBe(status !== 'fail');
  });

  it('sums pools that share a quota, per capacity type', async () => {
    const second: PoolDemandInput = {
      ...gpuPool,
      name: 'gpu-2',
      capacityTypes: ['spot', 'on-demand'],
      limits: [{ resource: 'cpu', raw: '100' }],
    };
    const result = await checkQuotas([gpuPool, second], fakeQuotas({ listed: [G_SPOT(1000), G_OD(64)] }), {
      now,
    });
    expect(result.checks.map((c) => [c.capacityType, c.required, c.status, c.pools])).toEqual([
      ['on-demand', 100, 'fail', ['gpu-2']],
      ['spot', 900, 'pass', ['gpu', 'gpu-2']],
    ]);
  });

  it('On-Demand P and P5 share one quota code: one pool’s node limit is not counted twice', async () => {
    const result = await checkQuotas(
      [
        {
          name: 'train',
          capacityTypes: ['on-demand'],
          types: types('p4d.24xlarge', 'p5.48xlarge'),
          limits: [{ resource: 'nodes', raw: '1' }],
        },
      ],
      fakeQuotas({ listed: [quota('L-417A185B', 'Running On-Demand P instances', 1000)] }),
      { now },
    );
    // One node in all: the larger p5.48xlarge, not one of each (96 + 192).
    expect(result.checks.map((c) => [c.quotaCode, c.required])).toEqual([['L-417A185B', 192]]);
    expect(result.pools[0]!.demands[0]!.buckets).toEqual(['p', 'p5']);
  });

  it('falls back to GetServiceQuota with the known code when the list lacks the quota', async () => {
    const quotas = fakeQuotas({ listed: [STD_OD(100)], byCode: { 'L-3819A6DF': G_SPOT(1000) } });
    const result = await checkQuotas([gpuPool], quotas, { now });
    expect(quotas.calls).toEqual(['ListServiceQuotas', 'GetServiceQuota L-3819A6DF']);
    expect(result.checks[0]).toMatchObject({ quota: 1000, status: 'pass' });
  });

  it('matches the older P Spot quota name', async () => {
    const result = await checkQuotas(
      [
        {
          name: 'p3',
          capacityTypes: ['spot'],
          types: types('p3.2xlarge'),
          limits: [{ resource: 'nodes', raw: '2' }],
        },
      ],
      fakeQuotas({ listed: [quota('L-7212CCBC', 'All P Spot Instance Requests', 64)] }),
      { now },
    );
    expect(result.checks[0]).toMatchObject({ quotaCode: 'L-7212CCBC', required: 16, status: 'pass' });
  });

  it('AccessDenied makes the quota unknown, not zero; --strict makes that a failure', async () => {
    const denied = fakeQuotas({ denyList: true, denyGet: true });
    const lenient = await checkQuotas([gpuPool], denied, { now });
    expect(lenient.checks[0]).toMatchObject({
      quota: null,
      headroom: null,
      status: 'unknown',
      unknownReason: 'permission',
    });
    expect(lenient.ok).toBe(true);
    expect(lenient.notes.join('\n')).toMatch(/GetServiceQuota was denied: quotas are unknown, not zero/);
    const strict = await checkQuotas([gpuPool], fakeQuotas({ denyList: true, denyGet: true }), {
      now,
      strict: true,
    });
    expect(strict.ok).toBe(false);
  });

  it('an unbounded pool is a warning that says what to do', async () => {
    const result = await checkQuotas([{ ...gpuPool, limits: [] }], fakeQuotas({ listed: [G_SPOT(8)] }), {
      now,
    });
    expect(result.checks[0]).toMatchObject({ required: null, status: 'warn' });
    expect(result.checks[0]!.reason).toMatch(/pool gpu has no bounding limit.*--max-nodes/);
  });

  it('under --strict an unbounded pool against a finite quota fails, saying what the quota admits', async () => {
    // Given the seed blog's pool (limit key `gpu`) and a G and VT Spot quota of 8
    const seed = { ...gpuPool, limits: [{ resource: 'gpu', raw: '100' }] };

    // When it is checked strictly
    const result = await checkQuotas([seed], fakeQuotas({ listed: [G_SPOT(8)] }), { now, strict: true });

    // Then it fails, shows the pool as intended, and how many nodes of each type 8 vCPUs hold
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({
      quotaCode: 'L-3819A6DF',
      required: null,
      status: 'fail',
      admits: [
        { instanceType: 'g4dn.xlarge', vcpus: 4, nodes: 2 },
        { instanceType: 'g4dn.2xlarge', vcpus: 8, nodes: 1 },
      ],
      neverLaunchable: [],
      asIntended: {
        required: 800,
        headroom: -792,
        status: 'fail',
        reason: 'as intended (nvidia.com/gpu: 100): 800 vCPUs, 792 short',
        limits: [{ pool: 'gpu', written: 'gpu', meant: 'nvidia.com/gpu', raw: '100' }],
      },
      fix: 'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-3819A6DF --desired-value 800',
    });
    expect(result.checks[0]!.reason).toMatch(/--strict fails an unbounded pool/);
    // Without --strict it is a warning, and the run passes.
    const lenient = await checkQuotas([seed], fakeQuotas({ listed: [G_SPOT(8)] }), { now });
    expect([lenient.ok, lenient.checks[0]!.status]).toEqual([true, 'warn']);
  });

  it('flags the types that can never launch: more vCPUs than the quota', async () => {
    const pool = { ...gpuPool, types: types('g4dn.xlarge', 'g4dn.2xlarge', 'g4dn.4xlarge') };
    const result = await checkQuotas([pool], fakeQuotas({ listed: [G_SPOT(8)] }), { now });
    expect(result.checks[0]!.neverLaunchable).toEqual([{ instanceType: 'g4dn.4xlarge', vcpus: 16 }]);
    expect(result.checks[0]!.admits.map((a) => a.instanceType)).toEqual(['g4dn.xlarge', 'g4dn.2xlarge']);
  });

  it('given values win over Service Quotas, which is then not called; the source is named', async () => {
    const quotas = fakeQuotas({ listed: [G_SPOT(2000)] });
    const given = new Map([
      ['L-3819A6DF', { code: 'L-3819A6DF', value: 8, source: 'file' as const, file: 'q.yaml' }],
    ]);
    const result = await checkQuotas([gpuPool], quotas, { now, given });
    expect(quotas.calls).toEqual([]);
    expect(result.checks[0]).toMatchObject({
      quota: 8,
      quotaSource: 'file',
      quotaFile: 'q.yaml',
      status: 'fail',
    });
  });

  it('a quota no allowed type can launch into is not checked (and cannot fail --strict)', async () => {
    // Given p5.48xlarge (192 vCPUs) and p4d.24xlarge under cpu: 100 on Spot: P5 Spot can get no node
    const pool: PoolDemandInput = {
      name: 'big',
      capacityTypes: ['spot'],
      types: types('p5.48xlarge', 'p4d.24xlarge'),
      limits: [{ resource: 'cpu', raw: '100' }],
    };
    const given = new Map([['L-7212CCBC', { code: 'L-7212CCBC', value: 96, source: 'flag' as const }]]);

    // When it is checked with only the P Spot quota given and no Service Quotas access
    const result = await checkQuotas([pool], undefined, { now, strict: true, given });

    // Then only L-7212CCBC is checked, and it passes
    expect(result.checks.map((c) => [c.quotaCode, c.required, c.status])).toEqual([
      ['L-7212CCBC', 96, 'warn'],
    ]);
    expect(result.ok).toBe(true);
    expect(result.pools[0]!.demands.map((d) => [d.quotaCode, d.vcpus])).toEqual([
      ['L-C4BD4855', 0],
      ['L-7212CCBC', 96],
    ]);
  });

  it('with no Service Quotas access, quotas not given are unknown (offline), and --strict fails them', async () => {
    const result = await checkQuotas([gpuPool], undefined, { now, strict: true });
    expect(result.checks[0]).toMatchObject({
      quota: null,
      status: 'unknown',
      unknownReason: 'offline',
      quotaSource: 'none',
    });
    expect(result.ok).toBe(false);
    expect(result.notes.join('\n')).toMatch(
      /--offline: Service Quotas is not called, so L-3819A6DF is unknown/,
    );
  });

  it('--usage subtracts current usage, read with the metric Service Quotas names', async () => {
    const withMetric = { ...G_SPOT(1000), usageMetric: fallbackUsageMetric('g-vt', 'spot') };
    const usage = fakeUsage({ 'G/Spot': 300 });
    const result = await checkQuotas([gpuPool], fakeQuotas({ listed: [withMetric] }), { now, usage });
    expect(usage.asked).toEqual(['G/Spot']);
    expect(result.checks[0]).toMatchObject({
      required: 800,
      quota: 1000,
      usage: 300,
      headroom: -100,
      status: 'fail',
    });
    expect(result.checks[0]!.fix).toMatch(/--desired-value 1100$/);
  });

  it('--usage denied leaves usage unknown and says so', async () => {
    const result = await checkQuotas([gpuPool], fakeQuotas({ listed: [G_SPOT(1000)] }), {
      now,
      usage: fakeUsage({}, true),
    });
    expect(result.checks[0]).toMatchObject({ usage: null, status: 'pass' });
    expect(result.notes.join('\n')).toMatch(/cloudwatch:GetMetricData was denied/);
  });
});

describeShared('real Service Quotas responses', () => {
  it('GetServiceQuota L-1216C47A: value, name and usage metric dimensions', async () => {
    const response = readSharedJson<{ Quota: Parameters<typeof toQuotaRecord>[0] }>(
      'reference/ec2-api/service-quotas/aws-cli.get-service-quota.L-1216C47A.json',
    );
    const record = toQuotaRecord(response.Quota)!;
    expect(record).toMatchObject({ code: 'L-1216C47A', value: 1920 });
    // The dimensions spotctl falls back to are the ones AWS returns.
    expect(record.usageMetric).toEqual(fallbackUsageMetric('standard', 'on-demand'));
    const pool: PoolDemandInput = {
      name: 'general',
      capacityTypes: ['on-demand'],
      types: types('m5.large', 'm5.24xlarge'),
      limits: [{ resource: 'cpu', raw: '2000' }],
    };
    const quotas = fakeQuotas({ byCode: { 'L-1216C47A': record } });
    const result = await checkQuotas([pool], quotas, { now, region: 'us-east-2' });
    expect(result.checks[0]).toMatchObject({
      quotaCode: 'L-1216C47A',
      required: 2000,
      quota: 1920,
      status: 'fail',
    });
    expect(result.checks[0]!.fix).toBe(
      'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-1216C47A --desired-value 2000 --region us-east-2',
    );
    expect(result.checks[0]!.alternative).toBe('or lower limits.cpu of general to 1920');
  });

  it('a ListServiceQuotas page for another service contributes nothing', async () => {
    const page = readSharedJson<{ Quotas: Array<Parameters<typeof toQuotaRecord>[0]> }>(
      'reference/ec2-api/service-quotas/aws-cli.list-service-quotas.cloudformation.json',
    );
    const listed = page.Quotas.map(toQuotaRecord).filter((r): r is QuotaRecord => r !== undefined);
    expect(listed).toHaveLength(2);
    const quotas = fakeQuotas({ listed, byCode: { 'L-34B43A08': STD_SPOT(640) } });
    const result = await checkQuotas(
      [{ ...gpuPool, types: types('m5.large'), limits: [{ resource: 'cpu', raw: '64' }] }],
      quotas,
      { now },
    );
    expect(result.checks[0]).toMatchObject({ quotaCode: 'L-34B43A08', quota: 640, status: 'pass' });
  });
});

describe('CI reports', () => {
  it('annotates the NodePool at fault, and JUnit has a failing test case for the shortfall', async () => {
    const result = await checkQuotas([gpuPool], fakeQuotas({ listed: [G_SPOT(8)] }), {
      region: 'ap-southeast-1',
      now,
    });
    const annotations = quotaAnnotations(result, false);
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(
      /^::error file=gpu\.yaml,line=20,col=5,title=spotctl quota-check L-3819A6DF::All G and VT Spot Instance Requests \(L-3819A6DF\): needs 800 vCPUs/,
    );
    const junit = quotaJunit(result, false, now());
    expect(junit).toContain('<testsuites name="spotctl quota-check" tests="1" failures="1" skipped="0">');
    expect(junit).toContain(
      '<testcase classname="spotctl.quota-check.spot" name="G and VT spot (L-3819A6DF)"><failure message="needs 800 vCPUs, quota 8: 792 short" type="fail">',
    );
    expect(junit).toContain('--desired-value 800 --region ap-southeast-1');
  });

  it('unknown quotas skip in JUnit, and fail under --strict', async () => {
    const result = await checkQuotas([gpuPool], fakeQuotas({ denyList: true, denyGet: true }), { now });
    expect(quotaJunit(result, false, now())).toMatch(/failures="0" skipped="1"/);
    expect(quotaJunit(result, true, now())).toMatch(/failures="1" skipped="0"/);
    expect(quotaAnnotations(result, false)[0]).toMatch(/^::warning /);
    expect(quotaAnnotations(result, true)[0]).toMatch(/^::error /);
  });
});
