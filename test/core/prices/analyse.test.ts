import { describe, expect, it } from 'vitest';

import { analysePrices, zoneStats } from '../../../src/core/prices/analyse.js';
import type { RegionView, SpotPricePoint } from '../../../src/core/catalog/types.js';
import { describeShared, readSharedJson } from '../../helpers/shared.js';
import { windowEndingAt } from '../../../src/core/catalog/window.js';

const point = (
  zone: string,
  price: number,
  timestamp: string,
  instanceType = 'm5.large',
): SpotPricePoint => ({
  instanceType,
  zone,
  price,
  timestamp,
});

describe('zoneStats', () => {
  const window = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-11T00:00:00Z') };

  it('weights each price by how long it was in force, counting the price in force at the start', () => {
    // Given 0.10 from before the window until day 8, then 0.20 for the last 2 days
    const stats = zoneStats(
      [point('a', 0.2, '2026-01-09T00:00:00Z'), point('a', 0.1, '2025-12-20T00:00:00Z')],
      window,
    );
    // Then the mean is (8 × 0.10 + 2 × 0.20) / 10, not the plain average 0.15
    expect(stats.mean).toBeCloseTo(0.12, 6);
    expect(stats.latest).toBe(0.2);
    expect(stats.min).toBe(0.1);
    expect(stats.max).toBe(0.2);
    expect(stats.changes).toBe(1);
    expect(stats.volatility).toBeGreaterThan(0);
    expect(stats.trend[0]).toBe(0.1);
    expect(stats.trend.at(-1)).toBe(0.2);
  });

  it('reports a flat price as zero volatility', () => {
    const stats = zoneStats([point('a', 0.05, '2025-06-01T00:00:00Z')], window);
    expect(stats).toMatchObject({
      latest: 0.05,
      min: 0.05,
      mean: 0.05,
      max: 0.05,
      volatility: 0,
      changes: 0,
    });
  });
});

describeShared('analysePrices on real DescribeSpotPriceHistory records (m5.large, us-east-1, 2021)', () => {
  const history = readSharedJson<{
    SpotPriceHistory: Array<{
      AvailabilityZone: string;
      SpotPrice: string;
      Timestamp: string;
      InstanceType: string;
    }>;
  }>('reference/ec2-api/describe-spot-price-history/instance-selector.m5.large.json').SpotPriceHistory;
  const points = history.map((r) =>
    point(r.AvailabilityZone, Number(r.SpotPrice), r.Timestamp, r.InstanceType),
  );
  const now = new Date('2021-02-09T12:00:00Z');
  const window = windowEndingAt(now, 7);
  const view: RegionView = {
    region: 'us-east-1',
    info: { kind: 'snapshot', description: 'test', generatedAt: now.toISOString(), spotPricesDerived: false },
    zones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f'].map((name) => ({ name })),
    types: [
      {
        instanceType: 'm5.large',
        family: 'm5',
        size: 'large',
        vcpus: 2,
        memoryMiB: 8192,
        architectures: ['x86_64'],
        supportsSpot: true,
        currentGeneration: true,
        bareMetal: false,
        burstable: false,
      },
    ],
    offerings: { 'm5.large': ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f'] },
    spotPrices: points,
    onDemandPrices: { 'm5.large': 0.096 },
    spotAdvisor: {},
    notes: [],
  };
  const analysis = analysePrices(view, window);
  const m5 = analysis.types[0]!;

  it('finds each zone’s latest record and the cheapest zone', () => {
    const latestByZone = new Map<string, { price: number; t: number }>();
    for (const p of points) {
      const t = Date.parse(p.timestamp);
      if (!latestByZone.has(p.zone) || latestByZone.get(p.zone)!.t < t)
        latestByZone.set(p.zone, { price: p.price, t });
    }
    expect(m5.zones.map((z) => z.zone)).toEqual([...latestByZone.keys()].sort());
    for (const zone of m5.zones) expect(zone.latest).toBe(latestByZone.get(zone.zone)!.price);
    const cheapest = Math.min(...[...latestByZone.values()].map((v) => v.price));
    expect(m5.spotPrice).toBe(cheapest);
    expect(m5.savingsPct).toBeCloseTo((1 - cheapest / 0.096) * 100, 1);
    expect(m5.spotPerVcpu).toBeCloseTo(cheapest / 2, 5);
  });

  it('keeps every statistic within the observed range', () => {
    for (const zone of m5.zones) {
      expect(zone.min).toBeLessThanOrEqual(zone.mean);
      expect(zone.mean).toBeLessThanOrEqual(zone.max);
      expect(zone.trend).toHaveLength(16);
    }
  });
});
