/**
 * `spotctl lint`: read the manifests, fetch the catalog data the rules need (only when there are NodePools
 * to resolve), run the rules, apply `--fix` and lint again, write the fixed files.
 */
import type { CatalogAccess } from '../catalog/access.js';
import { ExitCode, usageError, type ExitCodeValue } from '../errors.js';
import type { FileWriter } from '../files.js';
import { loadManifests, type ManifestFsPort } from '../manifests/sources.js';
import { lintCatalogData } from './catalog-data.js';
import { assertKnownRules, assertLintable } from './inputs.js';
import { fixedNote, lintReport, type LintOutput, type LintReport } from './result.js';

export interface LintRunOptions {
  paths: string[];
  fix: boolean;
  /** Rule ids not to run. */
  disabled: string[];
}

export interface LintRunDeps {
  manifests: ManifestFsPort;
  catalogs: CatalogAccess;
  files: FileWriter;
  note: (message: string) => void;
  now: Date;
}

export interface LintRun extends LintReport {
  exitCode: ExitCodeValue;
}

export async function runLint(options: LintRunOptions, deps: LintRunDeps): Promise<LintRun> {
  if (options.paths.length === 0) {
    throw usageError('NO_INPUT', 'no manifests given', {
      suggestions: ['Pass files or directories (spotctl lint karpenter/), or - to read stdin.'],
    });
  }
  if (options.fix && options.paths.includes('-')) {
    throw usageError('FIX_NEEDS_FILES', '--fix cannot write back to stdin', {
      suggestions: ['Pass the files themselves, or drop --fix.'],
    });
  }
  assertKnownRules(options.disabled);

  const set = await loadManifests(options.paths, deps.manifests);
  set.notes.forEach(deps.note);
  assertLintable(set, options.paths);
  // Offering rules need a Region, but lint never reads the AWS config files for one.
  const region = deps.catalogs.regionHint;
  // Instance-type data is only worth fetching when there are NodePools to resolve.
  const source = set.nodePools.length > 0 ? await deps.catalogs.catalog(region) : undefined;
  const data = await lintCatalogData(set, source, region, deps.now);
  data.notes.forEach(deps.note);

  const report = lintReport(
    set,
    { catalog: data.catalog, region: data.region, disabled: options.disabled },
    { fix: options.fix },
  );
  if (report.fixed.length > 0) {
    await deps.files.writeFiles(
      report.fixed.map((file) => ({ path: file.path, content: file.after })),
      { force: true },
    );
    report.fixed.map(fixedNote).forEach(deps.note);
  }
  return { ...report, exitCode: report.output.summary.errors > 0 ? ExitCode.findings : ExitCode.ok };
}

export type { LintOutput };
