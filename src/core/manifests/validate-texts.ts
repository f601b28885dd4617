/**
 * Karpenter manifests checked as the API server checks them, placed in their YAML source: what lint
 * reports as `schema` and `cel` findings, and what any command that writes manifests can call before it
 * writes (`validateManifestTexts`), so nothing the server would reject leaves spotctl.
 */
import type { Severity } from '../severity.js';
import { crdKind } from './crd/catalog.js';
import { rulesOf } from './crd/schema-rules.js';
import {
  validateManifestDetailed,
  violationSpan,
  type UnevaluatedRule,
  type Violation,
} from './crd/index.js';
import { loadManifestTexts } from './sources.js';
import type { KarpenterDocument, LoadProblem, Span } from './types.js';

export interface LocatedViolation extends Violation {
  span: Span;
}

export interface DocumentValidation {
  document: KarpenterDocument;
  violations: LocatedViolation[];
  /** The CEL rules ran: the server skips them all when the schema check finds a blocking error. */
  celEvaluated: boolean;
  unevaluatedRules: UnevaluatedRule[];
}

/** The server's "rules were not checked" entry: a consequence of the errors before it, not a cause. */
export const isNotChecked = (violation: Pick<Violation, 'keyword'>): boolean =>
  violation.keyword === 'not-checked';

/** Errors, except the note that CEL rules were not checked (the schema errors are the cause). */
export const violationSeverity = (violation: Pick<Violation, 'keyword'>): Severity =>
  isNotChecked(violation) ? 'info' : 'error';

const celRules = new Map<string, boolean>();

/** Whether the CRD has CEL rules at all: the server says they went unchecked only then (v1alpha5 has none). */
function hasCelRules(apiVersion: string, kind: string): boolean {
  const id = `${apiVersion}/${kind}`;
  if (!celRules.has(id)) {
    const crd = crdKind(apiVersion, kind);
    celRules.set(id, crd !== undefined && rulesOf(crd.schema).length > 0);
  }
  return celRules.get(id)!;
}

/** Validate one document against the CRD of its apiVersion and kind, with each violation's span. */
export function validateDocument(document: KarpenterDocument): DocumentValidation {
  const result = validateManifestDetailed(document.value, document.apiVersion, document.kind);
  const withRules = hasCelRules(document.apiVersion, document.kind);
  return {
    document,
    violations: result.violations
      .filter((v) => withRules || !isNotChecked(v))
      .map((violation) => ({
        ...violation,
        span: violationSpan(document.ctx, {
          path: [...document.path, ...violation.path],
          keyword: violation.keyword,
        }),
      })),
    celEvaluated: !withRules || !result.violations.some(isNotChecked),
    unevaluatedRules: result.unevaluatedRules,
  };
}

export interface ManifestFinding {
  file: string;
  line: number;
  column: number;
  /** `schema` or `cel` (the API server's checks), or the input problem: `yaml-syntax`, `yaml-alias-limit`, `yaml-duplicate-key`, `manifest-shape`. */
  ruleId: string;
  severity: Severity;
  /** For `schema` and `cel`, the API server's own message. */
  message: string;
  /** `NodePool/default`, when the finding is about one object. */
  resource?: string;
}

const problemFinding = (problem: LoadProblem): ManifestFinding => ({
  file: problem.file,
  line: problem.line,
  column: problem.column,
  ruleId: problem.code,
  severity: 'error',
  message: problem.message,
});

/**
 * Every reason the API server (or kubectl, before it) would refuse the Karpenter objects in `files`:
 * YAML that does not parse, alias bombs, duplicate keys, kinds a Karpenter API version does not serve,
 * and each schema and CEL violation of every NodePool, NodeClaim, EC2NodeClass, Provisioner and
 * AWSNodeTemplate, at its line and column. Documents of other kinds are not judged. Transition rules
 * (`oldSelf`) only apply to updates and are not run. Pure. An empty result, or only `info` entries, means
 * the server would accept the files.
 */
export function validateManifestTexts(files: Array<{ path: string; text: string }>): ManifestFinding[] {
  const set = loadManifestTexts(files);
  const findings = set.problems.filter((p) => !p.alsoBySchema).map(problemFinding);
  for (const document of set.documents) {
    for (const violation of validateDocument(document).violations) {
      findings.push({
        file: document.ref.file,
        line: violation.span.line,
        column: violation.span.column,
        ruleId: violation.rule,
        severity: violationSeverity(violation),
        message: violation.message,
        resource: `${document.kind}/${document.name}`,
      });
    }
  }
  const order = new Map(files.map((file, i) => [file.path, i]));
  return findings.sort(
    (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line || a.column - b.column,
  );
}
