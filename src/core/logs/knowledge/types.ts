/**
 * The shape of a knowledge-base entry (see index.ts). Everything an entry means for the analysis is a field
 * here, so the analysis never asks for an entry by its id.
 */
import type { Severity, TimelineKind } from '../types.js';

export type Category =
  | 'capacity'
  | 'quota'
  | 'iam'
  | 'api'
  | 'configuration'
  | 'network'
  | 'scheduling'
  | 'webhook'
  | 'interruption'
  | 'disruption'
  | 'nth'
  | 'lifecycle'
  | 'controller';

/** One way to recognise an entry. Code rules read AWS error codes; text rules read message + error. */
export interface MatchRule {
  /** Any of these AWS error codes (fleet errors, API errors, `aws-error-code=`). */
  codes?: string[];
  /** With `codes`: that code's message must match too (more specific entries come first). */
  codeMessage?: RegExp;
  /** With `codes`: only Karpenter's synthetic `aws-error-code=` stamp (CreateFleet 200, no instance). */
  stamped?: boolean;
  /** Message, `error` field and continuation lines. */
  text?: RegExp;
  /** With `text`: structured fields that must match; tested against the text when a line has no fields. */
  fields?: Record<string, RegExp>;
}

export interface VersionNote {
  /** First release the note applies to. */
  from?: string;
  /** Last release the note applies to. */
  until?: string;
  text: string;
}

export interface KnowledgeEntry {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  match: MatchRule[];
  /** Shown in the timeline as this kind of event. */
  timeline?: TimelineKind;
  /** Capacity type the problem implies even when the line does not name one. */
  capacityType?: 'spot' | 'on-demand' | 'reserved';
  /** Karpenter puts the failed offering in its unavailable-offerings cache (the ICE set). */
  blocksOffering?: boolean;
  /**
   * Karpenter marks a whole capacity type unavailable for the cache TTL (key `capacityType:*:*`), from the
   * release given on.
   */
  blocksCapacityType?: { capacityType: 'spot' | 'on-demand' | 'reserved'; from: string };
  /** The line is Karpenter's own (debug) record of an unavailable-offerings cache entry. */
  logsOfferingCache?: boolean;
  /** Other instance types are the fix: with a catalog, alternatives are named under this label. */
  alternatives?: string;
  /** Only lines of this program match (by their format; lines of unknown format match either). */
  product?: 'karpenter' | 'nth';
  /** Routine activity, not a problem: counted in one line instead of explained. */
  activity?: boolean;
  /**
   * Recognises the outer message only (`could not schedule pod`): the message's own error chain still
   * needs explaining, by a specific entry or by its template.
   */
  generic?: boolean;
  /** For an entry built from a message template: the area of Karpenter or NTH it belongs to. */
  area?: string;
  /**
   * What this problem makes happen next in the same stream: entry ids, `area:<id>` for every message of an
   * area, or `category:<name>`. When both are found, the other is reported as its consequence.
   */
  causes?: string[];
  what: string;
  why: string;
  versions?: VersionNote[];
  actions: string[];
  docs: string;
}
