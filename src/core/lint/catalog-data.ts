/**
 * The catalog data lint's rules use: instance-type specs, and the region's offerings when a region is
 * known. Lint still runs without either (the rules that need them are skipped), so a failure here is a note.
 */
import type { Catalog, InstanceTypeSpec } from '../catalog/types.js';
import { INSTANCE_TYPE_KEY } from '../manifests/labels.js';
import type { ManifestSet } from '../manifests/types.js';
import type { RegionOfferings } from './types.js';

/** Instance types the NodePools name in their instance-type requirements, each once, in order of appearance. */
export function namedInstanceTypes(set: ManifestSet): string[] {
  return [
    ...new Set(
      set.nodePools.flatMap((p) =>
        p.requirements
          .filter((r) => r.key === INSTANCE_TYPE_KEY)
          .flatMap((r) => r.values.map((v) => v.value)),
      ),
    ),
  ];
}

/**
 * Instance-type specs from `catalog`, plus offerings in `region` for the types the pools name. Notes say
 * which rules are skipped and why. No catalog (nothing to resolve), no data and no notes.
 */
export async function lintCatalogData(
  set: ManifestSet,
  catalog: Catalog | undefined,
  region: string | undefined,
  now: Date,
): Promise<{ catalog?: InstanceTypeSpec[]; region?: RegionOfferings; notes: string[] }> {
  if (!catalog) return { notes: [] };
  const types = await catalog.instanceTypes({});
  if (!region) {
    return {
      catalog: types,
      notes: ['No region given: offering rules skipped (pass --region or set AWS_REGION).'],
    };
  }
  try {
    const view = await catalog.regionView(region, namedInstanceTypes(set), { start: now, end: now });
    return {
      catalog: types,
      region: { region, offerings: view.offerings, zoneCount: view.zones.length },
      notes: [],
    };
  } catch (error) {
    return { catalog: types, notes: [`Offering rules skipped: ${(error as Error).message}`] };
  }
}
