/**
 * LiveCatalog over hand-written fakes of the AWS ports, fed with real API responses from ../shared:
 * which calls it makes (batched, never per type or zone), what it builds from the answers, and how it
 * degrades or fails when a call is denied or unreachable.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import {
  AwsCallError,
  type DescribeInstanceTypeOfferingsInput,
  type DescribeInstanceTypesInput,
  type DescribeSpotPriceHistoryInput,
  type GetProductsInput,
} from '../../../src/core/aws/ports.js';
import {
  LiveCatalog,
  type LiveCatalogOptions,
  type SpotAdvisorLookup,
} from '../../../src/core/catalog/live.js';
import { SpotctlError } from '../../../src/core/errors.js';
import { denied, FakeAws, type FakeAwsData, realAwsData } from '../../helpers/fake-aws.js';
import { describeShared } from '../../helpers/shared.js';

const NOW = new Date('2021-02-09T12:00:00Z');
const WINDOW = { start: new Date('2021-02-02T12:00:00Z'), end: NOW };

function catalogOver(aws: FakeAws, extra: Partial<LiveCatalogOptions> = {}): LiveCatalog {
  return new LiveCatalog({
    homeRegion: 'us-east-1',
    ec2: () => aws.ec2(),
    pricing: aws.pricing(),
    clock: () => NOW,
    ...extra,
  });
}

describeShared('LiveCatalog on real EC2 and Pricing responses', () => {
  let data: FakeAwsData;

  beforeAll(() => {
    data = realAwsData();
  });

  it('answers a price question with one call per API, whatever the number of types and zones', async () => {
    // Given twenty instance types across several families
    const types = [
      'm5.large', 'm5.xlarge', 'm5.2xlarge', 'm5.4xlarge', 'm6i.large', 'm6i.xlarge', 'm6i.2xlarge',
      'c5.large', 'c5.xlarge', 'c5.2xlarge', 'c6i.large', 'c6i.xlarge', 'r5.large', 'r5.xlarge',
      'g4dn.xlarge', 'g4dn.2xlarge', 'g4dn.4xlarge', 'g5.xlarge', 'g6.xlarge', 't3.medium',
    ]; // prettier-ignore
    const aws = new FakeAws(data);
    const catalog = catalogOver(aws);

    // When the specs are looked up and the region view is built
    await catalog.instanceTypes({ types });
    const view = await catalog.regionView('us-east-1', types, WINDOW);

    // Then each API was called once, with every type in one filter
    expect(Object.fromEntries(['DescribeInstanceTypes', 'DescribeAvailabilityZones', 'DescribeInstanceTypeOfferings', 'DescribeSpotPriceHistory', 'GetProducts'].map((op) => [op, aws.count(op)]))).toEqual({
      DescribeInstanceTypes: 1,
      DescribeAvailabilityZones: 1,
      DescribeInstanceTypeOfferings: 1,
      DescribeSpotPriceHistory: 1,
      GetProducts: 1,
    }); // prettier-ignore
    const spotCall = aws.calls.find((call) => call.operation === 'DescribeSpotPriceHistory')!
      .input as DescribeSpotPriceHistoryInput;
    expect(spotCall.Filters).toEqual([
      { Name: 'instance-type', Values: types },
      { Name: 'product-description', Values: ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'] },
    ]);
    expect(spotCall.StartTime).toEqual(WINDOW.start);
    expect(spotCall.EndTime).toEqual(WINDOW.end);
    const pricing = aws.calls.find((call) => call.operation === 'GetProducts')!.input as GetProductsInput;
    expect(pricing.Filters).toContainEqual({ Type: 'ANY_OF', Field: 'instanceType', Value: types.join(',') });
    expect(pricing.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' });
    expect(view.types.map((spec) => spec.instanceType)).toEqual(types);
  });

  it('builds the view from the answers: zones with IDs, offerings, windowed Spot prices, On-Demand price', async () => {
    const catalog = catalogOver(new FakeAws(data));
    const view = await catalog.regionView('us-east-1', ['m5.large', 'g4dn.xlarge'], WINDOW);

    expect(view.info).toMatchObject({
      kind: 'live',
      description: 'live AWS (us-east-1)',
      spotPricesDerived: false,
    });
    expect(view.zones).toEqual([
      { name: 'us-east-1a', id: 'use1-az1' },
      { name: 'us-east-1b', id: 'use1-az2' },
      { name: 'us-east-1c', id: 'use1-az3' },
    ]);
    expect(view.offerings['g4dn.xlarge']).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
      'us-east-1d',
      'us-east-1f',
    ]);
    // The real Price List item: $0.096 per On Demand Linux m5.large Instance Hour
    expect(view.onDemandPrices).toEqual({ 'm5.large': 0.096 });
    expect(view.notes).toContain('No On-Demand price found for g4dn.xlarge in us-east-1.');

    // Spot prices: every real record inside the window, plus each zone's price in force at its start
    const start = WINDOW.start.getTime();
    const inside = data.spot.filter(
      (r) => r.Timestamp!.getTime() >= start && r.Timestamp!.getTime() <= NOW.getTime(),
    );
    const zones = new Set(data.spot.map((r) => r.AvailabilityZone));
    expect(view.spotPrices).toHaveLength(inside.length + zones.size);
    const first1a = view.spotPrices.find((p) => p.zone === 'us-east-1a')!;
    expect(Date.parse(first1a.timestamp)).toBeLessThan(start);
    expect(
      view.spotPrices.every((p) => p.instanceType === 'm5.large' && p.price > 0.03 && p.price < 0.1),
    ).toBe(true);
    const times = view.spotPrices.map((p) => Date.parse(p.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('takes Spot Advisor figures from the injected source, and its note', async () => {
    const spotAdvisor: SpotAdvisorLookup = async (region, types) => ({
      entries: Object.fromEntries(
        types.map((type) => [type, { interruptionBucket: 1 as const, savingsPct: 60 }]),
      ),
      note: `advisor for ${region}`,
    });
    const view = await catalogOver(new FakeAws(data), { spotAdvisor }).regionView(
      'us-east-1',
      ['m5.large'],
      WINDOW,
    );
    expect(view.spotAdvisor).toEqual({ 'm5.large': { interruptionBucket: 1, savingsPct: 60 } });
    expect(view.notes).toContain('advisor for us-east-1');
  });

  it('AccessDenied on Pricing: no On-Demand prices and a note saying why; Spot data kept', async () => {
    const aws = new FakeAws(data);
    aws.failures.GetProducts = denied('GetProducts', 'AccessDeniedException');
    const view = await catalogOver(aws).regionView('us-east-1', ['m5.large'], WINDOW);
    expect(view.onDemandPrices).toEqual({});
    expect(view.spotPrices.length).toBeGreaterThan(0);
    expect(view.notes.join('\n')).toMatch(
      /pricing:GetProducts was denied \(AccessDeniedException\): no On-Demand prices/,
    );
  });

  it('AccessDenied on DescribeSpotPriceHistory: offerings and On-Demand kept, a note saying why', async () => {
    const aws = new FakeAws(data);
    aws.failures.DescribeSpotPriceHistory = denied('DescribeSpotPriceHistory');
    const view = await catalogOver(aws).regionView('us-east-1', ['m5.large'], WINDOW);
    expect(view.spotPrices).toEqual([]);
    expect(view.offerings['m5.large']).toHaveLength(5);
    expect(view.onDemandPrices['m5.large']).toBe(0.096);
    expect(view.notes.join('\n')).toMatch(
      /ec2:DescribeSpotPriceHistory was denied \(UnauthorizedOperation\)/,
    );
  });

  it('AccessDenied on DescribeAvailabilityZones: zones from the offerings, without IDs, and a note', async () => {
    const aws = new FakeAws(data);
    aws.failures.DescribeAvailabilityZones = denied('DescribeAvailabilityZones');
    const view = await catalogOver(aws).regionView('us-east-1', ['g4dn.xlarge'], WINDOW);
    expect(view.zones.map((zone) => zone.name)).toEqual(view.offerings['g4dn.xlarge']);
    expect(view.zones.every((zone) => zone.id === undefined)).toBe(true);
    expect(view.notes.join('\n')).toMatch(/ec2:DescribeAvailabilityZones was denied/);
  });

  it.each([
    [
      'network',
      'ECONNREFUSED',
      5,
      'AWS_UNREACHABLE',
      /no answer from AWS for DescribeInstanceTypeOfferings \(us-east-1\)/,
    ],
    ['throttled', 'RequestLimitExceeded', 5, 'AWS_THROTTLED', /still throttled after retries/],
    ['auth', 'AuthFailure', 4, 'AWS_AUTH_FAILED', /AWS rejected the credentials/],
    [
      'access-denied',
      'UnauthorizedOperation',
      4,
      'AWS_ACCESS_DENIED',
      /DescribeInstanceTypeOfferings \(us-east-1\) was denied/,
    ],
  ] as const)(
    'a %s failure (%s) of a required call is one error, exit %i',
    async (kind, code, exitCode, errorCode, message) => {
      const aws = new FakeAws(data);
      aws.failures.DescribeInstanceTypeOfferings = new AwsCallError(
        'DescribeInstanceTypeOfferings',
        kind,
        code,
        '',
      );
      const failure = await catalogOver(aws)
        .regionView('us-east-1', ['m5.large'], WINDOW)
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SpotctlError);
      expect(failure).toMatchObject({ code: errorCode, exitCode });
      expect((failure as SpotctlError).message).toMatch(message);
      expect((failure as SpotctlError).suggestions.length).toBeGreaterThan(0);
    },
  );

  it('reuses what it knows: a family query after a category query makes no call', async () => {
    const aws = new FakeAws(data);
    const catalog = catalogOver(aws);
    const gs = await catalog.instanceTypes({ categories: ['g'] });
    const g4dn = await catalog.instanceTypes({ families: ['g4dn'] });
    const seeds = await catalog.instanceTypes({ types: ['g4dn.xlarge', 'g5.nope'] });
    expect(aws.count('DescribeInstanceTypes')).toBe(1);
    expect(gs.every((spec) => /^g\d/.test(spec.family))).toBe(true);
    expect(gs.map((s) => s.family)).not.toContain('gr6'); // `g*` matches gr6, its category is `gr`
    expect(g4dn.map((spec) => spec.instanceType)).toContain('g4dn.12xlarge');
    expect(seeds.map((spec) => spec.instanceType)).toEqual(['g4dn.xlarge']);
    const filter = (aws.calls[0]!.input as DescribeInstanceTypesInput).Filters;
    expect(filter).toEqual([{ Name: 'instance-type', Values: ['g*'] }]);
  });

  it('past 100 types, whole-family wildcards keep the call count down', async () => {
    const aws = new FakeAws(data);
    const many = data.instanceTypes
      .map((r) => r.InstanceType!)
      .filter((t) => /^(m5|c5|r5|m6i|c6i|m5a|m5d|c5a|c5d|r5a|r5d|m6a|c6a)\./.test(t));
    expect(many.length).toBeGreaterThan(100);
    await catalogOver(aws).regionView('us-east-1', many, WINDOW);
    const offerings = aws.calls.filter((c) => c.operation === 'DescribeInstanceTypeOfferings');
    expect(offerings).toHaveLength(1);
    expect((offerings[0]!.input as DescribeInstanceTypeOfferingsInput).Filters![0]!.Values).toEqual(
      expect.arrayContaining(['m5.*', 'c5.*', 'r5.*', 'm6i.*', 'c6i.*', 'm5a.*']),
    );
  });

  it('an unknown Region fails before any call, naming the nearest', async () => {
    const aws = new FakeAws(data);
    const failure = await catalogOver(aws)
      .regionView('us-east-7', ['m5.large'], WINDOW)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'UNKNOWN_REGION', exitCode: 3 });
    expect((failure as SpotctlError).suggestions[0]).toMatch(/us-east-1|us-east-2/);
    expect(aws.calls).toEqual([]);
  });

  it('no types: an empty view, no calls', async () => {
    const aws = new FakeAws(data);
    const view = await catalogOver(aws).regionView('us-east-1', [], WINDOW);
    expect(view).toMatchObject({ types: [], zones: [], spotPrices: [], offerings: {} });
    expect(aws.calls).toEqual([]);
  });

  it('empty answers: a type with no offerings and no prices is kept, with nothing invented', async () => {
    const aws = new FakeAws({ ...data, offerings: [], spot: [], priceList: [] });
    const view = await catalogOver(aws).regionView('us-east-1', ['g4dn.xlarge'], WINDOW);
    expect(view.offerings).toEqual({});
    expect(view.spotPrices).toEqual([]);
    expect(view.onDemandPrices).toEqual({});
    expect(view.types.map((spec) => spec.instanceType)).toEqual(['g4dn.xlarge']);
  });

  it('never has more than four calls in flight per service', async () => {
    const inFlight = { ec2: 0, pricing: 0 };
    const most = { ec2: 0, pricing: 0 };
    const aws = new FakeAws(data);
    const slow =
      <I, O>(service: keyof typeof inFlight, work: (input: I) => Promise<O>) =>
      async (input: I) => {
        inFlight[service] += 1;
        most[service] = Math.max(most[service], inFlight[service]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        try {
          return await work(input);
        } finally {
          inFlight[service] -= 1;
        }
      };
    const ec2 = aws.ec2();
    const pricing = aws.pricing();
    const catalog = new LiveCatalog({
      homeRegion: 'us-east-1',
      ec2: () => ({
        instanceTypes: { describeInstanceTypes: slow('ec2', ec2.instanceTypes.describeInstanceTypes) },
        offerings: {
          describeInstanceTypeOfferings: slow('ec2', ec2.offerings.describeInstanceTypeOfferings),
        },
        zones: { describeAvailabilityZones: slow('ec2', ec2.zones.describeAvailabilityZones) },
        spotPriceHistory: {
          describeSpotPriceHistory: slow('ec2', ec2.spotPriceHistory.describeSpotPriceHistory),
        },
      }),
      pricing: { getProducts: slow('pricing', pricing.getProducts) },
      clock: () => NOW,
    });
    // 300 types: three DescribeInstanceTypes batches, a split Spot price history, several GetProducts
    // calls (past the Price List's 1024-character filter value) — all competing for slots.
    const many = data.instanceTypes.map((r) => r.InstanceType!).slice(0, 300);
    await catalog.regionView('us-east-1', many, WINDOW);
    expect(aws.count('GetProducts')).toBeGreaterThanOrEqual(4);
    expect(aws.count('DescribeSpotPriceHistory')).toBe(4);
    expect(most).toEqual({ ec2: 4, pricing: 4 });
  });
});

describe('LiveCatalog without ../shared', () => {
  it('keeps the catalog contract: regions() lists every known Region', async () => {
    const catalog = new LiveCatalog({
      homeRegion: 'eu-west-1',
      ec2: () => {
        throw new Error('no call expected');
      },
      pricing: { getProducts: async () => [] },
      clock: () => NOW,
    });
    expect(await catalog.regions()).toContain('eu-west-1');
    expect(catalog.info).toEqual({
      kind: 'live',
      description: 'live AWS (eu-west-1)',
      generatedAt: NOW.toISOString(),
      spotPricesDerived: false,
    });
  });
});
