import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fileScoreCache } from '../../../src/adapters/fs/placement-cache.js';
import type { CachedPlacementScores, PlacementConfig } from '../../../src/core/suggest/placement.js';

const config: PlacementConfig = {
  instanceTypes: ['g4dn.2xlarge', 'g4dn.xlarge', 'g6.xlarge'],
  targetCapacity: 10,
  targetCapacityUnit: 'units',
  singleAvailabilityZone: false,
  region: 'us-east-1',
};
const entry: CachedPlacementScores = {
  config,
  fetchedAt: '2026-12-01T12:00:00.000Z',
  records: [{ Region: 'us-east-1', Score: 7 }],
};
const scope = { profile: '', endpoint: '' };
const fresh = () => join(mkdtempSync(join(tmpdir(), 'spotctl-cache-')), 'spotctl');

describe('the placement-score cache on disk', () => {
  it('reads back what it wrote, under the exact configuration only', async () => {
    // Given an answer written to an empty cache directory (created on first write)
    const dir = fresh();
    const cache = fileScoreCache(dir, scope);
    expect(await cache.write(entry)).toBe(true);
    // Then the same configuration reads it back — with its types in any order — and others do not
    expect(
      await cache.read({ ...config, instanceTypes: ['g6.xlarge', 'g4dn.xlarge', 'g4dn.2xlarge'] }),
    ).toEqual(entry);
    expect(await cache.read({ ...config, targetCapacity: 11 })).toBeUndefined();
    expect(await cache.read({ ...config, singleAvailabilityZone: true })).toBeUndefined();
    expect(await fileScoreCache(dir, { profile: 'prod', endpoint: '' }).read(config)).toBeUndefined();
    // And leaves one file, no temporary one, readable only by the user
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^placement-[0-9a-f]{32}\.json$/);
  });

  it.each([
    ['truncated JSON', (text: string) => text.slice(0, 40)],
    ['another kind of file', (text: string) => text.replace('spotctl-placement-scores', 'something-else')],
    ['a score that is not a number', (text: string) => text.replace('"Score": 7', '"Score": "7"')],
    ['no fetchedAt', (text: string) => text.replace('"fetchedAt"', '"when"')],
  ])('treats %s as absent', async (_name, corrupt) => {
    const dir = fresh();
    const cache = fileScoreCache(dir, scope);
    await cache.write(entry);
    const file = join(dir, readdirSync(dir)[0]!);
    writeFileSync(file, corrupt(readFileSync(file, 'utf8')));
    expect(await cache.read(config)).toBeUndefined();
    // And a new answer replaces the corrupt file
    expect(await cache.write(entry)).toBe(true);
    expect(await cache.read(config)).toEqual(entry);
  });

  it('reports a directory it cannot write to, without throwing', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'spotctl-ro-'));
    chmodSync(parent, 0o500);
    try {
      const cache = fileScoreCache(join(parent, 'spotctl'), scope);
      // Root ignores permissions: then the write succeeds, which is fine too.
      const ok = await cache.write(entry);
      expect(ok).toBe(process.getuid?.() === 0);
      expect(await cache.read(config)).toEqual(ok ? entry : undefined);
    } finally {
      chmodSync(parent, 0o700);
    }
  });
});
