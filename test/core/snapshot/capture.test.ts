/**
 * Capturing live data into a snapshot, on real API responses behind fake ports: the file round-trips to
 * the same region view, carries no derived prices, and bad names fail with the nearest real ones.
 */
import { beforeAll, expect, it } from 'vitest';

import { captureSnapshot, summariseSnapshot } from '../../../src/core/snapshot/capture.js';
import { renderCaptureSummary } from '../../../src/core/snapshot/text.js';
import { LiveCatalog } from '../../../src/core/catalog/live.js';
import { parseSnapshot, SnapshotCatalog } from '../../../src/core/catalog/snapshot.js';
import type { SpotctlError } from '../../../src/core/errors.js';
import { plainStyle } from '../../../src/core/format/style.js';
import { FakeAws, type FakeAwsData, realAwsData } from '../../helpers/fake-aws.js';
import { describeShared } from '../../helpers/shared.js';

const NOW = new Date('2021-02-09T12:00:00Z');
const WINDOW = { start: new Date('2021-02-02T12:00:00Z'), end: NOW };

const liveOver = (aws: FakeAws) =>
  new LiveCatalog({
    homeRegion: 'us-east-1',
    ec2: () => aws.ec2(),
    pricing: aws.pricing(),
    clock: () => NOW,
  });

const capture = (aws: FakeAws, request: { types?: string[]; families?: string[]; regions?: string[] }) =>
  captureSnapshot(liveOver(aws), {
    regions: request.regions ?? ['us-east-1'],
    types: request.types,
    families: request.families,
    window: WINDOW,
    now: NOW,
    generator: 'spotctl test',
  });

describeShared('captureSnapshot', () => {
  let data: FakeAwsData;
  beforeAll(() => {
    data = realAwsData();
  });

  it('round-trips: capture → file → SnapshotCatalog gives the live region view', async () => {
    // Given a capture of named types and a whole family
    const aws = new FakeAws(data);
    const snapshot = await capture(aws, { types: ['m5.large', 'g4dn.xlarge'], families: ['c6i'] });

    // When it is written, read back and asked for the same view
    const catalog = new SnapshotCatalog(
      parseSnapshot(JSON.stringify(snapshot), 'snap.json'),
      'snapshot',
      'snap.json',
    );
    const names = Object.keys(snapshot.instanceTypes);
    const fromFile = await catalog.regionView('us-east-1', names, WINDOW);
    const live = await liveOver(new FakeAws(data)).regionView('us-east-1', names, WINDOW);

    // Then everything but the source description matches
    const { info: fileInfo, ...fileView } = fromFile;
    const { info: liveInfo, ...liveView } = live;
    const byTime = (view: typeof fileView) => ({
      ...view,
      spotPrices: [...view.spotPrices].sort(
        (a, b) =>
          a.instanceType.localeCompare(b.instanceType) ||
          a.timestamp.localeCompare(b.timestamp) ||
          a.zone.localeCompare(b.zone),
      ),
    });
    expect(byTime(fileView)).toEqual(byTime(liveView));
    expect(fileView.spotPrices.length).toBeGreaterThan(0);
    expect(fileInfo).toMatchObject({
      kind: 'snapshot',
      generatedAt: NOW.toISOString(),
      spotPricesDerived: false,
    });
    expect(liveInfo.kind).toBe('live');
    expect(names).toEqual(expect.arrayContaining(['m5.large', 'g4dn.xlarge', 'c6i.large', 'c6i.32xlarge']));
  });

  it('stores measured prices only: no point is marked derived, zones keep their IDs', async () => {
    const snapshot = await capture(new FakeAws(data), { types: ['m5.large'] });
    const region = snapshot.regions['us-east-1']!;
    expect(
      Object.values(region.spotPrices)
        .flat()
        .some((point) => 'derived' in point),
    ).toBe(false);
    expect(region.zones[0]).toEqual({ name: 'us-east-1a', id: 'use1-az1' });
    expect(region.onDemandPrices).toEqual({ 'm5.large': 0.096 });
    expect(snapshot.sources[0]).toMatch(
      /DescribeSpotPriceHistory \(Linux\/UNIX, 7 days to 2021-02-09T12:00:00.000Z\)/,
    );
  });

  it('asks for types and families in one DescribeInstanceTypes call', async () => {
    const aws = new FakeAws(data);
    await capture(aws, { types: ['m5.large'], families: ['g5', 'g6'] });
    expect(aws.count('DescribeInstanceTypes')).toBe(1);
  });

  it('captures several Regions, one view each', async () => {
    const snapshot = await capture(new FakeAws(data), {
      types: ['m5.large'],
      regions: ['us-east-1', 'us-west-2'],
    });
    expect(Object.keys(snapshot.regions)).toEqual(['us-east-1', 'us-west-2']);
    const summary = summariseSnapshot(snapshot, 'snap.json', 7);
    expect(summary.regions.map((r) => r.region)).toEqual(['us-east-1', 'us-west-2']);
    expect(summary).toMatchObject({ output: 'snap.json', instanceTypes: 1, days: 7 });
  });

  it.each([
    [{ types: ['g4dn.xlarg'] }, 'UNKNOWN_INSTANCE_TYPE', /g4dn\.xlarg: did you mean g4dn\.xlarge/],
    [{ families: ['g4d'] }, 'UNKNOWN_INSTANCE_FAMILY', /g4d: did you mean .*g4dn/],
  ])('an unknown name (%j) fails with the nearest real ones', async (request, code, hint) => {
    const failure = (await capture(new FakeAws(data), request).catch((e: unknown) => e)) as SpotctlError;
    expect(failure).toMatchObject({ code, exitCode: 3 });
    expect(failure.suggestions.join('\n')).toMatch(hint);
  });

  it('summarises what it wrote, one row per Region', async () => {
    const snapshot = await capture(new FakeAws(data), { types: ['m5.large', 'g4dn.xlarge'] });
    const summary = summariseSnapshot(snapshot, 'snap.json', 7);
    expect(summary.regions[0]).toMatchObject({
      region: 'us-east-1',
      zones: 3,
      offeredTypes: 2,
      onDemandPrices: 1,
    });
    const text = renderCaptureSummary(summary, plainStyle);
    expect(text).toMatch(/^Wrote snap\.json: 2 instance types, 1 Region, 7 days of Spot prices/);
    expect(text).toMatch(/us-east-1 +3 +2 +\d+ +1/);
    expect(text).toContain('note: us-east-1: No On-Demand price found for g4dn.xlarge in us-east-1.');
  });
});
