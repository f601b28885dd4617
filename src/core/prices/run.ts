/**
 * `spotctl prices`: the named types' Spot prices per zone over the last days, from whichever catalog the
 * run uses, in the order asked for, and — with live data — AWS's placement score for the types as a set.
 */
import type { CatalogAccess } from '../catalog/access.js';
import { assertKnownRegion, resolveInstanceTypes } from '../catalog/lookup.js';
import { windowEndingAt } from '../catalog/window.js';
import {
  type PlacementOptions,
  type PlacementReport,
  type PlacementScore,
  type PlacementScoring,
  nameZones,
  scoreRun,
} from '../suggest/placement.js';
import { analysePrices, type PriceAnalysis, type TypePriceAnalysis } from './analyse.js';

export const PRICE_SORTS = ['price', 'per-unit', 'savings', 'interruption', 'zones'] as const;
export type PriceSort = (typeof PRICE_SORTS)[number];

export interface PricesOptions {
  types: string[];
  days: number;
  /** Absent: the order the types were given in. */
  sort?: PriceSort;
  placement?: PlacementOptions;
}

export interface PricesDeps {
  catalogs: CatalogAccess;
  now: Date;
  placement?: PlacementScoring;
}

/** The JSON contract of `spotctl prices --json`. */
export interface PricesResult extends PriceAnalysis {
  /** AWS's Spot placement scores for the listed types as one set. */
  placementScores: PlacementScore[];
  placement: PlacementReport;
}

/** Spot USD per hour per GPU for GPU types, per vCPU otherwise. */
export const pricePerUnit = (t: TypePriceAnalysis): number | undefined =>
  t.gpus > 0 ? t.spotPerGpu : t.spotPerVcpu;

const last = Number.POSITIVE_INFINITY;
const SORT_KEYS: Record<PriceSort, (t: TypePriceAnalysis) => number> = {
  price: (t) => t.spotPrice ?? last,
  'per-unit': (t) => pricePerUnit(t) ?? last,
  savings: (t) => -(t.savingsPct ?? -last),
  interruption: (t) => t.interruption?.bucket ?? last,
  zones: (t) => -t.offeredZones.length,
};

/** The types in `sort` order, best first; ties (and unknowns, which go last) keep the given order. */
export function sortTypes(types: TypePriceAnalysis[], sort: PriceSort | undefined): TypePriceAnalysis[] {
  if (!sort) return types;
  const key = SORT_KEYS[sort];
  return types
    .map((t, index) => ({ t, index, value: key(t) }))
    .sort((a, b) => (a.value === b.value ? a.index - b.index : a.value < b.value ? -1 : 1))
    .map(({ t }) => t);
}

export async function runPrices(options: PricesOptions, deps: PricesDeps): Promise<PricesResult> {
  const region = await deps.catalogs.region();
  assertKnownRegion(region);
  const catalog = await deps.catalogs.catalog(region);
  const specs = await resolveInstanceTypes(catalog, options.types);
  const window = windowEndingAt(deps.now, options.days);
  const names = specs.map((spec) => spec.instanceType);
  const placement = options.placement ?? { calls: 1 };
  // The list is known before any price is: AWS scores it while the prices are fetched.
  const [analysis, scored] = await Promise.all([
    catalog.regionView(region, names, window).then((view) => analysePrices(view, window)),
    scoreRun(
      {
        instanceTypes: names,
        region,
        ...(placement.targetCapacity !== undefined ? { targetCapacity: placement.targetCapacity } : {}),
        ...(placement.targetCapacityUnit ? { targetCapacityUnit: placement.targetCapacityUnit } : {}),
        singleAvailabilityZone: placement.singleAvailabilityZone ?? false,
      },
      [],
      {
        live: catalog.info.kind === 'live',
        source: catalog.info.description,
        ...(deps.placement ? { scoring: deps.placement } : {}),
        calls: placement.calls,
        now: deps.now,
        zones: [],
      },
    ),
  ]);
  const { report, scores } = scored;
  return {
    ...analysis,
    types: sortTypes(analysis.types, options.sort),
    placementScores: nameZones(scores, analysis.zones),
    placement: report,
  };
}
