import { describe, expect, it } from 'vitest';

import { analysePrices } from '../../../src/core/prices/analyse.js';
import {
  candidateTypes,
  isSiblingFamily,
  requirementsFromSeeds,
  selectCandidates,
} from '../../../src/core/suggest/candidates.js';
import { suggest } from '../../../src/core/suggest/suggest.js';
import { spec, viewWith } from './fixtures.js';

const window = { start: new Date('2022-04-05T00:00:00Z'), end: new Date('2022-04-12T00:00:00Z') };

function run(
  spot: Record<string, number>,
  seeds: string[],
  capacity: 'spot-and-on-demand' | 'spot' = 'spot-and-on-demand',
  maxSuggestions = 20,
) {
  const view = viewWith(spot, { 'g4dn.xlarge': 0.736, 'g4dn.2xlarge': 1.052, 'g4dn.4xlarge': 1.685 });
  const seedSpecs = seeds.map(spec);
  // g5 is previous generation by EC2's flag: asked for here, so these markets can compare g5 and g6
  const candidates = candidateTypes(seedSpecs, view.types, requirementsFromSeeds(seedSpecs), {
    includePreviousGeneration: true,
  });
  return suggest(analysePrices(view, window), seedSpecs, candidates, { capacity, maxSuggestions });
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

describe('suggest — filling the list', () => {
  const market = {
    'g4dn.xlarge': 0.19,
    'g4dn.2xlarge': 0.29,
    'g5.xlarge': 0.41,
    'g6.xlarge': 0.4,
    'g5.2xlarge': 0.5,
    'g6.2xlarge': 0.45,
  };

  it('adds the next-best equivalent GPU types up to --max, saying how much more they cost and counting right', () => {
    const result = run(market, ['g4dn.xlarge']);
    expect(result.recommended.map((t) => t.instanceType)).toEqual([
      'g4dn.xlarge',
      'g4dn.2xlarge',
      'g6.xlarge',
      'g5.xlarge',
      'g6.2xlarge',
      'g5.2xlarge',
    ]);
    const g6 = result.recommended.find((t) => t.instanceType === 'g6.xlarge')!;
    expect(g6.reasons.join(' ')).toMatch(
      /added to reach Karpenter's 5-type floor \(type 3 of 5\).*111% above g4dn\.xlarge per GPU/,
    );
    const g5 = result.recommended.find((t) => t.instanceType === 'g5.2xlarge')!;
    expect(g5.reasons[0]).toBe('added for Spot capacity diversity (type 6 of 6, --max 20)');
    expect(result.floors.map((f) => f.id)).toEqual(['spot-to-spot-consolidation']);
  });

  it('stops at --max and lists what it left out once, as ranked below it', () => {
    const result = run(market, ['g4dn.xlarge'], 'spot-and-on-demand', 2);
    expect(result.recommended.map((t) => t.instanceType)).toEqual([
      'g4dn.xlarge',
      'g4dn.2xlarge',
      'g6.xlarge',
    ]);
    expect(result.leftOut).toEqual([
      expect.objectContaining({
        code: 'beyond-max',
        reason: 'ranked below the 2 types added (--max 2)',
        instanceTypes: ['g5.xlarge', 'g6.2xlarge', 'g5.2xlarge'],
      }),
    ]);
    // Fewer than 5 types: the floor reason says the list does not reach it
    expect(result.recommended[2]!.reasons[0]).toBe(
      "added toward Karpenter's 5-type floor, which only 3 types reach",
    );
    expect(result.floors.map((f) => [f.id, f.actual])).toEqual([
      ['on-demand-fallback', 3],
      ['spot-to-spot-consolidation', 3],
    ]);
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
    const pool = ['m5.large', 'm5.2xlarge', 'm6a.large', 'm6a.xlarge'].map(spec);
    expect(candidateTypes(seeds, pool, requirementsFromSeeds(seeds)).map((t) => t.instanceType)).toEqual([
      'm5.2xlarge',
      'm6a.xlarge',
    ]);
  });

  it('keeps previous-generation and burstable families out unless asked, but never the seed’s own family', () => {
    const seeds = [spec('m5.xlarge')];
    const pool = ['m5.2xlarge', 'm4.xlarge', 'm6i.xlarge', 'm7i.xlarge'].map(spec);
    const requirements = requirementsFromSeeds(seeds);
    const pick = (options = {}) => selectCandidates(seeds, pool, requirements, options);
    expect(pick().candidates.map((t) => t.instanceType)).toEqual(['m5.2xlarge', 'm7i.xlarge']);
    expect(pick().excluded.map((e) => [e.spec.instanceType, e.code])).toEqual([
      ['m4.xlarge', 'previous-generation'],
      ['m6i.xlarge', 'previous-generation'],
    ]);
    expect(
      pick({ includePreviousGeneration: true, includeBurstable: true }).candidates.map((t) => t.instanceType),
    ).toEqual(['m5.2xlarge', 'm4.xlarge', 'm6i.xlarge', 'm7i.xlarge']);
  });

  it('takes burstable siblings for a burstable seed, and only then', () => {
    const pool = ['t3.large', 't3a.medium', 'm5.large'].map(spec);
    const names = (seed: string) =>
      candidateTypes([spec(seed)], pool, requirementsFromSeeds([spec(seed)])).map((t) => t.instanceType);
    expect(names('t3.medium')).toEqual(['t3.large', 't3a.medium']);
    expect(names('m5.large')).toEqual([]);
  });
});
