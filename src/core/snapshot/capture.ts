/**
 * Capturing a catalog (live AWS, in practice) into the snapshot format: specs, per-zone offerings with
 * zone IDs, the measured Spot price points of the window (plus each zone's price in force at its start),
 * On-Demand prices, Advisor figures and the notes that explain gaps. Nothing is derived: a snapshot
 * captured here carries no `derived` price points.
 */
import { familyCategory } from '../catalog/family.js';
import { inputError } from '../errors.js';
import { nearest } from '../text/nearest.js';
import {
  SNAPSHOT_KIND,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type SnapshotPricePoint,
  type SnapshotRegion,
} from '../catalog/snapshot.js';
import type { Catalog, InstanceTypeSpec, PriceWindow, RegionView } from '../catalog/types.js';
import { resolveInstanceTypes } from '../catalog/lookup.js';

export interface CaptureRequest {
  regions: string[];
  /** Exact instance types; unknown names fail with the nearest real ones. */
  types?: string[];
  /** Whole families; an unknown family fails with the nearest real ones. */
  families?: string[];
  window: PriceWindow;
  /** Stamped as `generatedAt`. */
  now: Date;
  /** Stamped as `generator`, e.g. `spotctl 0.1.0 snapshot`. */
  generator: string;
}

/**
 * Capture the requested types in every requested Region. Without types or families, every type the
 * source knows. Regions are captured one after the other: each is already a handful of parallel calls.
 */
export async function captureSnapshot(catalog: Catalog, request: CaptureRequest): Promise<Snapshot> {
  const specs = await selectTypes(catalog, request);
  const names = specs.map((spec) => spec.instanceType);
  const instanceTypes = Object.fromEntries(specs.map((spec) => [spec.instanceType, spec]));
  const regions: Record<string, SnapshotRegion> = {};
  for (const region of request.regions) {
    const view = await catalog.regionView(region, names, request.window);
    for (const spec of view.types) instanceTypes[spec.instanceType] ??= spec;
    regions[region] = snapshotRegion(view);
  }
  const days = Math.round((request.window.end.getTime() - request.window.start.getTime()) / 86_400_000);
  return {
    kind: SNAPSHOT_KIND,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    generatedAt: request.now.toISOString(),
    generator: request.generator,
    sources: [
      `${catalog.info.description}: EC2 DescribeInstanceTypes, DescribeInstanceTypeOfferings, DescribeAvailabilityZones; DescribeSpotPriceHistory (Linux/UNIX, ${days} days to ${request.window.end.toISOString()}); Pricing GetProducts (Linux, shared tenancy, On-Demand).`,
    ],
    instanceTypes,
    regions,
  };
}

async function selectTypes(catalog: Catalog, request: CaptureRequest): Promise<InstanceTypeSpec[]> {
  const types = request.types ?? [];
  const families = request.families ?? [];
  if (types.length === 0 && families.length === 0) return catalog.instanceTypes({});
  // One query for both; the error path alone pays for the lookups that name the nearest types.
  const specs = await catalog.instanceTypes({
    ...(types.length > 0 ? { types } : {}),
    ...(families.length > 0 ? { families } : {}),
  });
  const foundTypes = new Set(specs.map((spec) => spec.instanceType));
  if (types.some((type) => !foundTypes.has(type))) await resolveInstanceTypes(catalog, types);
  const found = new Set(specs.map((spec) => spec.family));
  const unknown = families.filter((family) => !found.has(family));
  if (unknown.length > 0) {
    const known = new Set((await catalog.instanceTypes({})).map((spec) => spec.family));
    throw inputError(
      'UNKNOWN_INSTANCE_FAMILY',
      `unknown instance famil${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')} (${catalog.info.description})`,
      {
        suggestions: unknown.map((family) => {
          const close = nearest(
            family,
            [...known].filter((k) => familyCategory(k) === familyCategory(family)),
          );
          const hint = close.length > 0 ? close : nearest(family, known);
          return hint.length > 0
            ? `${family}: did you mean ${hint.join(', ')}?`
            : `${family}: no similar family known`;
        }),
      },
    );
  }
  return [...specs].sort((a, b) => a.instanceType.localeCompare(b.instanceType));
}

function snapshotRegion(view: RegionView): SnapshotRegion {
  const spotPrices: Record<string, SnapshotPricePoint[]> = {};
  for (const point of view.spotPrices) {
    (spotPrices[point.instanceType] ??= []).push({
      zone: point.zone,
      price: point.price,
      timestamp: point.timestamp,
    });
  }
  return {
    zones: view.zones,
    offerings: view.offerings,
    spotPrices,
    onDemandPrices: view.onDemandPrices,
    spotAdvisor: view.spotAdvisor,
    notes: view.notes,
  };
}

export interface CaptureSummary {
  output: string;
  generatedAt: string;
  days: number;
  instanceTypes: number;
  regions: Array<{
    region: string;
    zones: number;
    offeredTypes: number;
    spotPricePoints: number;
    onDemandPrices: number;
    notes: string[];
  }>;
}

/** What a snapshot holds, in counts: the `--json` result of `spotctl snapshot`. */
export function summariseSnapshot(snapshot: Snapshot, output: string, days: number): CaptureSummary {
  return {
    output,
    generatedAt: snapshot.generatedAt,
    days,
    instanceTypes: Object.keys(snapshot.instanceTypes).length,
    regions: Object.entries(snapshot.regions).map(([region, data]) => ({
      region,
      zones: data.zones.length,
      offeredTypes: Object.keys(data.offerings).length,
      spotPricePoints: Object.values(data.spotPrices).reduce((sum, points) => sum + points.length, 0),
      onDemandPrices: Object.keys(data.onDemandPrices).length,
      notes: data.notes,
    })),
  };
}
