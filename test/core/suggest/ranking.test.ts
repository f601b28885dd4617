/**
 * The ranking on real catalog data — the bundled snapshot (specs and offerings from the EC2 API, Karpenter's
 * On-Demand prices, Spot Advisor buckets) — through the same planning a user's run takes. Each case is a
 * surprise a new user met, and the invariants every list must keep.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { SnapshotCatalog, parseSnapshot } from '../../../src/core/catalog/snapshot.js';
import { planSuggestions, type SuggestInput } from '../../../src/core/suggest/plan.js';
import type { SuggestResult } from '../../../src/core/suggest/suggest.js';
import { renderSuggestions } from '../../../src/core/suggest/text.js';
import { describeShared, readShared } from '../../helpers/shared.js';

const snapshot = parseSnapshot(
  readFileSync(new URL('../../../src/data/bundled-snapshot.json', import.meta.url), 'utf8'),
  'bundled',
);
const bundled = new SnapshotCatalog(snapshot, 'bundled', 'bundled');
const NOW = new Date('2026-12-01T00:00:00Z');

const plan = (input: Partial<SuggestInput>) =>
  planSuggestions(bundled, {
    region: 'us-east-1',
    types: [],
    requirements: {},
    capacity: 'spot-and-on-demand',
    maxSuggestions: 20,
    days: 7,
    now: NOW,
    ...input,
  }).then(({ result }) => result);

const names = (result: SuggestResult) => result.recommended.map((t) => t.instanceType);
const added = (result: SuggestResult) => result.recommended.filter((t) => !t.seed);
const spec = (name: string) => snapshot.instanceTypes[name]!;
const leftOutCodes = (result: SuggestResult, type: string) =>
  result.rejected.filter((r) => r.instanceType === type).map((r) => r.code);

/** What every list must keep, whatever the input. */
function expectConsistent(result: SuggestResult, max: number): void {
  // --max is the most types added beyond the seeds
  expect(added(result).length).toBeLessThanOrEqual(max);
  // Ranked best first by the price the reasons say it was ranked at
  const ranked = result.recommended.map((t) => t.rankedPricePerUnit ?? Infinity);
  expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
  // A type is either on the list or left out, for one reason, and each reason is one group
  const listed = new Set(names(result));
  for (const r of result.rejected) expect(listed.has(r.instanceType)).toBe(false);
  expect(new Set(result.rejected.map((r) => r.instanceType)).size).toBe(result.rejected.length);
  const codes = result.leftOut.map((g) => g.code);
  expect(new Set(codes).size).toBe(codes.length);
  expect(result.leftOut.flatMap((g) => g.instanceTypes).sort()).toEqual(
    result.rejected.map((r) => r.instanceType).sort(),
  );
  // Counts in reasons are counts of the final list
  for (const t of result.recommended) {
    for (const reason of t.reasons) {
      const floor = /type (\d+) of (\d+)\)/.exec(reason);
      if (!floor) continue;
      const [position, of] = [Number(floor[1]), Number(floor[2])];
      expect(position).toBeLessThanOrEqual(of);
      if (reason.includes('floor')) {
        expect(of).toBe(5);
        expect(result.recommended.length).toBeGreaterThanOrEqual(5);
      } else {
        expect(of).toBe(result.recommended.length);
      }
    }
  }
  // Nothing left out "for being dearer than the seeds" when something dearer was added instead
  const beyond = result.rejected.filter((r) => r.code === 'beyond-max');
  if (beyond.length > 0) expect(added(result)).toHaveLength(max);
  // Not a word about Spot-to-Spot consolidation as if it were on
  for (const floor of result.floors.filter((f) => f.id === 'spot-to-spot-consolidation')) {
    expect(floor.condition).toBe('SpotToSpotConsolidation');
    expect(floor.message).toMatch(/^If you enable Spot-to-Spot consolidation .*off by default/);
  }
}

describe('m5.xlarge, Spot only, --max 20', () => {
  it('fills the list up to --max with the next-best equivalent types, none of them previous generation', async () => {
    const result = await plan({ types: ['m5.xlarge'], capacity: 'spot' });
    expectConsistent(result, 20);
    expect(added(result)).toHaveLength(20);
    for (const t of added(result)) {
      // Other sizes of the seed's own family are always fair (EC2 marks m5 itself previous generation)
      if (spec(t.instanceType).family !== 'm5') expect(spec(t.instanceType).currentGeneration).toBe(true);
      expect(spec(t.instanceType).burstable).toBe(false);
    }
    expect(added(result).some((t) => spec(t.instanceType).family !== 'm5')).toBe(true);
    // m4 (and m6i, which EC2 also marks previous generation) are left out for it, with the flag to ask
    expect(leftOutCodes(result, 'm4.4xlarge')).toEqual(['previous-generation']);
    const group = result.leftOut.find((g) => g.code === 'previous-generation')!;
    expect(group.reason).toContain('--include-previous-generation');
    expect(group.instanceTypes).toEqual(expect.arrayContaining(['m4.xlarge', 'm4.4xlarge', 'm6i.xlarge']));
    // Same-size siblings outrank 4× nodes of the same per-vCPU price: the size shows in the ranking
    const fourX = added(result).filter((t) => t.vcpus === 16);
    expect(fourX.length).toBeLessThan(added(result).length / 2);
    for (const t of fourX) expect(t.reasons.join(' ')).toContain('+4% node 4× the vCPUs of the largest seed');
  });

  it('takes previous-generation families when asked', async () => {
    const result = await plan({
      types: ['m5.xlarge'],
      capacity: 'spot',
      include: { includePreviousGeneration: true },
    });
    expectConsistent(result, 20);
    expect(result.leftOut.map((g) => g.code)).not.toContain('previous-generation');
    expect(names(result).some((name) => name.startsWith('m6i.'))).toBe(true);
  });

  it('honours a smaller --max, and lists the rest as ranked below it', async () => {
    const result = await plan({ types: ['m5.xlarge'], capacity: 'spot', maxSuggestions: 3 });
    expectConsistent(result, 3);
    expect(added(result)).toHaveLength(3);
    const below = result.leftOut.find((g) => g.code === 'beyond-max')!;
    expect(below.reason).toBe('ranked below the 3 types added (--max 3)');
    // Each type left out for --max ranks at or below every type added of its tier
    const worstAdded = Math.max(...added(result).map((t) => t.rankedPricePerUnit!));
    const rankedAt = Object.values(below.details ?? {}).map((d) =>
      Number(/^ranked as \$([\d.]+)\//.exec(d)![1]),
    );
    expect(rankedAt.length).toBeGreaterThan(0);
    for (const price of rankedAt) expect(price).toBeGreaterThanOrEqual(Number(worstAdded.toFixed(4)));
  });
});

describe('--vcpus 8 --memory 32 --arch arm64 (requirements, no seeds)', () => {
  it('leaves burstable and GPU types out, and says how to ask for burstable ones', async () => {
    const result = await plan({ requirements: { vcpus: 8, memoryGiB: 32, arch: 'arm64' } });
    expectConsistent(result, 20);
    expect(names(result)).not.toContain('t4g.2xlarge');
    for (const t of result.recommended) {
      expect(spec(t.instanceType).architectures).toContain('arm64');
      expect(spec(t.instanceType).burstable).toBe(false);
      expect(t.gpus).toBe(0);
      expect(t.vcpus).toBeGreaterThanOrEqual(8);
      expect(t.vcpus).toBeLessThanOrEqual(32);
    }
    expect(leftOutCodes(result, 't4g.2xlarge')).toEqual(['burstable']);
  });

  it('includes t4g.2xlarge with --include-burstable', async () => {
    const result = await plan({
      requirements: { vcpus: 8, memoryGiB: 32, arch: 'arm64' },
      include: { includeBurstable: true },
      maxSuggestions: 100,
    });
    expect(names(result)).toContain('t4g.2xlarge');
  });
});

describe('g4dn.xlarge + g4dn.2xlarge: the GPU seeds', () => {
  it('treats g5.xlarge and g6.xlarge alike: both dearer per GPU, both added when previous generation is asked for', async () => {
    const result = await plan({
      types: ['g4dn.xlarge', 'g4dn.2xlarge'],
      include: { includePreviousGeneration: true },
    });
    expectConsistent(result, 20);
    const g5 = result.recommended.find((t) => t.instanceType === 'g5.xlarge');
    const g6 = result.recommended.find((t) => t.instanceType === 'g6.xlarge');
    expect(g5?.role).toBe('diversity');
    expect(g6?.role).toBe('diversity');
    // No type is left out as "dearer than the seeds" while dearer ones are on the list
    expect(result.rejected.map((r) => r.reason).join('\n')).not.toMatch(/above the seeds' \$/);
  });

  it('without the flag, leaves g5 out as previous generation (EC2 says so) and still reaches the floor', async () => {
    const result = await plan({ types: ['g4dn.xlarge', 'g4dn.2xlarge'] });
    expectConsistent(result, 20);
    expect(leftOutCodes(result, 'g5.xlarge')).toEqual(['previous-generation']);
    expect(result.recommended.length).toBeGreaterThanOrEqual(5);
    expect(result.floors.map((f) => f.id)).toEqual(['spot-to-spot-consolidation']);
    // Counts: the types added to reach the floor are types 3, 4 and 5 of 5
    const floorReasons = result.recommended.flatMap((t) =>
      t.reasons.filter((r) => r.startsWith("added to reach Karpenter's 5-type floor")),
    );
    expect(floorReasons.map((r) => /type (\d) of 5/.exec(r)?.[1]).sort()).toEqual(['3', '4', '5']);
    // What stopped the list short of --max is said, with the numbers
    expect(result.notes.join('\n')).toMatch(
      /Added \d+ of --max 20: no other equivalent type qualifies; left out: 4 previous-generation/,
    );
  });

  it('prints each left-out reason once, listing its types', async () => {
    const result = await plan({ types: ['g4dn.xlarge', 'g4dn.2xlarge'] });
    const text = renderSuggestions(
      {
        ...result,
        source: {
          kind: 'bundled',
          description: 'b',
          generatedAt: NOW.toISOString(),
          spotPricesDerived: true,
        },
        placementScores: [],
        placement: {
          status: 'offline',
          instanceTypes: [],
          targetCapacity: 10,
          targetCapacityUnit: 'units',
          singleAvailabilityZone: false,
          region: 'us-east-1',
          notes: ['no scores offline'],
        },
      },
      NOW,
    );
    const section = text.split('Left out')[1]!.split('\n\n')[0]!.split('\n').slice(1);
    expect(section).toHaveLength(result.leftOut.length);
    for (const group of result.leftOut) {
      expect(text.split(group.reason).length - 1).toBe(1);
    }
    expect(text).toMatch(
      /\n {2}previous generation \(.*\): g5\.xlarge, g5\.2xlarge, g5\.4xlarge, g5\.8xlarge\n/,
    );
    expect(text.match(/note: no scores offline/g)).toHaveLength(1);
  });
});

describe('per-zone placement scores re-rank the scored list without changing it', () => {
  it('weighs each missing zone by the list’s score there', async () => {
    // Given a list where most types are offered in 5 of us-east-1's 6 zones
    const outcome = await planSuggestions(bundled, {
      region: 'us-east-1',
      types: [],
      requirements: { vcpus: 8, memoryGiB: 32, arch: 'arm64' },
      capacity: 'spot-and-on-demand',
      maxSuggestions: 10,
      days: 7,
      now: NOW,
    });
    const missingZone = 'us-east-1e';
    expect(outcome.result.recommended.some((t) => !t.offeredZones.includes(missingZone))).toBe(true);
    // When AWS scores the list 1/10 in the zone they miss and 9/10 elsewhere
    const scores = new Map(
      ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'].map((zone) => [
        zone,
        zone === missingZone ? 1 : 9,
      ]),
    );
    const again = outcome.reorder(scores);
    // Then the same types are on the list, and missing that zone costs 0.2% instead of 2%
    expect(names(again).sort()).toEqual(names(outcome.result).sort());
    const missing = again.recommended.find(
      (t) => !t.offeredZones.includes(missingZone) && t.offeredZones.length === 5,
    )!;
    expect(missing.rankFactors.find((f) => f.id === 'zones')).toEqual({
      id: 'zones',
      pct: 0.2,
      text: '+0.2% not offered in us-east-1e 1/10 (placement score of the list there)',
    });
    expectConsistent(again, 10);
  });
});

describe.each([
  ['c6i.large', 'spot-and-on-demand'],
  ['r5.xlarge', 'spot'],
  ['g6.xlarge', 'spot'],
  ['m7i.2xlarge,m7a.2xlarge', 'spot-and-on-demand'],
  ['t3.medium', 'spot'],
] as const)('%s (%s): every list keeps the invariants', (types, capacity) => {
  it.each([1, 5, 20])('--max %i', async (max) => {
    const result = await plan({ types: types.split(','), capacity, maxSuggestions: max });
    expectConsistent(result, max);
  });
});

describeShared('the Spot-to-Spot floor against Karpenter’s chart', () => {
  it('is conditional because the chart ships spotToSpotConsolidation off', async () => {
    const values = parse(readShared('reference', 'karpenter-chart', 'values.yaml')) as {
      settings: { featureGates: { spotToSpotConsolidation: boolean } };
    };
    expect(values.settings.featureGates.spotToSpotConsolidation).toBe(false);
    const result = await plan({ types: ['g4dn.xlarge'] });
    const floor = result.floors.find((f) => f.id === 'spot-to-spot-consolidation')!;
    expect(floor.message).toContain('settings.featureGates.spotToSpotConsolidation');
    expect(floor.level).toBe('info');
  });
});
