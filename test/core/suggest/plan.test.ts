import { describe, expect, it } from 'vitest';

import { SnapshotCatalog, parseSnapshot } from '../../../src/core/catalog/snapshot.js';
import type { Catalog, PriceWindow, TypeQuery } from '../../../src/core/catalog/types.js';
import { planSuggestions } from '../../../src/core/suggest/plan.js';
import { spec, viewWith } from './fixtures.js';
import { readFileSync } from 'node:fs';

/** A hand-written fake of the Catalog port that records what it was asked. */
class RecordingCatalog implements Catalog {
  readonly calls: string[] = [];
  readonly info = {
    kind: 'snapshot' as const,
    description: 'fake',
    generatedAt: '2022-04-12T00:00:00Z',
    spotPricesDerived: false,
  };
  constructor(private readonly spot: Record<string, number>) {}
  async regions() {
    return ['ap-southeast-1'];
  }
  async instanceTypes(query: TypeQuery) {
    this.calls.push(`instanceTypes ${JSON.stringify(query)}`);
    const names = Object.keys(this.spot);
    if (query.types) return query.types.filter((t) => names.includes(t)).map(spec);
    return names.map(spec);
  }
  async regionView(region: string, types: string[], _window: PriceWindow) {
    this.calls.push(`regionView ${region} ${types.length}`);
    const view = viewWith(Object.fromEntries(Object.entries(this.spot).filter(([t]) => types.includes(t))));
    return view;
  }
}

const input = {
  region: 'ap-southeast-1',
  requirements: {},
  capacity: 'spot-and-on-demand' as const,
  maxSuggestions: 20,
  days: 7,
  now: new Date('2022-04-12T00:00:00Z'),
};

describe('planSuggestions', () => {
  it('asks the catalog once for specs (by the seeds’ category) and once for one region view of seeds and candidates', async () => {
    const catalog = new RecordingCatalog({ 'g4dn.xlarge': 0.22, 'g4dn.4xlarge': 0.2, 'g6.xlarge': 0.3 });
    const { result } = await planSuggestions(catalog, { ...input, types: ['g4dn.xlarge'] });
    expect(catalog.calls).toEqual(['instanceTypes {"categories":["g"]}', 'regionView ap-southeast-1 3']);
    expect(result.recommended[0]!.instanceType).toBe('g4dn.4xlarge');
  });

  it('names the nearest real types for an unknown one', async () => {
    const catalog = new RecordingCatalog({ 'g4dn.xlarge': 0.22, 'g4dn.2xlarge': 0.3 });
    await expect(planSuggestions(catalog, { ...input, types: ['g4dn.xlarg'] })).rejects.toMatchObject({
      code: 'UNKNOWN_INSTANCE_TYPE',
      exitCode: 3,
      suggestions: ['g4dn.xlarg: did you mean g4dn.xlarge, g4dn.2xlarge?'],
    });
  });

  it('rejects an unknown region before calling the catalog', async () => {
    const catalog = new RecordingCatalog({ 'g4dn.xlarge': 0.22 });
    await expect(
      planSuggestions(catalog, { ...input, region: 'us-east-9', types: ['g4dn.xlarge'] }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_REGION',
      suggestions: [expect.stringContaining('us-east-1')],
    });
    expect(catalog.calls).toEqual([]);
  });

  it('needs seeds or requirements', async () => {
    await expect(planSuggestions(new RecordingCatalog({}), { ...input, types: [] })).rejects.toMatchObject({
      code: 'NOTHING_TO_SUGGEST_FROM',
      exitCode: 2,
    });
  });

  it('ranks by requirements alone over the bundled data', async () => {
    const bundled = new SnapshotCatalog(
      parseSnapshot(
        readFileSync(new URL('../../../src/data/bundled-snapshot.json', import.meta.url), 'utf8'),
        'b',
      ),
      'bundled',
      'bundled',
    );
    const { result } = await planSuggestions(bundled, {
      ...input,
      region: 'us-east-1',
      types: [],
      requirements: { gpus: 1, gpuName: 't4' },
    });
    expect(result.recommended.length).toBeGreaterThan(0);
    for (const t of result.recommended) expect(t.gpuName).toBe('T4');
    const perGpu = result.recommended.map((t) => t.spotPricePerUnit ?? Infinity);
    expect(perGpu).toEqual([...perGpu].sort((a, b) => a - b));
  });
});
