/**
 * `spotctl suggest`: broaden seed types (or requirements) into a ranked list, ask AWS once whether it can
 * supply that list (live data only), and say where the data came from.
 */
import type { CatalogAccess } from '../catalog/access.js';
import type { PriceAnalysis } from '../prices/analyse.js';
import {
  type PlacementOptions,
  type PlacementReport,
  type PlacementScore,
  type PlacementScoring,
  scoreRun,
  zoneScoreMap,
} from './placement.js';
import { planSuggestions, type SuggestInput } from './plan.js';
import type { SuggestResult } from './suggest.js';

/** The JSON contract of `spotctl suggest --json`. */
export interface SuggestOutput extends SuggestResult {
  source: { kind: string; description: string; generatedAt: string; spotPricesDerived: boolean };
  /** AWS's Spot placement scores for the recommended list as one set: one per Region, or per zone. */
  placementScores: PlacementScore[];
  placement: PlacementReport;
}

export interface SuggestRun {
  output: SuggestOutput;
  /** The prices the ranking used (for the data-source line). */
  analysis: PriceAnalysis;
}

export interface SuggestDeps {
  catalogs: CatalogAccess;
  now: Date;
  /** Absent: no way to ask AWS for placement scores (treated like offline data). */
  placement?: PlacementScoring;
}

export type { PlacementOptions } from './placement.js';

export async function runSuggest(
  options: Omit<SuggestInput, 'region' | 'now'> & { placement?: PlacementOptions },
  deps: SuggestDeps,
): Promise<SuggestRun> {
  const region = await deps.catalogs.region();
  const catalog = await deps.catalogs.catalog(region);
  const { placement = { calls: 1 }, ...input } = options;
  const plan = await planSuggestions(catalog, { ...input, region, now: deps.now });
  const { report, scores } = await scoreRun(
    {
      instanceTypes: plan.result.requirement.values,
      region,
      ...(placement.targetCapacity !== undefined ? { targetCapacity: placement.targetCapacity } : {}),
      ...(placement.targetCapacityUnit ? { targetCapacityUnit: placement.targetCapacityUnit } : {}),
      singleAvailabilityZone: placement.singleAvailabilityZone ?? false,
    },
    plan.result.seeds,
    {
      live: catalog.info.kind === 'live',
      source: catalog.info.description,
      ...(deps.placement ? { scoring: deps.placement } : {}),
      calls: placement.calls,
      now: deps.now,
      zones: plan.analysis.zones,
    },
  );
  // Per-zone scores say where the list finds capacity: they weigh zone coverage, the set stays the same.
  const zoneScores = zoneScoreMap(scores);
  const result = zoneScores.size > 0 ? plan.reorder(zoneScores) : plan.result;
  return {
    output: { ...result, source: plan.analysis.source, placementScores: scores, placement: report },
    analysis: plan.analysis,
  };
}
