/**
 * The EC2 and Pricing adapters over mocked SDK clients: requests pass through as the core built them,
 * every page is collected, errors become classified AwsCallErrors, a silent call ends at the deadline.
 * Plus the credential and Region discovery that decides between live and bundled data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  DescribeSpotPriceHistoryCommand,
  EC2Client,
  type SpotPrice,
} from '@aws-sdk/client-ec2';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { ec2CatalogPorts } from '../../../src/adapters/aws/ec2-ports.js';
import { probeCredentials, profileRegion } from '../../../src/adapters/aws/live-catalog.js';
import { getProductsPort } from '../../../src/adapters/aws/pricing-port.js';
import { AwsCallError } from '../../../src/core/aws/ports.js';
import { describeShared, readShared, readSharedJson } from '../../helpers/shared.js';

const ec2 = mockClient(EC2Client);
const pricing = mockClient(PricingClient);
const pages = { idleTimeoutMs: 2_000 };

const sdkError = (name: string, message = name, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });

afterEach(() => {
  ec2.reset();
  pricing.reset();
});
// mockClient replaces the client class's send() for the whole process: give it back for the next file.
afterAll(() => {
  ec2.restore();
  pricing.restore();
});

const ports = () => ec2CatalogPorts(new EC2Client({ region: 'us-east-1' }), pages);

describeShared('EC2 adapter', () => {
  let spot: SpotPrice[];
  beforeAll(() => {
    spot = readSharedJson<{
      SpotPriceHistory: Array<{
        InstanceType: string;
        AvailabilityZone: string;
        SpotPrice: string;
        Timestamp: string;
      }>;
    }>('reference/ec2-api/describe-spot-price-history/instance-selector.m5.large.json').SpotPriceHistory.map(
      (record) => ({ ...record, Timestamp: new Date(record.Timestamp) }) as SpotPrice,
    );
  });

  it('DescribeSpotPriceHistory: one filtered request, every page, the largest page size', async () => {
    ec2
      .on(DescribeSpotPriceHistoryCommand, { NextToken: undefined })
      .resolves({ SpotPriceHistory: spot.slice(0, 100), NextToken: 'page-2' })
      .on(DescribeSpotPriceHistoryCommand, { NextToken: 'page-2' })
      .resolves({ SpotPriceHistory: spot.slice(100), NextToken: '' });
    const input = {
      Filters: [
        { Name: 'instance-type', Values: ['m5.large'] },
        { Name: 'product-description', Values: ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'] },
      ],
      StartTime: new Date('2021-01-01T00:00:00Z'),
      EndTime: new Date('2021-02-10T00:00:00Z'),
    };

    const records = await (await ports()).spotPriceHistory.describeSpotPriceHistory(input);

    expect(records).toHaveLength(250);
    const calls = ec2.commandCalls(DescribeSpotPriceHistoryCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input).toMatchObject({ ...input, MaxResults: 1000 });
    expect(calls[1]!.args[0].input).toMatchObject({ NextToken: 'page-2' });
  });

  it('DescribeInstanceTypes: filters passed through, pages of 100', async () => {
    const described = readSharedJson<{ InstanceTypes: Record<string, { InstanceType: string }> }>(
      'reference/instance-data/describe-instance-types.selected-families.json',
    ).InstanceTypes;
    const g4dn = Object.values(described).filter((r) => r.InstanceType.startsWith('g4dn.'));
    ec2.on(DescribeInstanceTypesCommand).resolves({ InstanceTypes: g4dn as never });
    const records = await (
      await ports()
    ).instanceTypes.describeInstanceTypes({
      Filters: [{ Name: 'instance-type', Values: ['g4dn.*'] }],
    });
    expect(records.map((r) => r.InstanceType).sort()).toEqual(g4dn.map((r) => r.InstanceType).sort());
    expect(ec2.commandCalls(DescribeInstanceTypesCommand)[0]!.args[0].input).toEqual({
      Filters: [{ Name: 'instance-type', Values: ['g4dn.*'] }],
      MaxResults: 100,
      NextToken: undefined,
    });
  });

  it('DescribeInstanceTypeOfferings by zone ID, and DescribeAvailabilityZones (unpaginated)', async () => {
    const zones = readSharedJson<{ AvailabilityZones: object[] }>(
      'reference/ec2-api/describe-availability-zones/instance-selector.us-east-2.json',
    ).AvailabilityZones;
    ec2
      .on(DescribeInstanceTypeOfferingsCommand)
      .resolves({
        InstanceTypeOfferings: [
          { InstanceType: 'm5.large', LocationType: 'availability-zone-id', Location: 'use2-az1' },
        ],
      })
      .on(DescribeAvailabilityZonesCommand)
      .resolves({ AvailabilityZones: zones });
    const p = await ports();
    const offerings = await p.offerings.describeInstanceTypeOfferings({
      LocationType: 'availability-zone-id',
    });
    expect(offerings[0]).toMatchObject({ Location: 'use2-az1' });
    expect(ec2.commandCalls(DescribeInstanceTypeOfferingsCommand)[0]!.args[0].input).toMatchObject({
      LocationType: 'availability-zone-id',
      MaxResults: 1000,
    });
    const az = await p.zones.describeAvailabilityZones({});
    expect(az.map((zone) => [zone.ZoneName, zone.ZoneId])).toEqual([
      ['us-east-2a', 'use2-az1'],
      ['us-east-2b', 'use2-az2'],
      ['us-east-2c', 'use2-az3'],
    ]);
  });
});

describe('adapter errors', () => {
  it.each([
    [
      sdkError('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      'access-denied',
      'UnauthorizedOperation',
    ],
    [sdkError('RequestLimitExceeded', 'Request limit exceeded.'), 'throttled', 'RequestLimitExceeded'],
    [
      sdkError('AuthFailure', 'AWS was not able to validate the provided access credentials'),
      'auth',
      'AuthFailure',
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      'network',
      'ECONNREFUSED',
    ],
    [Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), 'network', 'TimeoutError'],
    [
      sdkError('InvalidParameterValue', 'Invalid value for instance-type'),
      'invalid-request',
      'InvalidParameterValue',
    ],
    [
      sdkError('InternalError', 'An internal error has occurred', { $metadata: { httpStatusCode: 500 } }),
      'service',
      'InternalError',
    ],
  ])('%s → %s', async (error, kind, code) => {
    ec2.on(DescribeSpotPriceHistoryCommand).rejects(error);
    const failure = await (
      await ports()
    ).spotPriceHistory
      .describeSpotPriceHistory({})
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({ operation: 'DescribeSpotPriceHistory', kind, code });
  });

  it('a call that never answers ends at the idle deadline as a network failure', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).callsFake(() => new Promise(() => undefined));
    const p = await ec2CatalogPorts(new EC2Client({ region: 'us-east-1' }), { idleTimeoutMs: 50 });
    const started = Date.now();
    const failure = await p.zones.describeAvailabilityZones({}).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(failure).toMatchObject({
      kind: 'network',
      code: 'TimeoutError',
      message: 'no answer within 0.1 s',
    });
  });
});

describeShared('Pricing adapter', () => {
  it('GetProducts: every page, aws_v1, 100 per page, PriceList strings as sent', async () => {
    const item = readShared(
      'reference/ec2-api/pricing/instance-selector.get-products.price-list-item.m5.large.json',
    );
    const example = readSharedJson<{ PriceList: string[] }>(
      'reference/ec2-api/pricing/aws-cli.get-products.response.json',
    );
    pricing
      .on(GetProductsCommand, { NextToken: undefined })
      .resolves({ FormatVersion: 'aws_v1', PriceList: example.PriceList, NextToken: 'next' })
      .on(GetProductsCommand, { NextToken: 'next' })
      .resolves({ FormatVersion: 'aws_v1', PriceList: [item] });
    const port = await getProductsPort(new PricingClient({ region: 'us-east-1' }), pages);
    const filters = [{ Type: 'ANY_OF' as const, Field: 'instanceType', Value: 'm5.large,m5.xlarge' }];
    const items = await port.getProducts({ ServiceCode: 'AmazonEC2', Filters: filters });
    expect(items).toEqual([...example.PriceList, item]);
    expect(pricing.commandCalls(GetProductsCommand)[0]!.args[0].input).toMatchObject({
      ServiceCode: 'AmazonEC2',
      Filters: filters,
      FormatVersion: 'aws_v1',
      MaxResults: 100,
    });
  });

  it('AccessDeniedException is classified as access-denied (the catalog degrades on it)', async () => {
    pricing.on(GetProductsCommand).rejects(sdkError('AccessDeniedException', 'User is not authorized'));
    const port = await getProductsPort(new PricingClient({ region: 'us-east-1' }), pages);
    await expect(port.getProducts({ ServiceCode: 'AmazonEC2', Filters: [] })).rejects.toMatchObject({
      operation: 'GetProducts',
      kind: 'access-denied',
      code: 'AccessDeniedException',
    });
  });
});

describe('credential and Region discovery (no AWS call)', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  const isolate = (extra: Record<string, string> = {}) => {
    for (const key of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
    ])
      delete process.env[key];
    Object.assign(process.env, {
      AWS_CONFIG_FILE: '/nonexistent/spotctl-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/spotctl-credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    });
  };

  it('environment credentials are found', async () => {
    isolate({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(await probeCredentials({ region: 'us-east-1' })).toEqual({ ok: true });
  });

  it('no credentials anywhere: not ok, with the reason', async () => {
    isolate();
    const probe = await probeCredentials({ region: 'us-east-1' });
    expect(probe.ok).toBe(false);
    expect(!probe.ok && probe.reason).toMatch(/credentials/i);
  });

  it('a profile from the shared files gives credentials and its Region', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-aws-'));
    writeFileSync(join(dir, 'config'), '[profile team]\nregion = eu-west-1\n');
    writeFileSync(
      join(dir, 'credentials'),
      '[team]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n',
    );
    isolate({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') });
    expect(await probeCredentials({ profile: 'team' })).toEqual({ ok: true });
    expect(await profileRegion({ profile: 'team' })).toBe('eu-west-1');
    expect(await profileRegion({ profile: 'other' })).toBeUndefined();
  });
});
