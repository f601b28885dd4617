import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { SnapshotCatalog, parseSnapshot } from '../../../src/core/catalog/snapshot.js';
import type { RegionView } from '../../../src/core/catalog/types.js';
import { windowEndingAt } from '../../../src/core/catalog/window.js';
import { analysePrices } from '../../../src/core/prices/analyse.js';
import { sortTypes } from '../../../src/core/prices/run.js';
import { renderPriceReport } from '../../../src/core/prices/text.js';
import { describeShared, readSharedJson } from '../../helpers/shared.js';

const bundled = new SnapshotCatalog(
  parseSnapshot(
    readFileSync(new URL('../../../src/data/bundled-snapshot.json', import.meta.url), 'utf8'),
    'b',
  ),
  'bundled',
  'bundled',
);
const NOW = new Date('2026-12-01T00:00:00Z');
const window = windowEndingAt(NOW, 7);
const lines = (text: string) => text.split('\n');

describe('prices on bundled estimates', async () => {
  const analysis = analysePrices(
    await bundled.regionView('us-east-1', ['g4dn.xlarge', 'm5.large', 'g5.xlarge'], window),
    window,
  );
  const text = renderPriceReport(analysis, NOW);

  it('says they are estimates in the title, and the data source right under it', () => {
    expect(lines(text)[0]).toBe(
      'Estimated Spot prices in us-east-1 (On-Demand × (1 − Spot Advisor savings); no price history)',
    );
    expect(lines(text)[1]).toMatch(
      /^Data: bundled data from 2026-07-06 \(5 months old; Spot prices are estimates\)$/,
    );
    expect(text).not.toMatch(/last 7 days/);
  });

  it('prints one row per type (every zone has the same estimate) and no history columns', () => {
    const header = lines(text)[3]!;
    expect(header.split(/ {2,}/)).toEqual([
      'TYPE',
      'ZONE',
      'SPOT EST.',
      'PER UNIT-H',
      'ON-DEMAND',
      'SAVINGS',
      'INTERRUPTION',
    ]);
    const rows = lines(text).slice(4, 7);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(
      /^g4dn\.xlarge +5 zones, same price +\$0\.1894 +\$0\.1894\/GPU +\$0\.5260 +64% +15-20%$/,
    );
    expect(rows[1]).toMatch(/^m5\.large +5 zones, same price +\$0\.0326 +\$0\.0163\/vCPU /);
    expect(lines(text)[7]).toBe('');
  });

  it('-o wide shows every zone', () => {
    const wide = renderPriceReport(analysis, NOW, undefined, { wide: true });
    expect(wide.match(/^g4dn\.xlarge +us-east-1[a-f] /gm)).toHaveLength(5);
  });

  it('--sort orders by what is asked, unknowns last', () => {
    const order = (sort: Parameters<typeof sortTypes>[1]) =>
      sortTypes(analysis.types, sort).map((t) => t.instanceType);
    expect(order(undefined)).toEqual(['g4dn.xlarge', 'm5.large', 'g5.xlarge']);
    expect(order('price')).toEqual(['m5.large', 'g4dn.xlarge', 'g5.xlarge']);
    expect(order('savings')).toEqual(['m5.large', 'g4dn.xlarge', 'g5.xlarge']);
    expect(order('interruption')).toEqual(['g4dn.xlarge', 'm5.large', 'g5.xlarge']);
  });

  it('fits a narrow terminal by dropping the least important columns, and says so', () => {
    const narrow = renderPriceReport(analysis, NOW, undefined, { width: 70 });
    const table = lines(narrow).slice(3, 7);
    for (const line of table) expect([...line].length).toBeLessThanOrEqual(70);
    expect(narrow).toContain('(ON-DEMAND, INTERRUPTION hidden to fit 70 columns; -o wide shows them)');
    // The price per unit is the last to go
    expect(table[0]).toContain('PER UNIT-H');
  });
});

describeShared('prices on measured history (real m5.large DescribeSpotPriceHistory, us-east-1)', () => {
  const history = readSharedJson<{
    SpotPriceHistory: Array<{
      AvailabilityZone: string;
      SpotPrice: string;
      Timestamp: string;
      InstanceType: string;
    }>;
  }>('reference/ec2-api/describe-spot-price-history/instance-selector.m5.large.json').SpotPriceHistory;
  const now = new Date('2021-02-09T12:00:00Z');
  const measured = windowEndingAt(now, 7);
  const zones = [...new Set(history.map((r) => r.AvailabilityZone))].sort();
  const view: RegionView = {
    region: 'us-east-1',
    info: {
      kind: 'live',
      description: 'live AWS (us-east-1)',
      generatedAt: now.toISOString(),
      spotPricesDerived: false,
    },
    zones: zones.map((name) => ({ name })),
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
    offerings: { 'm5.large': zones },
    spotPrices: history.map((r) => ({
      instanceType: r.InstanceType,
      zone: r.AvailabilityZone,
      price: Number(r.SpotPrice),
      timestamp: r.Timestamp,
    })),
    onDemandPrices: { 'm5.large': 0.096 },
    spotAdvisor: {},
    notes: [],
  };
  const analysis = analysePrices(view, measured);
  const text = renderPriceReport(analysis, now);

  it('shows a row per zone where prices differ, with min/mean/max and a trend', () => {
    expect(lines(text)[0]).toBe('Spot prices in us-east-1, last 7 days');
    expect(lines(text)[3]!.split(/ {2,}/)).toEqual([
      'TYPE',
      'ZONE',
      'SPOT NOW',
      'PER VCPU-H',
      'MIN',
      'MEAN',
      'MAX',
      'TREND',
      'ON-DEMAND',
      'SAVINGS',
      'INTERRUPTION',
    ]);
    expect(text.match(/^m5\.large +us-east-1[a-f] /gm)).toHaveLength(analysis.types[0]!.zones.length);
    const zone = analysis.types[0]!.zones[0]!;
    expect(text).toContain(`$${(zone.latest / 2).toFixed(4)}`);
  });
});
