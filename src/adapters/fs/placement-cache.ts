/**
 * Spot placement scores kept on disk for reuse within 24 hours (freshness is the core's decision): one
 * JSON file per configuration, named by a hash of the exact configuration and the account scope (profile,
 * endpoint), written atomically (temporary file, then rename) so a crash or a concurrent run never leaves
 * half a file. Anything unreadable or of the wrong shape is treated as absent.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type {
  CachedPlacementScores,
  PlacementConfig,
  PlacementScoreCache,
} from '../../core/suggest/placement.js';

const KIND = 'spotctl-placement-scores';
const VERSION = 1;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The configuration in a fixed key order, so equal configurations hash alike. */
const canonical = (config: PlacementConfig) => ({
  instanceTypes: [...config.instanceTypes].sort(),
  targetCapacity: config.targetCapacity,
  targetCapacityUnit: config.targetCapacityUnit,
  singleAvailabilityZone: config.singleAvailabilityZone,
  region: config.region,
});

function parseEntry(text: string): CachedPlacementScores | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(data) || data.kind !== KIND || data.version !== VERSION) return undefined;
  const { config, fetchedAt, records } = data;
  if (!isObject(config) || !Array.isArray(config.instanceTypes) || typeof config.region !== 'string')
    return undefined;
  if (typeof config.targetCapacity !== 'number' || typeof config.singleAvailabilityZone !== 'boolean')
    return undefined;
  if (typeof fetchedAt !== 'string' || !Array.isArray(records)) return undefined;
  if (!records.every((r) => isObject(r) && typeof r.Score === 'number')) return undefined;
  return { config: config as unknown as PlacementConfig, fetchedAt, records };
}

export function fileScoreCache(directory: string, scope: Record<string, string>): PlacementScoreCache {
  const fileOf = (config: PlacementConfig) =>
    join(
      directory,
      `placement-${createHash('sha256')
        .update(JSON.stringify({ scope, config: canonical(config) }))
        .digest('hex')
        .slice(0, 32)}.json`,
    );
  return {
    async read(config) {
      try {
        return parseEntry(await readFile(fileOf(config), 'utf8'));
      } catch {
        return undefined;
      }
    },
    async write(entry) {
      const file = fileOf(entry.config);
      const temporary = `${file}.${randomUUID()}.tmp`;
      try {
        await mkdir(directory, { recursive: true, mode: 0o700 });
        const body = { kind: KIND, version: VERSION, ...entry, config: canonical(entry.config) };
        await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
        await rename(temporary, file);
        return true;
      } catch {
        await rm(temporary, { force: true }).catch(() => undefined);
        return false;
      }
    },
  };
}
