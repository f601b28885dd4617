/**
 * One lint run as users get it: findings (after --fix, those that remain), the files fixed, and the
 * `--json` object.
 */
import { skippedTransitionRules, type SkippedRule } from '../manifests/crd/index.js';
import { loadManifestTexts } from '../manifests/sources.js';
import type { ManifestSet } from '../manifests/types.js';
import {
  fixFiles,
  lintManifests,
  summarise,
  type FixedFile,
  type LintOptions,
  type LintSummary,
} from './lint.js';
import type { Finding } from './types.js';

export interface LintOutput {
  findings: Array<Omit<Finding, 'edits'> & { fixable: boolean }>;
  summary: LintSummary & { files: number; fixed: number };
  fixedFiles: string[];
  skippedRules: Array<{ ruleId: string; reason: string }>;
  /** CRD rules that compare with the object already in the cluster (`oldSelf`): never run on files. */
  skippedTransitionRules: Array<SkippedRule & { apiVersion: string; kind: string }>;
  notes: string[];
}

export interface LintReport {
  /** Findings with their edits, for rendering. */
  findings: Finding[];
  /** Files whose text the fixes changed (for the caller to write); empty without `fix`. */
  fixed: FixedFile[];
  output: LintOutput;
}

/**
 * Lint `set`; with `fix`, apply the mechanical fixes and lint the fixed text again, so what is reported
 * is what is left. Pure: the fixed text is returned, not written.
 */
export function lintReport(set: ManifestSet, options: LintOptions, { fix = false } = {}): LintReport {
  let result = lintManifests(set, options);
  let current = set;
  const fixed = fix ? fixFiles(set, result.findings) : [];
  if (fixed.length > 0) {
    current = loadManifestTexts(
      set.files.map((f) => ({ path: f.path, text: fixed.find((x) => x.path === f.path)?.after ?? f.text })),
    );
    result = lintManifests(current, options);
  }
  return {
    findings: result.findings,
    fixed,
    output: {
      findings: result.findings.map(({ edits, ...finding }) => ({
        ...finding,
        fixable: Boolean(edits?.length),
      })),
      summary: {
        ...summarise(result.findings),
        files: current.files.length,
        fixed: fixed.reduce((sum, file) => sum + file.applied, 0),
      },
      fixedFiles: fixed.map((file) => file.path),
      skippedRules: result.skipped,
      skippedTransitionRules: transitionRules(current),
      notes: set.notes,
    },
  };
}

/** The transition rules of every kind in the set, each kind once. */
function transitionRules(set: ManifestSet): LintOutput['skippedTransitionRules'] {
  const kinds = new Map(set.documents.map((d) => [`${d.apiVersion}/${d.kind}`, d]));
  return [...kinds.values()].flatMap(({ apiVersion, kind }) =>
    skippedTransitionRules(apiVersion, kind).map((rule) => ({ apiVersion, kind, ...rule })),
  );
}

/** The progress line for one fixed file. */
export const fixedNote = (file: FixedFile) =>
  `fixed ${file.applied} problem${file.applied === 1 ? '' : 's'} in ${file.path}`;
