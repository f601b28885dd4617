/**
 * `spotctl lint`: read the manifests, fetch the catalog data the rules need (only when there are NodePools
 * to resolve), run the rules (the API server's checks first), apply `--fix` and lint again, write the
 * fixed files.
 */
import type { CatalogAccess } from '../catalog/access.js';
import { ExitCode, inputError, usageError, type ExitCodeValue } from '../errors.js';
import type { FileWriter } from '../files.js';
import { collectManifestFiles, loadManifests, type ManifestFsPort } from '../manifests/sources.js';
import { lintCatalogData } from './catalog-data.js';
import { assertKnownRules, assertLintable } from './inputs.js';
import { spotToSpotFromValues } from './karpenter-values.js';
import { fixedNote, lintReport, type LintOutput, type LintReport } from './result.js';

export interface LintRunOptions {
  paths: string[];
  fix: boolean;
  /** Rule ids not to run. */
  disabled: string[];
  /** Karpenter runs with Spot-to-Spot consolidation on (`--spot-to-spot`). */
  spotToSpot?: boolean;
  /** Karpenter's Helm values, to read its feature gates from (`--karpenter-values`). */
  karpenterValues?: string;
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

  const spotToSpot = await spotToSpotSetting(options, deps);
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
    { catalog: data.catalog, region: data.region, disabled: options.disabled, spotToSpot },
    { fix: options.fix },
  );
  const transition = report.output.skippedTransitionRules;
  if (transition.length > 0) deps.note(transitionNote(transition));
  if (report.fixed.length > 0) {
    await deps.files.writeFiles(
      report.fixed.map((file) => ({ path: file.path, content: file.after })),
      { force: true },
    );
    report.fixed.map(fixedNote).forEach(deps.note);
  }
  return { ...report, exitCode: report.output.summary.counts.error > 0 ? ExitCode.findings : ExitCode.ok };
}

/** The feature gate from the flag, or from the Helm values file (a note when the file leaves it out). */
async function spotToSpotSetting(options: LintRunOptions, deps: LintRunDeps): Promise<boolean> {
  if (options.spotToSpot) return true;
  if (!options.karpenterValues) return false;
  if ((await deps.manifests.kind(options.karpenterValues)) === 'dir') {
    throw inputError('NOT_A_FILE', `${options.karpenterValues} is a directory, not a Helm values file`, {
      suggestions: [
        'Pass the values file Karpenter was installed with (helm get values karpenter > values.yaml).',
      ],
    });
  }
  const { files } = await collectManifestFiles([options.karpenterValues], deps.manifests);
  const setting = spotToSpotFromValues(options.karpenterValues, files[0]!.text);
  if (setting.note) deps.note(setting.note);
  return setting.enabled;
}

const transitionNote = (rules: LintOutput['skippedTransitionRules']): string => {
  const example = rules.find((r) => r.message)?.message;
  return `${rules.length} transition rule${rules.length === 1 ? '' : 's'} of these CRDs (oldSelf) not checked: the API server runs them only when an object in the cluster is updated${example ? ` (e.g. "${example}")` : ''}`;
};

export type { LintOutput };
