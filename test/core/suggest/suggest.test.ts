import { describe, expect, it } from 'vitest';

import { analysePrices } from '../../../src/core/prices/analyse.js';
import {
  candidateTypes,
  isSiblingFamily,
  requirementsFromSeeds,
} from '../../../src/core/suggest/candidates.js';
import { suggest } from '../../../src/core/suggest/suggest.js';
import { spec, viewWith } from './fixtures.js';

const window = { start: new Date('2022-04-05T00:00:00Z'), end: new Date('2022-04-12T00:00:00Z') };

function run(
  spot: Record<string, number>,
  seeds: string[],
  capacity: 'spot-and-on-demand' | 'spot' = 'spot-and-on-demand',
) {
  const view = viewWith(spot, { 'g4dn.xlarge': 0.736, 'g4dn.2xlarge': 1.052, 'g4dn.4xlarge': 1.685 });
  const seedSpecs = seeds.map(spec);
  const candidates = candidateTypes(seedSpecs, view.types, requirementsFromSeeds(seedSpecs));
  return suggest(analysePrices(view, window), seedSpecs, candidates, { capacity, maxSuggestions: 20 });
}

describe('suggest — the seed blog scenario', () => {
  // Given g4dn.4xlarge's Spot price below g4dn.xlarge's, as in the blog
  const result = run(
    { 'g4dn.xlarge': 0.2208, 'g4dn.2xlarge': 0.3156, 'g4dn.4xlarge': 0.2022, 'g4dn.8xlarge': 0.95 },
    ['g4dn.xlarge', 'g4dn.2xlarge'],
  );
  const fourXl = result.recommended.find((t) => t.instanceType === 'g4dn.4xlarge');

  it('recommends g4dn.4xlarge, first, and says why in numbers', () => {
    expect(fourXl).toBeDefined();
    expect(fourXl!.rank).toBe(1);
    expect(fourXl!.reasons.join(' ')).toMatch(
      /\$0\.202\/h = \$0\.202\/GPU-h .*8% below g4dn\.xlarge \(\$0\.221\/GPU-h\)/,
    );
  });

  it('shows the quota cost of the larger size', () => {
    expect(fourXl!.quotaVcpusPerUnit).toBe(16);
    expect(fourXl!.spotQuotaCode).toBe('L-3819A6DF');
    expect(fourXl!.reasons.join(' ')).toContain(
      'uses 16 vCPU of the G and VT quota per node — 4× the seeds per GPU',
    );
    const g = result.quota.find((q) => q.bucket === 'g-vt')!;
    expect(g.message).toContain('g4dn.4xlarge takes 16 vCPU per GPU against 4 for g4dn.xlarge');
    expect(g.message).toContain('MaxSpotInstanceCountExceeded 4× sooner');
  });

  it('keeps the seeds, gives a paste-ready requirement, and leaves out dearer, bigger nodes', () => {
    expect(result.requirement.values).toEqual(result.recommended.map((t) => t.instanceType));
    expect(result.requirement.values).toEqual(
      expect.arrayContaining(['g4dn.xlarge', 'g4dn.2xlarge', 'g4dn.4xlarge']),
    );
    const eight = result.rejected.find((r) => r.instanceType === 'g4dn.8xlarge');
    // $0.95 Spot is above g4dn.xlarge's $0.736 On-Demand: Karpenter would never launch it as Spot here
    expect(eight?.reason).toMatch(/above g4dn\.xlarge's On-Demand \$0\.736\/h/);
  });

  it('says the list is below Karpenter’s floors', () => {
    expect(result.floors.map((f) => [f.id, f.required, f.actual])).toEqual([
      ['on-demand-fallback', 5, 3],
      ['spot-to-spot-consolidation', 15, 3],
    ]);
  });
});

describe('suggest — filling to the 5-type floor', () => {
  it('adds the cheapest equivalent GPU types in other capacity pools, saying they cost more', () => {
    const result = run(
      {
        'g4dn.xlarge': 0.19,
        'g4dn.2xlarge': 0.29,
        'g5.xlarge': 0.41,
        'g6.xlarge': 0.4,
        'g5.2xlarge': 0.5,
        'g6.2xlarge': 0.45,
      },
      ['g4dn.xlarge'],
    );
    expect(result.recommended.map((t) => t.instanceType)).toEqual([
      'g4dn.xlarge',
      'g4dn.2xlarge',
      'g6.xlarge',
      'g5.xlarge',
      'g6.2xlarge',
    ]);
    const g6 = result.recommended.find((t) => t.instanceType === 'g6.xlarge')!;
    expect(g6.reasons.join(' ')).toMatch(/added to reach 5 types.*111% above g4dn\.xlarge per GPU/);
    expect(result.floors.map((f) => f.id)).toEqual(['spot-to-spot-consolidation']);
  });

  it('does not apply the On-Demand fallback floor to a Spot-only pool', () => {
    const result = run({ 'g4dn.xlarge': 0.19, 'g4dn.4xlarge': 0.18 }, ['g4dn.xlarge'], 'spot');
    expect(result.floors.map((f) => f.id)).toEqual(['spot-to-spot-consolidation']);
  });
});

describe('sibling families', () => {
  it('treats NVIDIA G families with at least the seed’s GPU memory as equivalent', () => {
    expect(isSiblingFamily(spec('g4dn.xlarge'), spec('g5.xlarge'))).toBe(true);
    expect(isSiblingFamily(spec('g4dn.xlarge'), spec('g6.xlarge'))).toBe(true);
    // AMD GPU, ARM CPU, and P-class training GPUs are not drop-in replacements
    expect(isSiblingFamily(spec('g4dn.xlarge'), spec('g4ad.xlarge'))).toBe(false);
    expect(isSiblingFamily(spec('g4dn.xlarge'), spec('g5g.xlarge'))).toBe(false);
    expect(isSiblingFamily(spec('g4dn.xlarge'), spec('p3.2xlarge'))).toBe(false);
  });

  it('treats same-category general-purpose families with a similar memory ratio as equivalent', () => {
    expect(isSiblingFamily(spec('m5.xlarge'), spec('m6i.xlarge'))).toBe(true);
    expect(isSiblingFamily(spec('m5.xlarge'), spec('m6a.xlarge'))).toBe(true);
    expect(isSiblingFamily(spec('m5.xlarge'), spec('c5.xlarge'))).toBe(false);
    expect(isSiblingFamily(spec('m5.xlarge'), spec('m6g.xlarge'))).toBe(false); // arm64
    expect(isSiblingFamily(spec('m5.xlarge'), spec('r5.xlarge'))).toBe(false);
  });

  it('never suggests a size smaller than the smallest seed', () => {
    const seeds = [spec('m5.xlarge')];
    const pool = ['m5.large', 'm5.2xlarge', 'm6i.large', 'm6i.xlarge'].map(spec);
    expect(candidateTypes(seeds, pool, requirementsFromSeeds(seeds)).map((t) => t.instanceType)).toEqual([
      'm5.2xlarge',
      'm6i.xlarge',
    ]);
  });
});
