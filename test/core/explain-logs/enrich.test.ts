/**
 * Alternatives for instance types that hit capacity or quota errors, from the bundled catalog data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SnapshotCatalog, parseSnapshot } from '../../../src/core/catalog/snapshot.js';
import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { enrichWithAlternatives, wantsAlternatives } from '../../../src/core/explain-logs/enrich.js';
import { repoRoot } from '../../helpers/shared.js';

const catalog = new SnapshotCatalog(
  parseSnapshot(readFileSync(join(repoRoot, 'src/data/bundled-snapshot.json'), 'utf8'), 'bundled'),
  'bundled',
  'bundled',
);

const ice = (zone: string) =>
  JSON.stringify({
    level: 'ERROR',
    time: '2025-01-01T00:00:00.000Z',
    logger: 'controller',
    message: 'failed launching nodeclaim',
    error: `insufficient capacity, with fleet error(s), InsufficientInstanceCapacity: We currently do not have sufficient g4dn.8xlarge capacity in the Availability Zone you requested (${zone}).`,
  });

describe('alternatives for failed instance types', () => {
  it('names same-family sizes or equivalent-GPU siblings and where they are offered', async () => {
    const input = ['us-east-1a', 'us-east-1b', 'us-east-1c'].map(ice).join('\n');
    const result = await explainLogs([{ name: 'k.log', chunks: [Buffer.from(input)] }]);
    expect(wantsAlternatives(result)).toBe(true);

    const enriched = await enrichWithAlternatives(result, catalog, {
      region: 'us-east-1',
      now: new Date('2026-07-06T00:00:00Z'),
    });
    const [alternative] = enriched.alternatives;
    expect(alternative).toMatchObject({
      instanceType: 'g4dn.8xlarge',
      problemId: 'insufficient_instance_capacity',
      failedZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    expect(alternative!.offeredZones.length).toBeGreaterThan(0);
    expect(alternative!.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of alternative!.suggestions) {
      // Other g4dn sizes, or another G family with an NVIDIA GPU: never the failed type itself.
      expect(suggestion.instanceType).toMatch(/^g\d/);
      expect(suggestion.instanceType).not.toBe('g4dn.8xlarge');
      expect(suggestion.offeredZones.length).toBeGreaterThan(0);
    }
    expect(alternative!.advice).toMatch(/^Insufficient capacity for g4dn\.8xlarge in .* → add g/);
    // The input result is not changed.
    expect(result.alternatives).toEqual([]);
  });

  it('reports a type the catalog does not know instead of failing', async () => {
    const input = ice('us-east-1a').replace(/g4dn\.8xlarge/g, 'zz9.8xlarge');
    const result = await explainLogs([{ name: 'k.log', chunks: [Buffer.from(input)] }]);
    const enriched = await enrichWithAlternatives(result, catalog, {
      region: 'us-east-1',
      now: new Date('2026-07-06T00:00:00Z'),
    });
    expect(enriched.alternatives).toEqual([
      expect.objectContaining({
        instanceType: 'zz9.8xlarge',
        suggestions: [],
        advice: expect.stringMatching(/no alternatives/),
      }),
    ]);
  });
});
