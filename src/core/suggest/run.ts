/**
 * `spotctl suggest`: broaden seed types (or requirements) into a ranked list, with where the data came from.
 */
import type { CatalogAccess } from '../catalog/access.js';
import type { PriceAnalysis } from '../prices/analyse.js';
import { planSuggestions, type SuggestInput } from './plan.js';
import type { SuggestResult } from './suggest.js';

/** The JSON contract of `spotctl suggest --json`. */
export interface SuggestOutput extends SuggestResult {
  source: { kind: string; description: string; generatedAt: string; spotPricesDerived: boolean };
}

export interface SuggestRun {
  output: SuggestOutput;
  /** The prices the ranking used (for the data-source line). */
  analysis: PriceAnalysis;
}

export async function runSuggest(
  options: Omit<SuggestInput, 'region' | 'now'>,
  deps: { catalogs: CatalogAccess; now: Date },
): Promise<SuggestRun> {
  const region = await deps.catalogs.region();
  const catalog = await deps.catalogs.catalog(region);
  const { analysis, result } = await planSuggestions(catalog, { ...options, region, now: deps.now });
  return { output: { ...result, source: analysis.source }, analysis };
}
