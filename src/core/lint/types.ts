/**
 * Lint rules are data: an id, a severity, a summary and a generic fix, plus a check that returns hits.
 * A hit may carry text edits when its fix is mechanical (`--fix` applies those and nothing else).
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import type { PoolFacts } from '../manifests/pool-facts.js';
import type { DocumentRef, ManifestSet, Span } from '../manifests/types.js';
import type { DocumentValidation } from '../manifests/validate-texts.js';
import type { Severity } from '../severity.js';

export type { Severity };

/** Replace `text` between two offsets of one file's original text. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  text: string;
}

export interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: Severity;
  message: string;
  fix: string;
  /** Present when `--fix` can apply the fix by itself. */
  edits?: TextEdit[];
}

export interface Hit {
  file: string;
  span: Span;
  message: string;
  /** Specific fix for this hit; the rule's generic fix otherwise. */
  fix?: string;
  edits?: TextEdit[];
  /** Overrides the rule's severity for this hit (e.g. a typo in a Karpenter domain is worse than elsewhere). */
  severity?: Severity;
  /**
   * The API server's check names the same cause in this document: when its finding is reported, this hit
   * is not (one finding per cause), and its edits and fix go to the API server's finding at the same
   * place. `certain`: the CRD of this API version always reports it; otherwise only a finding at the same
   * place counts as the same cause.
   */
  sameCauseAs?: { rule: 'schema' | 'cel'; ref: DocumentRef; certain: boolean };
}

export type { PoolFacts } from '../manifests/pool-facts.js';

export interface RegionOfferings {
  region: string;
  /** Instance type → zones offering it in the region; absent: not offered. */
  offerings: Record<string, string[]>;
  zoneCount: number;
}

export interface LintContext {
  set: ManifestSet;
  pools: PoolFacts[];
  catalog?: InstanceTypeSpec[];
  region?: RegionOfferings;
  /** The API server's verdict on every Karpenter document (CRD schema and CEL rules). */
  validations: DocumentValidation[];
  /**
   * The `schema` or `cel` findings of this document are reported (the rule is on and, for CEL, the server
   * would have run the rules): a hand-written rule skips a cause the API server already names.
   */
  reportedByApiServer(ref: DocumentRef, rule: 'schema' | 'cel'): boolean;
  /** Karpenter's SpotToSpotConsolidation feature gate is on (it is off by default). */
  spotToSpot: boolean;
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  summary: string;
  /** What to do about a hit, in general. */
  fix: string;
  /** Needs the catalog (instance-type data) to run. */
  needsCatalog?: boolean;
  /** Needs region offerings to run. */
  needsRegion?: boolean;
  /** Applies only when Karpenter's SpotToSpotConsolidation feature gate is on. */
  needsSpotToSpot?: boolean;
  check(context: LintContext): Hit[];
}
