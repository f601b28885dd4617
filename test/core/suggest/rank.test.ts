import { describe, expect, it } from 'vitest';

import type { TypePriceAnalysis, ZonePriceStats } from '../../../src/core/prices/analyse.js';
import { rankReason, rankType, type RankContext } from '../../../src/core/suggest/rank.js';

const zone = (name: string, volatility = 0): ZonePriceStats => ({
  zone: name,
  latest: 0.2,
  latestAt: '2026-01-01T00:00:00Z',
  min: 0.2,
  mean: 0.2,
  max: 0.2,
  volatility,
  trend: [],
  changes: volatility > 0 ? 3 : 0,
});

const type = (overrides: Partial<TypePriceAnalysis> = {}): TypePriceAnalysis => ({
  instanceType: 'g4dn.xlarge',
  vcpus: 4,
  memoryGiB: 16,
  gpus: 1,
  offeredZones: ['a', 'b', 'c'],
  spotPrice: 0.2,
  cheapestZone: 'a',
  interruption: { bucket: 0, label: '<5%', advisorSavingsPct: 60 },
  zones: [zone('a'), zone('b'), zone('c')],
  ...overrides,
});

const ctx: RankContext = { unit: 'gpu', regionZones: ['a', 'b', 'c'], measured: true, days: 7, baseVcpus: 4 };

describe('rankType: each signal as a percentage of the per-unit price', () => {
  it.each([
    ['a type with nothing against it keeps its price', type(), ctx, 0.2, []],
    [
      'each interruption bucket above <5% adds 3%',
      type({ interruption: { bucket: 4, label: '>20%', advisorSavingsPct: 60 } }),
      ctx,
      0.2 * 1.12,
      ['+12% interruption >20%'],
    ],
    [
      'an unknown interruption frequency counts as the middle bucket',
      type({ interruption: undefined }),
      ctx,
      0.2 * 1.06,
      ['+6% interruption frequency unknown'],
    ],
    [
      'each zone of the Region the type is not offered in adds 2%',
      type({ offeredZones: ['a'] }),
      ctx,
      0.2 * 1.04,
      ['+4% offered in 1/3 zones'],
    ],
    [
      'with per-zone placement scores a missing zone counts by its score',
      type({ offeredZones: ['a', 'b'] }),
      {
        ...ctx,
        zoneScores: new Map([
          ['a', 9],
          ['b', 9],
          ['c', 5],
        ]),
      },
      0.2 * 1.01,
      ['+1% not offered in c 5/10 (placement score of the list there)'],
    ],
    [
      'measured volatility adds its coefficient of variation in percent',
      type({ zones: [zone('a', 0.03), zone('b', 0.05), zone('c', 0.04)] }),
      ctx,
      0.2 * 1.04,
      ['+4% price varied ±4% over 7 days'],
    ],
    [
      'estimated prices have no history: volatility adds nothing',
      type({ zones: [zone('a', 0.03)] }),
      { ...ctx, measured: false },
      0.2,
      [],
    ],
    [
      'each doubling of vCPUs above the largest seed adds 2%',
      type({ vcpus: 16, spotPrice: 0.2 }),
      ctx,
      0.2 * 1.04,
      ['+4% node 4× the vCPUs of the largest seed'],
    ],
  ])('%s', (_name, t, context, score, factors) => {
    // When
    const info = rankType(t, context);
    // Then
    expect(info.score).toBeCloseTo(score, 6);
    expect(info.factors.map((f) => f.text)).toEqual(factors);
  });

  it('orders an unpriced type after every priced one, and says why in the reason', () => {
    const priced = rankType(type({ interruption: { bucket: 4, label: '>20%', advisorSavingsPct: 1 } }), ctx);
    const unpriced = rankType(type({ spotPrice: undefined }), ctx);
    expect(unpriced.score).toBeGreaterThan(priced.score);
    expect(rankReason(unpriced, 'GPU', (v) => `$${v}`)).toBe('ranked last: no price');
    expect(rankReason(priced, 'GPU', (v) => `$${v.toFixed(3)}`)).toBe(
      'ranked as $0.224/GPU-h: $0.200 +12% interruption >20%',
    );
  });
});
