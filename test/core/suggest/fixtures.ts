/**
 * Test inputs for suggestion: real g4dn/g5/g6 specs from the bundled data, with Spot prices given per test
 * (the seed blog's market had g4dn.4xlarge's Spot price below g4dn.xlarge's).
 */
import { readFileSync } from 'node:fs';

import type { InstanceTypeSpec, RegionView } from '../../../src/core/catalog/types.js';
import { parseSnapshot } from '../../../src/core/catalog/snapshot.js';

const bundled = parseSnapshot(
  readFileSync(new URL('../../../src/data/bundled-snapshot.json', import.meta.url), 'utf8'),
  'bundled',
);

export const spec = (name: string): InstanceTypeSpec => {
  const found = bundled.instanceTypes[name];
  if (!found) throw new Error(`no spec for ${name}`);
  return found;
};

export const ZONES = ['ap-southeast-1a', 'ap-southeast-1b', 'ap-southeast-1c'];

/** A region view with the given Spot prices in every zone, On-Demand prices optional. */
export function viewWith(spot: Record<string, number>, onDemand: Record<string, number> = {}): RegionView {
  const types = Object.keys(spot).map(spec);
  return {
    region: 'ap-southeast-1',
    info: {
      kind: 'snapshot',
      description: 'test market',
      generatedAt: '2022-04-12T00:00:00Z',
      spotPricesDerived: false,
    },
    zones: ZONES.map((name) => ({ name })),
    types,
    offerings: Object.fromEntries(types.map((t) => [t.instanceType, ZONES])),
    spotPrices: Object.entries(spot).flatMap(([instanceType, price]) =>
      ZONES.map((zone) => ({ instanceType, zone, price, timestamp: '2022-04-10T00:00:00Z' })),
    ),
    onDemandPrices: onDemand,
    spotAdvisor: {},
    notes: [],
  };
}
