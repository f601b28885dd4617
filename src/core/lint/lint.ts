/**
 * Running the rules: work out what each NodePool allows (capacity types, instance types through the
 * catalog), run every enabled rule, and return findings in file/line order.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import { parseYamlFile } from '../manifests/parse.js';
import { poolFacts } from '../manifests/pool-facts.js';
import type { DocumentRef, ManifestSet } from '../manifests/types.js';
import { validateDocument, type DocumentValidation } from '../manifests/validate-texts.js';
import { applyEdits } from './edits.js';
import { CRD_RULES } from './rules/crd.js';
import { GPU_RULES } from './rules/gpu.js';
import { INPUT_RULES } from './rules/input.js';
import { MIGRATION_RULES } from './rules/migration.js';
import { NODE_CLASS_RULES } from './rules/node-class.js';
import { NODEPOOL_RULES } from './rules/nodepool.js';
import { NTH_RULES } from './rules/nth.js';
import { SPOT_RULES } from './rules/spot.js';
import { mostSevereFirst } from '../severity.js';
import { type Finding, type LintContext, type RegionOfferings, type Rule } from './types.js';
import type { Severity } from '../severity.js';

/** Every rule, in the order the README documents them. */
export const RULES: Rule[] = [
  ...INPUT_RULES,
  ...CRD_RULES,
  ...NODEPOOL_RULES,
  ...NODE_CLASS_RULES,
  ...MIGRATION_RULES,
  ...SPOT_RULES,
  ...GPU_RULES,
  ...NTH_RULES,
];

export const RULE_IDS = RULES.map((rule) => rule.id);

export interface LintOptions {
  /** Instance-type data for rules that resolve requirements; without it those rules are skipped. */
  catalog?: InstanceTypeSpec[];
  /** Offerings in the target region, for the offering rules. */
  region?: RegionOfferings;
  /** Rule ids not to run. */
  disabled?: string[];
  /** Karpenter runs with the SpotToSpotConsolidation feature gate on. */
  spotToSpot?: boolean;
}

export interface LintResult {
  findings: Finding[];
  /** Rules that did not run, and why. */
  skipped: Array<{ ruleId: string; reason: string }>;
  validations: DocumentValidation[];
}

const sameDocument = (a: DocumentRef, b: DocumentRef) =>
  a.file === b.file && a.index === b.index && a.item === b.item;

/** Lint a loaded manifest set. Pure: same input, same findings. */
export function lintManifests(set: ManifestSet, options: LintOptions = {}): LintResult {
  const disabled = new Set(options.disabled ?? []);
  const validations = set.documents.map(validateDocument);
  const context: LintContext = {
    set,
    pools: set.nodePools.map((pool) => poolFacts(pool, options.catalog)),
    catalog: options.catalog,
    region: options.region,
    validations,
    reportedByApiServer: (ref, rule) => {
      if (disabled.has(rule)) return false;
      const validation = validations.find((v) => sameDocument(v.document.ref, ref));
      return validation !== undefined && (rule === 'schema' || validation.celEvaluated);
    },
    spotToSpot: options.spotToSpot ?? false,
  };
  const findings: Finding[] = [];
  const skipped: LintResult['skipped'] = [];
  for (const rule of RULES) {
    if (disabled.has(rule.id)) continue;
    if (rule.needsSpotToSpot && !context.spotToSpot) {
      skipped.push({
        ruleId: rule.id,
        reason:
          'Spot-to-Spot consolidation is off unless its feature gate is on (--spot-to-spot, or --karpenter-values with settings.featureGates.spotToSpotConsolidation: true)',
      });
      continue;
    }
    if (rule.needsCatalog && !options.catalog) {
      skipped.push({ ruleId: rule.id, reason: 'needs instance-type data' });
      continue;
    }
    if (rule.needsRegion && !options.region) {
      skipped.push({ ruleId: rule.id, reason: 'needs a region (--region or AWS_REGION)' });
      continue;
    }
    for (const hit of rule.check(context)) {
      const finding: Finding = {
        file: hit.file,
        line: hit.span.line,
        column: hit.span.column,
        ruleId: rule.id,
        severity: hit.severity ?? rule.severity,
        message: hit.message,
        fix: hit.fix ?? rule.fix,
        ...(hit.edits?.length ? { edits: hit.edits } : {}),
      };
      const same = hit.sameCauseAs;
      if (same && context.reportedByApiServer(same.ref, same.rule)) {
        const server = findings.find(
          (f) =>
            f.ruleId === same.rule &&
            f.file === finding.file &&
            f.line === finding.line &&
            f.column === finding.column,
        );
        if (server) {
          mergeInto(server, finding, rule.fix);
          continue;
        }
        if (same.certain) continue;
      }
      findings.push(finding);
    }
  }
  const unevaluated = validations.flatMap((v) => v.unevaluatedRules);
  if (unevaluated.length > 0) {
    skipped.push({
      ruleId: 'cel',
      reason: `${unevaluated.length} CEL rule${unevaluated.length === 1 ? '' : 's'} could not be evaluated: ${[...new Set(unevaluated.map((u) => u.reason))].join('; ')}`,
    });
  }
  findings.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      mostSevereFirst(a.severity, b.severity) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return { findings, skipped, validations };
}

/**
 * The API server's finding takes the hand-written rule's mechanical edits, and its fix when that is
 * specific to this hit (`Use Gt.`, a spelling), as it says more than any general advice.
 */
function mergeInto(server: Finding, hit: Finding, genericFix: string): void {
  if (hit.edits?.length && !server.edits?.length) server.edits = hit.edits;
  if (hit.fix !== genericFix) server.fix = hit.fix;
}

export interface FixedFile {
  path: string;
  before: string;
  after: string;
  applied: number;
}

/**
 * Apply the mechanical fixes of `findings` to the files' text. A file is returned only when it changed
 * and still parses with the same number of documents and no new syntax errors — a fix must never make a
 * file worse.
 */
export function fixFiles(set: ManifestSet, findings: Finding[]): FixedFile[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!finding.edits?.length) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const fixed: FixedFile[] = [];
  for (const [path, list] of byFile) {
    const file = set.files.find((f) => f.path === path);
    if (!file) continue;
    const { text, applied } = applyEdits(
      file.text,
      list.flatMap((f) => f.edits!),
    );
    if (applied === 0 || text === file.text) continue;
    const before = parseYamlFile(path, file.text);
    const after = parseYamlFile(path, text);
    if (after.problems.length > before.problems.length || after.documents.length !== before.documents.length)
      continue;
    fixed.push({ path, before: file.text, after: text, applied });
  }
  return fixed;
}

export interface LintSummary {
  /** Findings per severity, keyed as in every command's JSON (explain-logs' `summary.counts` too). */
  counts: Record<Severity, number>;
  fixable: number;
}

export const summarise = (findings: Finding[]): LintSummary => ({
  counts: {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  },
  fixable: findings.filter((f) => f.edits?.length).length,
});
