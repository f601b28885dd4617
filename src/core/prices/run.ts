/**
 * `spotctl prices`: the named types' Spot prices per zone over the last days, from whichever catalog the
 * run uses.
 */
import type { CatalogAccess } from '../catalog/access.js';
import { assertKnownRegion, resolveInstanceTypes } from '../catalog/lookup.js';
import { windowEndingAt } from '../catalog/window.js';
import { analysePrices, type PriceAnalysis } from './analyse.js';

export interface PricesOptions {
  types: string[];
  days: number;
}

export interface PricesDeps {
  catalogs: CatalogAccess;
  now: Date;
}

/** The JSON contract of `spotctl prices --json`. */
export type PricesResult = PriceAnalysis;

export async function runPrices(options: PricesOptions, deps: PricesDeps): Promise<PricesResult> {
  const region = await deps.catalogs.region();
  assertKnownRegion(region);
  const catalog = await deps.catalogs.catalog(region);
  const specs = await resolveInstanceTypes(catalog, options.types);
  const window = windowEndingAt(deps.now, options.days);
  const view = await catalog.regionView(
    region,
    specs.map((spec) => spec.instanceType),
    window,
  );
  return analysePrices(view, window);
}
