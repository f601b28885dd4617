/**
 * quota-check end to end, in this process: the real command, core and SDK adapters against the local AWS
 * test server (Service Quotas speaks awsJson1_1, routed by X-Amz-Target), through --endpoint-url. The
 * catalog is the bundled snapshot read as a --snapshot file, so Service Quotas is the only live service.
 * Responses are the real GetServiceQuota shape from ../shared with the code, name and value of the case.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AwsTestServer, accessDenied, paginated, throttled } from '../helpers/aws-server.js';
import { nodePoolYaml } from '../fixtures/nodepools.js';
import { spotctl } from '../helpers/spotctl.js';
import { describeShared, readSharedJson, repoRoot, sharedPath } from '../helpers/shared.js';

const SNAPSHOT = join(repoRoot, 'src/data/bundled-snapshot.json');
const SEED = () => sharedPath('fixtures/seed/provisioner.v1alpha5.yaml');

const GPU_NODEPOOL = nodePoolYaml({
  comment: 'GPU inference pool',
  capacity: ['spot'],
  types: ['g4dn.xlarge', 'g4dn.2xlarge'],
  gpuTaint: true,
  limits: { 'nvidia.com/gpu': 100 },
});

const AWS_ENV = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'ap-southeast-1' };

describeShared('spotctl quota-check against a local Service Quotas endpoint', () => {
  let server: AwsTestServer;
  let dir: string;
  let pool: string;
  const realQuota = readSharedJson<{ Quota: Record<string, unknown> }>(
    'reference/ec2-api/service-quotas/aws-cli.get-service-quota.L-1216C47A.json',
  ).Quota;
  /** The real response shape, as the G and VT Spot quota with `value` vCPUs. */
  const gSpot = (value: number) => ({
    ...realQuota,
    QuotaArn: 'arn:aws:servicequotas:ap-southeast-1:123456789012:ec2/L-3819A6DF',
    QuotaCode: 'L-3819A6DF',
    QuotaName: 'All G and VT Spot Instance Requests',
    Value: value,
    UsageMetric: {
      ...(realQuota.UsageMetric as object),
      MetricDimensions: { Class: 'G/Spot', Resource: 'vCPU', Service: 'EC2', Type: 'Resource' },
    },
  });
  /** ListServiceQuotas in pages of two: the real Standard On-Demand quota, then G Spot, then filler. */
  const serveQuota = (value: number) => {
    server
      .on(
        'ListServiceQuotas',
        paginated(
          [
            realQuota,
            gSpot(value),
            { ...realQuota, QuotaCode: 'L-0263D0A3', QuotaName: 'EC2-VPC Elastic IPs', Value: 5 },
          ],
          { key: 'Quotas', pageSize: 2 },
        ),
      )
      .on('GetServiceQuota', () => ({ body: { Quota: gSpot(value) } }));
    server.reset();
  };
  const deny = () => {
    server
      .on('ListServiceQuotas', () => accessDenied('json', 'ListServiceQuotas'))
      .on('GetServiceQuota', () => accessDenied('json', 'GetServiceQuota'));
    server.reset();
  };
  const run = (args: string[], env: Record<string, string> = {}, file = pool) =>
    spotctl(['quota-check', file, '--snapshot', SNAPSHOT, '--endpoint-url', server.url, ...args], {
      env: { ...AWS_ENV, ...env },
    });

  beforeAll(async () => {
    server = await AwsTestServer.start();
    dir = mkdtempSync(join(tmpdir(), 'spotctl-quota-'));
    pool = join(dir, 'gpu.yaml');
    writeFileSync(pool, GPU_NODEPOOL);
  });
  afterAll(() => server.close());

  it('a G Spot quota of 8 vCPUs for 100 GPUs of g4dn fails with L-3819A6DF and the exact fix (exit 1)', async () => {
    serveQuota(8);
    const { code, stdout } = await run(['--json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as {
      ok: boolean;
      checks: Array<Record<string, unknown>>;
      pools: unknown[];
      notes: string[];
    };
    expect(json.ok).toBe(false);
    expect(json.checks).toHaveLength(1);
    expect(json.checks[0]).toMatchObject({
      bucket: 'g-vt',
      capacityType: 'spot',
      quotaCode: 'L-3819A6DF',
      required: 800,
      quota: 8,
      headroom: -792,
      status: 'fail',
      fix: 'aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-3819A6DF --desired-value 800 --region ap-southeast-1',
    });
    expect(json.notes.join('\n')).toMatch(/Spot vCPU quotas count open \(pending\) Spot Instance requests/);
    // G Spot is on the second page: both pages are read, GetServiceQuota is not needed.
    expect(server.calls.map((c) => c.operation)).toEqual(['ListServiceQuotas', 'ListServiceQuotas']);
    expect(server.calls[0]!.params).toMatchObject({ ServiceCode: 'ec2' });
  });

  it('the text output shows the table, the fix and the alternative limit', async () => {
    serveQuota(8);
    const { code, stdout } = await run([]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/G and VT\s+spot\s+L-3819A6DF\s+800\s+8\s+-792\s+fail/);
    expect(stdout).toContain(
      'fix: aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-3819A6DF --desired-value 800 --region ap-southeast-1',
    );
    expect(stdout).toContain('or lower limits.nvidia.com/gpu of gpu to 1');
  });

  it('on GitHub Actions, annotates the NodePool file; --junit writes a report', async () => {
    serveQuota(8);
    const junit = join(dir, 'reports', 'quota.xml');
    const { code, stdout } = await run(['--junit', junit], { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(1);
    expect(stdout).toMatch(
      new RegExp(
        `^::error file=${pool.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')},line=21,col=5,title=spotctl quota-check L-3819A6DF::`,
        'm',
      ),
    );
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('failures="1"');
    expect(xml).toContain('--quota-code L-3819A6DF --desired-value 800');
    // An existing report is not overwritten without --force.
    const again = await run(['--junit', junit]);
    expect(again.code).toBe(3);
    expect((await run(['--junit', junit, '--force'])).code).toBe(1);
  });

  it('a sufficient quota passes (exit 0)', async () => {
    serveQuota(2000);
    const { code, stdout } = await run(['--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { ok: boolean; checks: Array<Record<string, unknown>> };
    expect(json.ok).toBe(true);
    expect(json.checks[0]).toMatchObject({
      quotaCode: 'L-3819A6DF',
      required: 800,
      quota: 2000,
      headroom: 1200,
      status: 'pass',
    });
  });

  it('AccessDenied makes the quota unknown (exit 0); --strict turns it into a failure (exit 4)', async () => {
    deny();
    const lenient = await run(['--json']);
    expect(lenient.code).toBe(0);
    const json = JSON.parse(lenient.stdout) as { ok: boolean; checks: Array<Record<string, unknown>> };
    expect(json.checks[0]).toMatchObject({
      quotaCode: 'L-3819A6DF',
      quota: null,
      status: 'unknown',
      unknownReason: 'permission',
    });
    expect(json.ok).toBe(true);
    expect(server.calls.map((c) => c.operation)).toEqual(['ListServiceQuotas', 'GetServiceQuota']);
    expect(server.calls[1]!.params).toEqual({ ServiceCode: 'ec2', QuotaCode: 'L-3819A6DF' });
    const strict = await run(['--json', '--strict']);
    expect(strict.code).toBe(4);
    expect((JSON.parse(strict.stdout) as { ok: boolean }).ok).toBe(false);
  });

  it('a throttled ListServiceQuotas is retried, not reported', async () => {
    serveQuota(2000);
    server.script('ListServiceQuotas', [throttled('json'), paginated([gSpot(2000)], { key: 'Quotas' })]);
    const { code } = await run(['--json']);
    expect(code).toBe(0);
    expect(server.count('ListServiceQuotas')).toBe(2);
  });

  it('--types asks a quick question without manifests', async () => {
    serveQuota(64);
    const { code, stdout } = await spotctl(
      [
        'quota-check',
        '--types',
        'g4dn.xlarge,g4dn.2xlarge',
        '--capacity',
        'spot',
        '--max-nodes',
        '10',
        '--snapshot',
        SNAPSHOT,
        '--endpoint-url',
        server.url,
        '--json',
      ],
      { env: AWS_ENV },
    );
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { checks: Array<Record<string, unknown>> }).checks[0]).toMatchObject({
      required: 80,
      quota: 64,
      status: 'fail',
    });
  });

  it('the seed blog’s Provisioner against a G and VT Spot quota of 8 fails --strict (exit 1), as intended 800 vCPUs', async () => {
    // Given the blog's Provisioner (limit key `gpu`, which Karpenter ignores) and a Spot G quota of 8
    serveQuota(8);

    // When it is checked strictly
    const { code, stdout } = await run(['--strict', '--json'], {}, SEED());

    // Then L-3819A6DF fails: unbounded as written, 800 vCPUs as intended, 2 g4dn.xlarge or 1 g4dn.2xlarge fit
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as {
      ok: boolean;
      checks: Array<Record<string, unknown>>;
      pools: Array<Record<string, unknown>>;
    };
    expect(json.ok).toBe(false);
    expect(json.checks).toHaveLength(1);
    expect(json.checks[0]).toMatchObject({
      quotaCode: 'L-3819A6DF',
      capacityType: 'spot',
      required: null,
      quota: 8,
      quotaSource: 'service-quotas',
      status: 'fail',
      admits: [
        { instanceType: 'g4dn.xlarge', vcpus: 4, nodes: 2 },
        { instanceType: 'g4dn.2xlarge', vcpus: 8, nodes: 1 },
      ],
      asIntended: {
        required: 800,
        status: 'fail',
        reason: 'as intended (nvidia.com/gpu: 100): 800 vCPUs, 792 short',
      },
    });
    expect(json.pools[0]).toMatchObject({ name: 'gpu', unbounded: true });
    // Without --strict the same run warns and passes.
    expect((await run([], {}, SEED())).code).toBe(0);
  });

  it('the text report says as written and as intended, what the quota admits, and where the quota came from', async () => {
    serveQuota(8);
    const { code, stdout } = await run(['--strict'], {}, SEED());
    expect(code).toBe(1);
    expect(stdout).toMatch(/G and VT\s+spot\s+L-3819A6DF\s+unbounded\s+8\s+\?\s+fail\s+Service Quotas/);
    expect(stdout).toContain('as written: unbounded');
    expect(stdout).toContain('as intended (nvidia.com/gpu: 100): 800 vCPUs, 792 short');
    expect(stdout).toContain('quota 8 admits 2 × 4 vCPUs (g4dn.xlarge), 1 × 8 vCPUs (g4dn.2xlarge)');
    expect(stdout).toContain('limits gpu → nvidia.com/gpu in gpu (Karpenter ignores gpu)');
  });

  it('--quota wins over Service Quotas: when every value is given, Service Quotas is not called', async () => {
    serveQuota(2000);
    const { code, stdout } = await run(['--quota', 'L-3819A6DF=8', '--json']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { checks: unknown[] }).checks[0]).toMatchObject({
      quota: 8,
      quotaSource: 'flag',
      status: 'fail',
    });
    expect(server.count()).toBe(0);
  });

  it('values given for some quotas and Service Quotas for the rest: each check names its source', async () => {
    // Given a pool on Spot and On-Demand G, and only the On-Demand quota given in a file
    serveQuota(2000);
    const both = join(dir, 'both.yaml');
    writeFileSync(
      both,
      nodePoolYaml({ capacity: ['spot', 'on-demand'], types: ['g4dn.xlarge'], limits: { cpu: 64 } }),
    );
    const quotas = join(dir, 'quotas.yaml');
    writeFileSync(quotas, 'L-DB2E81BA: 32 # Running On-Demand G and VT\n');

    // When it is checked
    const { code, stdout } = await run(['--quotas', quotas, '--json'], {}, both);

    // Then On-Demand comes from the file (and falls short), Spot from Service Quotas
    expect(code).toBe(1);
    const checks = (JSON.parse(stdout) as { checks: Array<Record<string, unknown>> }).checks;
    expect(checks.map((c) => [c.quotaCode, c.quota, c.quotaSource, c.status])).toEqual([
      ['L-DB2E81BA', 32, 'file', 'fail'],
      ['L-3819A6DF', 2000, 'service-quotas', 'pass'],
    ]);
    expect(checks[0]!.quotaFile).toBe(quotas);
    expect(server.calls.map((c) => c.operation)).toEqual(['ListServiceQuotas', 'ListServiceQuotas']);
  });

  it('an unknown Region is an input error before any AWS call (exit 3)', async () => {
    serveQuota(8);
    const { code, stderr } = await spotctl(
      ['quota-check', pool, '--snapshot', SNAPSHOT, '--endpoint-url', server.url, '--region', 'eu-moon-1'],
      { env: AWS_ENV },
    );
    expect(code).toBe(3);
    expect(stderr).toMatch(/unknown AWS Region "eu-moon-1"/);
    expect(stderr).toMatch(/Did you mean eu-north-1, eu-south-1, eu-west-1\?/);
    expect(server.count()).toBe(0);
  });
});

describe('spotctl quota-check --offline never calls AWS', () => {
  let server: AwsTestServer;
  beforeAll(async () => {
    server = await AwsTestServer.start();
    server.on('ListServiceQuotas', () => accessDenied('json', 'ListServiceQuotas'));
  });
  afterAll(() => server.close());

  describeShared('the seed blog’s Provisioner', () => {
    it('with --quota L-3819A6DF=8 fails --strict (exit 1) and the local endpoint sees no request', async () => {
      server.reset();
      const { code, stdout } = await spotctl(
        [
          'quota-check',
          SEED(),
          '--offline',
          '--region',
          'ap-southeast-1',
          '--endpoint-url',
          server.url,
          '--quota',
          'L-3819A6DF=8',
          '--strict',
          '--json',
        ],
        { env: AWS_ENV },
      );
      expect(code).toBe(1);
      expect((JSON.parse(stdout) as { checks: unknown[] }).checks[0]).toMatchObject({
        quotaCode: 'L-3819A6DF',
        quotaSource: 'flag',
        status: 'fail',
      });
      expect(server.count()).toBe(0);
    });

    it('with no endpoint and no credentials at all, gives the same answer', async () => {
      const { code, stdout, stderr } = await spotctl([
        'quota-check',
        SEED(),
        '--offline',
        '--region',
        'ap-southeast-1',
        '--quota',
        'L-3819A6DF=8',
        '--strict',
      ]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/L-3819A6DF\s+unbounded\s+8\s+\?\s+fail\s+--quota/);
      expect(stderr).toContain('quotas: --quota (L-3819A6DF)');
      expect(stderr).not.toMatch(/credentials/i);
    });
  });

  it('quotas not given are unknown, not fetched; --strict fails them (exit 1)', async () => {
    server.reset();
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-quota-offline-'));
    writeFileSync(join(dir, 'gpu.yaml'), GPU_NODEPOOL);
    const args = [
      'quota-check',
      join(dir, 'gpu.yaml'),
      '--offline',
      '--region',
      'us-east-1',
      '--endpoint-url',
      server.url,
    ];
    const lenient = await spotctl([...args, '--json'], { env: AWS_ENV });
    expect(lenient.code).toBe(0);
    expect((JSON.parse(lenient.stdout) as { checks: unknown[] }).checks[0]).toMatchObject({
      status: 'unknown',
      unknownReason: 'offline',
    });
    expect((await spotctl([...args, '--strict'], { env: AWS_ENV })).code).toBe(1);
    expect(server.count()).toBe(0);
  });
});

describe('spotctl quota-check bad input and missing credentials', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spotctl-quota-bad-'));

  it.each([
    {
      name: 'malformed YAML',
      file: 'bad.yaml',
      text: 'apiVersion: karpenter.sh/v1\nkind: NodePool\nspec: {limits: [}\n',
      code: 3,
      stderr: /bad\.yaml:3:\d+ .*\n→ Fix the manifest/,
    },
    {
      name: 'an alias bomb',
      file: 'bomb.yaml',
      text: `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [${Array(10).fill('*a').join(',')}]\nc: &c [${Array(10).fill('*b').join(',')}]\nd: [${Array(10).fill('*c').join(',')}]\n`,
      code: 3,
      stderr: /bomb\.yaml:1:1 YAML aliases expand past 100 references/,
    },
    {
      name: 'no NodePool',
      file: 'deploy.yaml',
      text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
      code: 3,
      stderr: /Deployment \(apps\/v1\) is not a Karpenter manifest[\s\S]*no NodePool or Provisioner/,
    },
  ])('$name → exit $code', async ({ file, text, code, stderr }) => {
    writeFileSync(join(dir, file), text);
    const result = await spotctl(['quota-check', join(dir, file), '--offline', '--region', 'us-east-1'], {
      env: AWS_ENV,
    });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(stderr);
  });

  it('no credentials → exit 4 with a next step', async () => {
    writeFileSync(join(dir, 'gpu.yaml'), GPU_NODEPOOL);
    const result = await spotctl([
      'quota-check',
      join(dir, 'gpu.yaml'),
      '--snapshot',
      SNAPSHOT,
      '--region',
      'us-east-1',
      '--endpoint-url',
      'http://127.0.0.1:9',
    ]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/AWS credentials are missing or invalid/);
    expect(result.stderr).toMatch(/→ Set AWS_PROFILE/);
  });

  it.each<{ name: string; limits: Record<string, string | number>; stderr: RegExp }>([
    {
      name: 'a negative limit',
      limits: { memory: '-64Gi' },
      stderr: /gpu\.yaml:\d+:\d+ NodePool gpu: limits memory: "-64Gi" is negative/,
    },
    { name: 'a zero limit', limits: { cpu: 0 }, stderr: /NodePool gpu: limits cpu: "0" is zero/ },
    {
      name: 'a NaN limit',
      limits: { cpu: '.nan' },
      stderr: /limits cpu: "\.nan" is not a Kubernetes quantity/,
    },
  ])('$name → input error (exit 3) naming the pool, file:line and limit', async ({ limits, stderr }) => {
    writeFileSync(
      join(dir, 'gpu.yaml'),
      nodePoolYaml({ capacity: ['spot'], types: ['g4dn.xlarge'], limits }),
    );
    const result = await spotctl([
      'quota-check',
      join(dir, 'gpu.yaml'),
      '--offline',
      '--region',
      'us-east-1',
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(stderr);
  });

  it.each([
    { name: '--types with an empty list', args: ['--types', ','], stderr: /--types was given an empty list/ },
    {
      name: 'an unknown quota code',
      args: ['--types', 'g4dn.xlarge', '--quota', 'L-3819A6DE=8'],
      stderr:
        /"L-3819A6DE" is not an EC2 vCPU quota code\n→ Known EC2 vCPU quota codes nearest to it: L-3819A6DF/,
    },
    {
      name: '--usage with --offline',
      args: ['--types', 'g4dn.xlarge', '--usage'],
      stderr: /--usage reads CloudWatch, but --offline never calls AWS/,
    },
    {
      name: 'an overhead written in percent',
      args: ['--types', 'g4dn.xlarge', '--vm-memory-overhead-percent', '7.5'],
      stderr: /7\.5 % is 0\.075/,
    },
  ])('$name → usage error (exit 2)', async ({ args, stderr }) => {
    const result = await spotctl(['quota-check', ...args, '--offline', '--region', 'us-east-1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(stderr);
  });

  it('nothing to check → usage error (exit 2)', async () => {
    const result = await spotctl(['quota-check', '--region', 'us-east-1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing to check: give manifests or --types/);
  });
});
