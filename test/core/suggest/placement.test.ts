import { describe, expect, it } from 'vitest';

import {
  AwsCallError,
  type GetSpotPlacementScoresInput,
  type SpotPlacementScoreRecord,
} from '../../../src/core/aws/ports.js';
import {
  type CachedPlacementScores,
  type PlacementConfig,
  type PlacementScoreCache,
  type PlacementScoring,
  scoreList,
  scoreRun,
  targetFromLimits,
} from '../../../src/core/suggest/placement.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const ZONES = [
  { name: 'us-east-1a', id: 'use1-az4' },
  { name: 'us-east-1b', id: 'use1-az6' },
];

/** A hand-written fake of the port: records every request, answers with `answer`, or fails. */
class FakeScoring implements PlacementScoring {
  readonly requests: GetSpotPlacementScoresInput[] = [];
  failure?: AwsCallError;
  constructor(
    readonly cache: PlacementScoreCache | undefined,
    private readonly answer: (input: GetSpotPlacementScoresInput) => SpotPlacementScoreRecord[] = (input) => [
      { Region: 'us-east-1', Score: Math.min(10, input.InstanceTypes.length + 2) },
    ],
  ) {}
  async port() {
    return {
      getSpotPlacementScores: async (input: GetSpotPlacementScoresInput) => {
        this.requests.push(input);
        if (this.failure) throw this.failure;
        return this.answer(input);
      },
    };
  }
}

class MemoryCache implements PlacementScoreCache {
  readonly entries = new Map<string, CachedPlacementScores>();
  writable = true;
  async read(config: PlacementConfig) {
    return this.entries.get(JSON.stringify(config));
  }
  async write(entry: CachedPlacementScores) {
    if (!this.writable) return false;
    this.entries.set(JSON.stringify(entry.config), entry);
    return true;
  }
}

const deps = (scoring: PlacementScoring, remaining = 1, now = NOW) => ({
  scoring,
  budget: { remaining },
  now,
  zones: ZONES,
});

describe('scoreList: one request per list, as a set', () => {
  it('asks once for the whole list (sorted), the run’s Region, 10 instances by default', async () => {
    const scoring = new FakeScoring(new MemoryCache());
    const outcome = await scoreList(
      { instanceTypes: ['m6a.xlarge', 'm5.xlarge', 'm7i.xlarge', 'm5.xlarge'], region: 'us-east-1' },
      deps(scoring),
    );
    expect(scoring.requests).toEqual([
      {
        InstanceTypes: ['m5.xlarge', 'm6a.xlarge', 'm7i.xlarge'],
        TargetCapacity: 10,
        TargetCapacityUnitType: 'units',
        SingleAvailabilityZone: false,
        RegionNames: ['us-east-1'],
      },
    ]);
    expect(outcome).toMatchObject({ status: 'scored', scores: [{ score: 5, region: 'us-east-1' }] });
  });

  it('names the zone IDs AWS answers with by the account’s zone names', async () => {
    const scoring = new FakeScoring(undefined, () => [
      { AvailabilityZoneId: 'use1-az6', Score: 4 },
      { AvailabilityZoneId: 'use1-az4', Score: 9 },
      { AvailabilityZoneId: 'use1-az9', Score: 2 },
    ]);
    const outcome = await scoreList(
      { instanceTypes: ['a.large', 'b.large', 'c.large'], region: 'us-east-1', singleAvailabilityZone: true },
      deps(scoring),
    );
    expect(scoring.requests[0]!.SingleAvailabilityZone).toBe(true);
    expect(outcome.scores).toEqual([
      { score: 9, availabilityZoneId: 'use1-az4', zone: 'us-east-1a' },
      { score: 4, availabilityZoneId: 'use1-az6', zone: 'us-east-1b' },
      { score: 2, availabilityZoneId: 'use1-az9' },
    ]);
  });

  it('reuses an answer for the same configuration for 24 hours, then asks again', async () => {
    // Given an answer fetched now
    const cache = new MemoryCache();
    const scoring = new FakeScoring(cache);
    const request = { instanceTypes: ['x.large', 'y.large', 'z.large'], region: 'us-east-1' };
    await scoreList(request, deps(scoring));
    // When the same list is asked about 23 hours later, in another order, and 25 hours later
    const later = await scoreList(
      { ...request, instanceTypes: ['z.large', 'x.large', 'y.large'] },
      deps(scoring, 1, new Date(NOW.getTime() + 23 * 3_600_000)),
    );
    const stale = await scoreList(request, deps(scoring, 1, new Date(NOW.getTime() + 25 * 3_600_000)));
    // Then the first comes from the cache, the second from AWS
    expect(later).toMatchObject({ status: 'cached', fetchedAt: NOW.toISOString() });
    expect(stale.status).toBe('scored');
    expect(scoring.requests).toHaveLength(2);
  });

  it('treats another capacity, unit, single-AZ flag or Region as another configuration', async () => {
    const cache = new MemoryCache();
    const scoring = new FakeScoring(cache);
    const base = { instanceTypes: ['x.large', 'y.large', 'z.large'], region: 'us-east-1' };
    for (const request of [
      base,
      { ...base, targetCapacity: 20 },
      { ...base, targetCapacityUnit: 'vcpu' as const },
      { ...base, singleAvailabilityZone: true },
      { ...base, region: 'us-west-2' },
    ]) {
      await scoreList(request, deps(scoring));
    }
    expect(scoring.requests).toHaveLength(5);
  });

  it.each([
    [
      new AwsCallError('GetSpotPlacementScores', 'access-denied', 'UnauthorizedOperation', 'not authorized'),
      /ec2:GetSpotPlacementScores was denied \(UnauthorizedOperation\)/,
    ],
    [
      new AwsCallError('GetSpotPlacementScores', 'service', 'MaxConfigLimitExceeded', 'exceeded'),
      /daily limit of new Spot placement score configurations is reached \(MaxConfigLimitExceeded\)/,
    ],
    [
      new AwsCallError('GetSpotPlacementScores', 'throttled', 'RequestLimitExceeded', 'slow down'),
      /still throttled after retries \(RequestLimitExceeded\)/,
    ],
  ])('degrades %s to a note, and caches nothing', async (failure, note) => {
    const cache = new MemoryCache();
    const scoring = new FakeScoring(cache);
    scoring.failure = failure;
    const outcome = await scoreList(
      { instanceTypes: ['x.large', 'y.large', 'z.large'], region: 'us-east-1' },
      deps(scoring),
    );
    expect(outcome).toMatchObject({ status: 'unavailable', scores: [] });
    expect(outcome.notes.join('\n')).toMatch(note);
    expect(cache.entries.size).toBe(0);
  });

  it('makes no request once the budget is spent, and says so', async () => {
    const scoring = new FakeScoring(new MemoryCache());
    const outcome = await scoreList(
      { instanceTypes: ['x.large', 'y.large', 'z.large'], region: 'us-east-1' },
      deps(scoring, 0),
    );
    expect(scoring.requests).toHaveLength(0);
    expect(outcome.status).toBe('skipped');
    expect(outcome.notes.join()).toContain('--placement-calls');
  });

  it('says when an answer could not be kept', async () => {
    const cache = new MemoryCache();
    cache.writable = false;
    const outcome = await scoreList(
      { instanceTypes: ['x.large', 'y.large', 'z.large'], region: 'us-east-1' },
      deps(new FakeScoring(cache)),
    );
    expect(outcome.status).toBe('scored');
    expect(outcome.notes.join()).toMatch(/could not be cached/);
  });
});

describe('scoreRun: the list, and the seeds alone when the run may afford it', () => {
  const list = ['g4dn.2xlarge', 'g4dn.4xlarge', 'g4dn.xlarge', 'g6.xlarge', 'g6.2xlarge'];
  const seeds = ['g4dn.xlarge', 'g4dn.2xlarge'];
  const run = (scoring: PlacementScoring, calls: number, live = true) =>
    scoreRun({ instanceTypes: list, region: 'us-east-1' }, seeds, {
      live,
      source: 'bundled data from 2026-07-06',
      scoring,
      calls,
      now: NOW,
      zones: ZONES,
    });

  it('with one call: the list only', async () => {
    const scoring = new FakeScoring(new MemoryCache());
    const { report, scores } = await run(scoring, 1);
    expect(scoring.requests.map((r) => r.InstanceTypes)).toEqual([[...list].sort()]);
    expect(scores).toEqual([{ score: 7, region: 'us-east-1' }]);
    expect(report.seeds).toBeUndefined();
  });

  it('with two calls: the seeds alone too, said to be low by design below three types', async () => {
    const scoring = new FakeScoring(new MemoryCache());
    const { report } = await run(scoring, 2);
    expect(scoring.requests.map((r) => r.InstanceTypes.length)).toEqual([5, 2]);
    expect(report.seeds).toEqual({
      instanceTypes: ['g4dn.2xlarge', 'g4dn.xlarge'],
      placementScores: [{ score: 4, region: 'us-east-1' }],
      fetchedAt: NOW.toISOString(),
    });
  });

  it('compares for free when the seeds’ answer is cached; a repeat run makes no request', async () => {
    const cache = new MemoryCache();
    await run(new FakeScoring(cache), 2);
    const again = new FakeScoring(cache);
    const { report } = await run(again, 1);
    expect(again.requests).toEqual([]);
    expect(report.status).toBe('cached');
    expect(report.seeds?.placementScores).toEqual([{ score: 4, region: 'us-east-1' }]);
  });

  it('with no calls allowed: only a cached answer, else a note saying why there is none', async () => {
    const cache = new MemoryCache();
    const none = await run(new FakeScoring(cache), 0);
    expect(none.report.status).toBe('skipped');
    expect(none.report.notes).toEqual([
      'not scored: --placement-calls 0, and no answer for this list is cached from the last 24 hours',
    ]);
    await run(new FakeScoring(cache), 1);
    const cached = new FakeScoring(cache);
    expect((await run(cached, 0)).report.status).toBe('cached');
    expect(cached.requests).toEqual([]);
  });

  it('offline: no request, and one note saying so', async () => {
    const scoring = new FakeScoring(new MemoryCache());
    const { report, scores } = await run(scoring, 2, false);
    expect(scoring.requests).toEqual([]);
    expect(scores).toEqual([]);
    expect(report.status).toBe('offline');
    expect(report.notes).toEqual([
      'Spot placement scores come from live AWS only (ec2:GetSpotPlacementScores): none with bundled data from 2026-07-06.',
    ]);
  });
});

describe('targetFromLimits', () => {
  const types = [{ gpus: 1 }, { gpus: 4 }, { gpus: 0 }];
  it.each([
    [{ cpu: 1000 }, { targetCapacity: 1000, targetCapacityUnit: 'vcpu' }],
    [{ memoryGiB: 64 }, { targetCapacity: 65536, targetCapacityUnit: 'memory-mib' }],
    // 8 GPUs in nodes of 1 GPU: up to 8 nodes
    [{ gpus: 8 }, { targetCapacity: 8, targetCapacityUnit: 'units' }],
    [{}, { targetCapacity: 10, targetCapacityUnit: 'units' }],
  ])('%j → %j', (limits, expected) => {
    expect(targetFromLimits(limits, types)).toMatchObject(expected);
  });
});
