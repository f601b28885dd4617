/**
 * Lint rules are data: an id, a severity, a summary and a generic fix, plus a check that returns hits.
 * A hit may carry text edits when its fix is mechanical (`--fix` applies those and nothing else).
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import type { PoolFacts } from '../manifests/pool-facts.js';
import type { ManifestSet, Span } from '../manifests/types.js';
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
  check(context: LintContext): Hit[];
}
