import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { SnapshotCatalog, parseSnapshot } from '../../../src/core/catalog/snapshot.js';
import { SpotctlError } from '../../../src/core/errors.js';
import { describeShared, readShared, readSharedJson } from '../../helpers/shared.js';

const bundledText = readFileSync(new URL('../../../src/data/bundled-snapshot.json', import.meta.url), 'utf8');
const bundled = parseSnapshot(bundledText, 'bundled');

const minimal = (override: Record<string, unknown> = {}) =>
  JSON.stringify({
    kind: 'spotctl-snapshot',
    schemaVersion: 1,
    generatedAt: '2026-01-01T00:00:00Z',
    instanceTypes: {},
    regions: {},
    ...override,
  });

describe('parseSnapshot rejects malformed files with the path of the problem', () => {
  it.each([
    ['not JSON', '{"kind": ', /snap\.json: not valid JSON/],
    ['an array', '[]', /expected a JSON object/],
    ['another kind', minimal({ kind: 'other' }), /kind: expected "spotctl-snapshot"/],
    ['a future schema', minimal({ schemaVersion: 2 }), /schemaVersion: unsupported version 2/],
    ['a bad date', minimal({ generatedAt: 'yesterday' }), /generatedAt: expected an ISO 8601 date/],
    [
      'a spec without vCPUs',
      minimal({ instanceTypes: { 'm5.large': { memoryMiB: 8192, architectures: [] } } }),
      /instanceTypes\.m5\.large: expected vcpus and memoryMiB numbers/,
    ],
    [
      'a price point without a price',
      minimal({
        regions: {
          'us-east-1': {
            zones: [],
            offerings: {},
            onDemandPrices: {},
            spotAdvisor: {},
            spotPrices: { 'm5.large': [{ zone: 'us-east-1a' }] },
          },
        },
      }),
      /regions\.us-east-1\.spotPrices\.m5\.large\[0\]: expected \{zone, price, timestamp\}/,
    ],
  ])('%s', (_name, text, message) => {
    let error: unknown;
    try {
      parseSnapshot(text, 'snap.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SpotctlError);
    expect((error as SpotctlError).code).toBe('MALFORMED_SNAPSHOT');
    expect((error as SpotctlError).exitCode).toBe(3);
    expect((error as SpotctlError).message).toMatch(message);
    expect((error as SpotctlError).suggestions[0]).toContain('spotctl snapshot');
  });
});

describe('the bundled snapshot', () => {
  const catalog = new SnapshotCatalog(bundled, 'bundled', 'bundled');

  it('covers the families platform teams run on Spot', async () => {
    const families = ['g4dn', 'g5', 'g6', 'p3', 'm5', 'm6i', 'm7i', 'c5', 'c6i', 'r5', 't3'];
    const specs = await catalog.instanceTypes({ families });
    expect(new Set(specs.map((s) => s.family))).toEqual(new Set(families));
    expect(Object.keys(bundled.regions).sort()).toEqual([
      'ap-southeast-1',
      'eu-west-1',
      'us-east-1',
      'us-west-2',
    ]);
  });

  it('marks every Spot price as derived and says so', () => {
    const points = Object.values(bundled.regions).flatMap((r) => Object.values(r.spotPrices).flat());
    expect(points.length).toBeGreaterThan(1000);
    expect(points.every((p) => p.derived === true)).toBe(true);
    expect(catalog.info.spotPricesDerived).toBe(true);
    expect(catalog.info.description).toMatch(/^bundled data from \d{4}-\d{2}-\d{2}$/);
  });

  it('says which regions have no price data instead of inventing it', () => {
    for (const region of ['us-west-2', 'ap-southeast-1', 'eu-west-1']) {
      expect(Object.keys(bundled.regions[region]!.spotPrices)).toHaveLength(0);
      expect(bundled.regions[region]!.notes.join(' ')).toContain(`No price data for ${region}`);
    }
  });

  it('gives the price in force at a window’s start when the data is older than the window', async () => {
    const view = await catalog.regionView('us-east-1', ['g4dn.xlarge'], {
      start: new Date('2030-01-01T00:00:00Z'),
      end: new Date('2030-01-08T00:00:00Z'),
    });
    expect(view.spotPrices.length).toBe(view.offerings['g4dn.xlarge']!.length);
  });

  it('names the regions it has when asked for another', async () => {
    await expect(
      catalog.regionView('sa-east-1', ['m5.large'], { start: new Date(0), end: new Date() }),
    ).rejects.toThrow(/no data for region sa-east-1/);
  });
});

describeShared('the bundled snapshot against its sources', () => {
  it('has exactly the per-AZ offerings of the captured DescribeInstanceTypeOfferings data', () => {
    for (const region of ['us-east-1', 'us-west-2', 'ap-southeast-1', 'eu-west-1']) {
      const rows = readSharedJson<Array<{ InstanceType: string; Location: string }>>(
        `reference/instance-data/offerings-moto/availability-zone.${region}.json`,
      );
      const count = Object.values(bundled.regions[region]!.offerings).reduce(
        (n, zones) => n + zones.length,
        0,
      );
      expect(count).toBe(rows.length);
    }
  });

  it('derives us-east-1 Spot prices from Karpenter’s On-Demand table and the Spot Advisor savings', () => {
    const od = readSharedJson<{ prices: Record<string, Record<string, number>> }>(
      'reference/instance-data/on-demand-prices.karpenter-v1.14.1.json',
    ).prices['us-east-1']!;
    const csv = readShared('reference/instance-data/spot-advisor.4-regions.csv')
      .trim()
      .split('\n')
      .map((line) => line.split(','));
    const advisorRow = csv.find((r) => r[0] === 'us-east-1' && r[1] === 'Linux' && r[2] === 'g4dn.xlarge')!;
    const savings = Number(advisorRow[5]);
    const point = bundled.regions['us-east-1']!.spotPrices['g4dn.xlarge']![0]!;
    expect(bundled.regions['us-east-1']!.onDemandPrices['g4dn.xlarge']).toBe(od['g4dn.xlarge']);
    expect(point.price).toBeCloseTo(od['g4dn.xlarge']! * (1 - savings / 100), 4);
    expect(bundled.regions['us-east-1']!.spotAdvisor['g4dn.xlarge']).toEqual({
      interruptionBucket: Number(advisorRow[3]),
      savingsPct: savings,
    });
  });
});

describe('parseSnapshot refuses what JSON lets through', () => {
  const withPrice = (price: string) =>
    `{"kind":"spotctl-snapshot","schemaVersion":1,"generatedAt":"2026-01-01T00:00:00Z","instanceTypes":{},"regions":{"us-east-1":{"zones":[],"offerings":{},"spotPrices":{"m5.large":[{"zone":"us-east-1a","price":${price},"timestamp":"2026-01-01T00:00:00Z"}]},"onDemandPrices":{},"spotAdvisor":{}}}}`;

  it.each(['1e999', '-1'])('a price of %s', (price) => {
    expect(() => parseSnapshot(withPrice(price), 'snap.json')).toThrow(
      /spotPrices\.m5\.large\[0\]: .*finite price/,
    );
  });

  it('malformed JSON: a one-line message, whatever the input quoted', () => {
    let message = '';
    try {
      parseSnapshot('{"kind":\n\n\u001b[2J}', 'snap.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^snap\.json: not valid JSON/);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('\u001b');
  });
});
