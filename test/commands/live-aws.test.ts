/**
 * The built CLI against a local AWS endpoint (`--endpoint-url`): the real SDK speaks EC2 Query (XML) and
 * awsJson1_1 (Pricing) to a server replaying real API responses. Covers the calls made, pagination,
 * throttling, degraded and failed calls, and the bad inputs a user can give.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { accessDenied, AwsTestServer, throttled } from '../helpers/aws-server.js';
import { installWorld, type World } from '../helpers/aws-world.js';
import { spotctl } from '../helpers/spotctl.js';
import { describeShared } from '../helpers/shared.js';

const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
const TYPES = 'g4dn.xlarge,g4dn.2xlarge,m5.large';
const APIS = [
  'DescribeInstanceTypes',
  'DescribeAvailabilityZones',
  'DescribeInstanceTypeOfferings',
  'DescribeSpotPriceHistory',
  'GetProducts',
];

let server: AwsTestServer;
let world: World;
let dir: string;

const counts = () => Object.fromEntries(APIS.map((api) => [api, server.count(api)]));
const once = Object.fromEntries(APIS.map((api) => [api, 1]));

// A cache directory of the test's own: placement scores are cached per user, never in this machine's home.
const cli = (args: string[], env: Record<string, string> = {}) =>
  spotctl([...args, '--endpoint-url', server.url], {
    env: { ...CREDENTIALS, XDG_CACHE_HOME: join(dir, 'cache'), ...env },
  });

const snapshotArgs = (file = join(dir, 'snap.json')) => [
  'snapshot',
  '--region',
  'us-east-1',
  '--types',
  TYPES,
  '--output-file',
  file,
  '--json',
];

describeShared('live AWS through --endpoint-url (EC2 Query XML + awsJson1_1)', () => {
  beforeEach(async () => {
    server = await AwsTestServer.start();
    world = installWorld(server);
    dir = mkdtempSync(join(tmpdir(), 'spotctl-live-'));
  });
  afterEach(async () => {
    await server.close();
  });

  it('snapshot: one call per API, a file that reads back, a JSON summary', async () => {
    const result = await cli(snapshotArgs());
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(counts()).toEqual(once);

    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ instanceTypes: 3, days: 7, output: join(dir, 'snap.json') });
    expect(summary.regions[0]).toMatchObject({
      region: 'us-east-1',
      zones: 3,
      offeredTypes: 3,
      onDemandPrices: 3,
    });
    expect(summary.regions[0].spotPricePoints).toBeGreaterThan(3 * 3);

    const snapshot = JSON.parse(readFileSync(join(dir, 'snap.json'), 'utf8'));
    expect(snapshot.regions['us-east-1'].zones).toContainEqual({ name: 'us-east-1a', id: 'use1-az1' });
    // Parsed from the real m5.large Price List item served as a JSON-encoded string.
    expect(snapshot.regions['us-east-1'].onDemandPrices['m5.large']).toBe(world.onDemand['m5.large']);
    expect(snapshot.instanceTypes['g4dn.xlarge'].gpu).toEqual({
      count: 1,
      manufacturer: 'NVIDIA',
      name: 'T4',
      memoryMiBPerGpu: 16384,
    });

    // And every command reads it back without AWS.
    const prices = await spotctl([
      'prices',
      '--snapshot',
      join(dir, 'snap.json'),
      '--region',
      'us-east-1',
      '--types',
      TYPES,
      '--json',
    ]);
    expect(prices.code).toBe(0);
    expect(JSON.parse(prices.stdout).source.kind).toBe('snapshot');
  });

  it('follows NextToken through every page and retries a throttled first response', async () => {
    // Given small pages and a throttle on the first call of each paginated API
    const reference = await cli(snapshotArgs(join(dir, 'reference.json')));
    server.reset();
    const paged = installWorld(server, {
      pageSize: {
        DescribeSpotPriceHistory: 7,
        DescribeInstanceTypeOfferings: 2,
        GetProducts: 1,
        DescribeInstanceTypes: 1,
      },
    });
    server.script('DescribeSpotPriceHistory', [throttled('ec2'), paged.handlers.DescribeSpotPriceHistory!]);
    server.script('GetProducts', [throttled('json'), paged.handlers.GetProducts!]);

    // When the same snapshot is captured
    const result = await cli(snapshotArgs(join(dir, 'paged.json')));

    // Then it succeeds with the same content, having walked every page after one retry each
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout).regions[0];
    expect(summary).toEqual(JSON.parse(reference.stdout).regions[0]);
    expect(server.count('GetProducts')).toBe(1 + 3);
    expect(server.count('DescribeInstanceTypes')).toBe(3);
    expect(server.count('DescribeInstanceTypeOfferings')).toBe(Math.ceil(9 / 2));
    expect(server.count('DescribeSpotPriceHistory')).toBe(1 + Math.ceil(summary.spotPricePoints / 7));
    const tokens = server.calls
      .filter((c) => c.operation === 'DescribeSpotPriceHistory')
      .map((c) => c.params.NextToken);
    expect(tokens.slice(0, 3)).toEqual([undefined, undefined, 'offset-7']);
  });

  it('prices: live data, zone IDs, one call per API', async () => {
    const result = await cli(['prices', '--region', 'us-east-1', '--types', TYPES, '--json']);
    expect(result.code).toBe(0);
    const analysis = JSON.parse(result.stdout);
    expect(analysis.source).toMatchObject({
      kind: 'live',
      description: 'live AWS (us-east-1)',
      spotPricesDerived: false,
    });
    expect(analysis.zones).toContainEqual({ name: 'us-east-1b', id: 'use1-az2' });
    expect(analysis.types.map((t: { instanceType: string }) => t.instanceType)).toEqual(TYPES.split(','));
    expect(analysis.types[0].onDemandPrice).toBe(world.onDemand['g4dn.xlarge']);
    expect(analysis.types[0].zones).toHaveLength(3);
    expect(counts()).toEqual(once);
    expect(result.stderr).toBe('');
  });

  it('suggest: live data; one spec query for the seeds’ category, then one view for all', async () => {
    const result = await cli([
      'suggest',
      '--region',
      'us-east-1',
      '--types',
      'g4dn.xlarge,g4dn.2xlarge',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.source.kind).toBe('live');
    expect(json.recommended.map((t: { instanceType: string }) => t.instanceType)).toEqual(
      expect.arrayContaining(['g4dn.xlarge', 'g4dn.2xlarge']),
    );
    // The seeds' category serves seeds and siblings; then one call per API for the view (its Spot
    // history may span pages).
    expect(counts()).toMatchObject({
      ...once,
      DescribeInstanceTypes: 1,
      DescribeSpotPriceHistory: expect.any(Number),
    });
    const history = server.calls.filter((c) => c.operation === 'DescribeSpotPriceHistory');
    expect(history.slice(1).every((c) => typeof c.params.NextToken === 'string')).toBe(true);
    const categoryQuery = server.calls.filter((c) => c.operation === 'DescribeInstanceTypes')[0]!;
    expect(categoryQuery.params.Filter).toEqual([{ Name: 'instance-type', Value: ['g*'] }]);
  });

  describe('Spot placement scores (GetSpotPlacementScores)', () => {
    const SEEDS = 'g4dn.xlarge,g4dn.2xlarge';
    const suggestArgs = ['suggest', '--region', 'us-east-1', '--types', SEEDS, '--target-capacity', '10'];
    const scoreCalls = () => server.calls.filter((c) => c.operation === 'GetSpotPlacementScores');

    it('one request for the recommended list as a set; the endpoint’s score in --json; a repeat run is cached', async () => {
      // When
      const first = await cli([...suggestArgs, '--json']);
      // Then
      expect(first.code).toBe(0);
      const json = JSON.parse(first.stdout);
      const list: string[] = json.recommended.map((t: { instanceType: string }) => t.instanceType);
      expect(list.length).toBeGreaterThanOrEqual(5);
      expect(scoreCalls()).toHaveLength(1);
      expect(scoreCalls()[0]!.params).toMatchObject({
        InstanceType: [...list].sort(),
        TargetCapacity: '10',
        TargetCapacityUnitType: 'units',
        SingleAvailabilityZone: 'false',
        RegionName: ['us-east-1'],
      });
      expect(json.placementScores).toEqual([
        { score: world.placementScore(list.length, 10), region: 'us-east-1' },
      ]);
      expect(json.placement).toMatchObject({
        status: 'scored',
        targetCapacity: 10,
        instanceTypes: [...list].sort(),
      });
      // Every other API at its floor: one request each
      expect(counts()).toMatchObject({ ...once, DescribeSpotPriceHistory: expect.any(Number) });

      // When the same run is repeated
      server.reset();
      const second = await cli([...suggestArgs, '--json']);
      // Then AWS is not asked again
      expect(scoreCalls()).toHaveLength(0);
      expect(JSON.parse(second.stdout)).toMatchObject({
        placementScores: json.placementScores,
        placement: { status: 'cached' },
      });
      const human = await cli(suggestArgs);
      expect(human.stdout).toMatch(
        new RegExp(`the suggested ${list.length} types: ${world.placementScore(list.length, 10)}/10`),
      );
      expect(human.stdout).toMatch(/cached less than an hour ago/);
    });

    it('--placement-calls 2 compares the seeds alone with the suggested list, in AWS’s numbers', async () => {
      const result = await cli([...suggestArgs, '--placement-calls', '2']);
      expect(result.code).toBe(0);
      expect(scoreCalls().map((c) => (c.params.InstanceType as string[]).length)).toEqual([
        expect.any(Number),
        2,
      ]);
      const listed = (scoreCalls()[0]!.params.InstanceType as string[]).length;
      expect(result.stdout).toContain(
        `  2 types (the seeds alone): ${world.placementScore(2, 10)}/10 (AWS rates fewer than 3 types low by design)\n` +
          `  the suggested ${listed} types: ${world.placementScore(listed, 10)}/10`,
      );
    });

    it('--single-az: a score per zone, named by the account’s zone names', async () => {
      const result = await cli([...suggestArgs, '--single-az', '--json']);
      const json = JSON.parse(result.stdout);
      const n = json.recommended.length;
      expect(scoreCalls()[0]!.params.SingleAvailabilityZone).toBe('true');
      expect(json.placementScores).toEqual([
        { score: world.placementScore(n, 10, 0), availabilityZoneId: 'use1-az1', zone: 'us-east-1a' },
        { score: world.placementScore(n, 10, 1), availabilityZoneId: 'use1-az2', zone: 'us-east-1b' },
        { score: world.placementScore(n, 10, 2), availabilityZoneId: 'use1-az4', zone: 'us-east-1c' },
      ]);
    });

    it.each([
      [
        'denied',
        accessDenied('ec2', 'GetSpotPlacementScores'),
        /ec2:GetSpotPlacementScores was denied \(UnauthorizedOperation\)/,
      ],
      [
        'over the daily configuration limit',
        {
          error: {
            code: 'MaxConfigLimitExceeded',
            message:
              'You have exceeded your maximum allowed Spot placement configurations. You can retry configurations that you used within the last 24 hours, or wait for 24 hours before specifying a new configuration.',
            status: 400,
          },
        },
        /daily limit of new Spot placement score configurations is reached \(MaxConfigLimitExceeded\)/,
      ],
    ])('%s: exit 0, the suggestions, a note', async (_name, reply, note) => {
      server.on('GetSpotPlacementScores', () => reply);
      const human = await cli(suggestArgs);
      expect(human.code).toBe(0);
      expect(human.stdout).toMatch(note);
      expect(human.stdout).toContain('key: node.kubernetes.io/instance-type');
      const json = JSON.parse((await cli([...suggestArgs, '--json'])).stdout);
      expect(json.placement.status).toBe('unavailable');
      expect(json.placementScores).toEqual([]);
      // Failures are not cached: the next run asks again
      expect(scoreCalls()).toHaveLength(2);
    });

    it('a corrupt cache entry is ignored and replaced', async () => {
      await cli([...suggestArgs, '--json']);
      const cacheDir = join(dir, 'cache', 'spotctl');
      const [file] = readdirSync(cacheDir);
      writeFileSync(join(cacheDir, file!), '{"kind": "spotctl-placement-scores", "version": 1, "config": ');
      server.reset();
      const result = await cli([...suggestArgs, '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).placement.status).toBe('scored');
      expect(scoreCalls()).toHaveLength(1);
      expect(JSON.parse(readFileSync(join(cacheDir, file!), 'utf8')).records).toHaveLength(1);
    });

    it('prices: one request for the listed types as a set, shown under the grid', async () => {
      const result = await cli(['prices', '--region', 'us-east-1', '--types', TYPES]);
      expect(result.code).toBe(0);
      expect(scoreCalls()).toHaveLength(1);
      expect(scoreCalls()[0]!.params.InstanceType).toEqual([...TYPES.split(',')].sort());
      expect(result.stdout).toMatch(
        new RegExp(
          `Spot placement score \\(AWS: 10 instances, a fleet over every zone of us-east-1\\)\n  these 3 types: ${world.placementScore(3, 10)}/10`,
        ),
      );
      expect(result.stderr).toBe('');

      // Per zone: the zone IDs AWS answers with, named by the account's zone names
      const perZone = JSON.parse(
        (await cli(['prices', '--region', 'us-east-1', '--types', TYPES, '--single-az', '--json'])).stdout,
      );
      expect(perZone.placementScores[0]).toEqual({
        score: world.placementScore(3, 10, 0),
        availabilityZoneId: 'use1-az1',
        zone: 'us-east-1a',
      });
    });
  });

  it('AccessDenied on Pricing: exit 0, no On-Demand prices, a note saying why, Spot data kept', async () => {
    server.on('GetProducts', () => accessDenied('json', 'GetProducts'));
    const result = await cli(snapshotArgs());
    expect(result.code).toBe(0);
    const region = JSON.parse(result.stdout).regions[0];
    expect(region.onDemandPrices).toBe(0);
    expect(region.spotPricePoints).toBeGreaterThan(0);
    expect(region.notes.join('\n')).toMatch(/pricing:GetProducts was denied \(AccessDeniedException\)/);

    const prices = await cli(['prices', '--region', 'us-east-1', '--types', 'm5.large']);
    expect(prices.code).toBe(0);
    expect(prices.stdout).toMatch(/note: pricing:GetProducts was denied/);
  });

  it('AccessDenied on DescribeSpotPriceHistory: offerings kept, a note, exit 0', async () => {
    server.on('DescribeSpotPriceHistory', () => accessDenied('ec2', 'DescribeSpotPriceHistory'));
    const result = await cli(snapshotArgs());
    expect(result.code).toBe(0);
    const region = JSON.parse(result.stdout).regions[0];
    expect(region).toMatchObject({ spotPricePoints: 0, offeredTypes: 3, onDemandPrices: 3 });
    expect(region.notes.join('\n')).toMatch(
      /ec2:DescribeSpotPriceHistory was denied \(UnauthorizedOperation\)/,
    );
  });

  it('an endpoint that never answers: a clear error, exit 5, within the timeout', async () => {
    server.on('DescribeInstanceTypes', () => ({ hang: true }));
    const human = snapshotArgs().filter((arg) => arg !== '--json');
    const result = await cli(human, { SPOTCTL_AWS_TIMEOUT_MS: '1500' });
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(
      /^Error: no answer from AWS for DescribeInstanceTypes \(us-east-1\) \(TimeoutError\): no answer within 1.5 s$/m,
    );
    expect(result.stderr).toMatch(/→ Check network access to the AWS endpoint/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('an endpoint that is gone: exit 5 after the retries, JSON error under --json', async () => {
    const url = server.url;
    await server.close();
    server = await AwsTestServer.start(); // for afterEach
    const result = await spotctl([...snapshotArgs(), '--endpoint-url', url], {
      env: { ...CREDENTIALS, SPOTCTL_AWS_TIMEOUT_MS: '2000' },
    });
    expect(result.code).toBe(5);
    const { error } = JSON.parse(result.stdout);
    expect(error).toMatchObject({ code: 'AWS_UNREACHABLE', exitCode: 5 });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(result.durationMs).toBeLessThan(20_000);
  });

  it('an unknown instance type: exit 3, naming the nearest real ones', async () => {
    const result = await cli([
      'snapshot',
      '--region',
      'us-east-1',
      '--types',
      'g4dn.xlarg',
      '--output-file',
      join(dir, 's.json'),
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^Error: unknown instance type g4dn\.xlarg \(live AWS \(us-east-1\)\)$/m);
    expect(result.stderr).toMatch(/g4dn\.xlarg: did you mean g4dn\.xlarge/);
  });

  it('an unknown Region: exit 3 naming the nearest, before any call', async () => {
    const result = await cli([
      'snapshot',
      '--region',
      'us-east-7',
      '--types',
      'm5.large',
      '--output-file',
      join(dir, 's.json'),
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/unknown AWS Region "us-east-7"/);
    expect(result.stderr).toMatch(/Did you mean us-east-1/);
    expect(server.count()).toBe(0);
  });

  it('an existing output file: refused without --force before any call; replaced with it', async () => {
    const file = join(dir, 'taken.json');
    writeFileSync(file, 'mine');
    const refused = await cli(snapshotArgs(file));
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout).error.code).toBe('FILE_EXISTS');
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(server.count()).toBe(0);

    const forced = await cli([...snapshotArgs(file), '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).kind).toBe('spotctl-snapshot');
  });

  it('the Region comes from the profile when neither --region nor AWS_REGION is set', async () => {
    const config = join(dir, 'config');
    writeFileSync(config, '[default]\nregion = us-east-1\n');
    const result = await cli(
      ['snapshot', '--types', 'm5.large', '--output-file', join(dir, 'p.json'), '--json'],
      {
        AWS_CONFIG_FILE: config,
      },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).regions[0].region).toBe('us-east-1');
  });

  it('no credentials: snapshot and prices --live exit 4; prices alone falls back to bundled data and says so', async () => {
    const bare = (args: string[]) => spotctl([...args, '--endpoint-url', server.url]);
    const snapshot = await bare(snapshotArgs());
    expect(snapshot.code).toBe(4);
    expect(JSON.parse(snapshot.stdout).error.message).toMatch(
      /^snapshot reads live AWS and needs credentials/,
    );

    const live = await bare(['prices', '--live', '--region', 'us-east-1', '--types', 'm5.large']);
    expect(live.code).toBe(4);
    expect(live.stderr).toMatch(/^Error: --live needs AWS credentials/);

    const fallback = await bare(['prices', '--region', 'us-east-1', '--types', 'm5.large', '--json']);
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toMatch(/using bundled data from \d{4}-\d{2}-\d{2}; prices are estimates/);
    expect(JSON.parse(fallback.stdout).source.kind).toBe('bundled');
    expect(server.count()).toBe(0);
  });
});
