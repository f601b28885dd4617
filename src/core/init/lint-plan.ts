/**
 * What `spotctl lint` would say about the files init is about to write, so the summary can say it first:
 * the same rules over the same text, with the catalog the run already has.
 */
import type { Catalog } from '../catalog/types.js';
import { lintCatalogData } from '../lint/catalog-data.js';
import { lintManifests } from '../lint/lint.js';
import { loadManifestTexts } from '../manifests/sources.js';
import type { InitPlan, PlanFinding } from './plan.js';

/** Lint the planned files (manifests and values) in the plan's Region. */
export async function lintPlan(plan: InitPlan, catalog: Catalog, now: Date): Promise<PlanFinding[]> {
  const set = loadManifestTexts(plan.files.map((file) => ({ path: file.path, text: file.content })));
  const data = await lintCatalogData(set, catalog, plan.config.region, now);
  return lintManifests(set, { catalog: data.catalog, region: data.region }).findings.map((finding) => ({
    file: finding.file,
    line: finding.line,
    severity: finding.severity,
    ruleId: finding.ruleId,
    message: finding.message,
    fix: finding.fix,
  }));
}
