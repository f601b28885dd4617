/**
 * One model for every Karpenter API generation spotctl reads: v1 and v1beta1 NodePools and v1alpha5
 * Provisioners normalise into `NodePoolModel`; EC2NodeClass/AWSNodeTemplate into `NodeClassModel`; an
 * aws-node-termination-handler Helm values file into `NthValuesModel`. Every value keeps where it came
 * from, so findings can point at `file:line:column` and fixes can edit the original text.
 */
import type { Document, LineCounter } from 'yaml';

/** A parsed YAML document and the line index of its file, for reading located nodes. */
export interface TreeContext {
  doc: Document;
  lineCounter: LineCounter;
}

/** A place in a source file: 1-based line/column of the start, 0-based offsets of the source range. */
export interface Span {
  line: number;
  column: number;
  start: number;
  end: number;
}

/** A value and where it is written. */
export interface Located<T> {
  value: T;
  span: Span;
}

export type ApiGeneration = 'v1' | 'v1beta1' | 'v1alpha5';

/** Where a document lives: a file (or `-` for stdin) and its index among the file's YAML documents. */
export interface DocumentRef {
  file: string;
  /** 0-based index of the document within the file. */
  index: number;
  /** 0-based index in the `items` of a `kind: List` document (`kubectl get … -o yaml`), when it is one. */
  item?: number;
  /** Span of the document's `kind` (or its first node), for findings about the whole document. */
  span: Span;
  /** Span of the `apiVersion` value, for findings about the API version. */
  apiVersionSpan?: Span;
}

/** How a YAML scalar was written, so a fix can write the replacement the same way. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

export interface RequirementValue {
  value: string;
  span: Span;
  style: ScalarStyle;
}

export interface Requirement {
  key: string;
  keySpan: Span;
  /** Scalar style of the key, for fixes. */
  keyStyle: ScalarStyle;
  operator: string;
  operatorSpan: Span;
  values: RequirementValue[];
  minValues?: Located<number>;
  /** `values` is written but is not a list (a scalar, a map): the schema check reports it. */
  valuesMalformed?: boolean;
  /** The whole `- key: …` entry. */
  span: Span;
}

export interface LimitEntry {
  resource: string;
  keySpan: Span;
  keyStyle: ScalarStyle;
  /** As written: `100`, `"1000Gi"`, `500m`. */
  raw: string;
  valueSpan: Span;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  span: Span;
}

export interface Budget {
  nodes?: string;
  schedule?: string;
  duration?: string;
  span: Span;
}

export interface DisruptionSettings {
  /** v1/v1beta1 `spec.disruption.consolidationPolicy`. */
  consolidationPolicy?: Located<string>;
  consolidateAfter?: Located<string>;
  /** v1alpha5 `spec.consolidation.enabled`. */
  consolidationEnabled?: Located<boolean>;
  /** v1alpha5 `spec.ttlSecondsAfterEmpty`. */
  ttlSecondsAfterEmpty?: Located<number>;
  ttlSecondsUntilExpired?: Located<number>;
  /** v1 `spec.template.spec.expireAfter`, v1beta1 `spec.disruption.expireAfter`. */
  expireAfter?: Located<string>;
  budgets: Budget[];
  budgetsSpan?: Span;
}

export interface NodePoolModel {
  ref: DocumentRef;
  kind: 'NodePool' | 'Provisioner';
  apiVersion: string;
  generation: ApiGeneration;
  name: string;
  requirements: Requirement[];
  requirementsSpan?: Span;
  /** Template labels (v1/v1beta1 `spec.template.metadata.labels`, v1alpha5 `spec.labels`): they count as requirements. */
  labels: Record<string, string>;
  /** Where each template label's key is written. */
  labelSpans: Record<string, Span>;
  taints: Taint[];
  startupTaints: Taint[];
  limits: LimitEntry[];
  limitsSpan?: Span;
  disruption: DisruptionSettings;
  weight?: Located<number>;
  replicas?: Located<number>;
  /** v1alpha5 inline `spec.provider` (deprecated in favour of `providerRef`). */
  inlineProvider?: Span;
  /** What the inline provider configures, read like a node class. */
  providerSettings?: NodeClassSettings;
  /** v1alpha5 `spec.providerRef`, when written (even without a name). */
  providerRefSpan?: Span;
  nodeClassRef?: { name: string; kind?: string; span: Span };
}

/** What an EC2NodeClass, an AWSNodeTemplate or an inline provider block sets that lint rules read. */
export interface NodeClassSettings {
  amiFamily?: Located<string>;
  /** v1 `amiSelectorTerms[*].alias` values, e.g. `al2023@latest`. */
  amiAliases: Array<Located<string>>;
  /** The AMI is chosen explicitly (v1alpha1 `amiSelector`, `amiSelectorTerms` without an alias). */
  amiSelected: boolean;
  userData?: Located<string>;
  /** v1alpha1 `launchTemplate` (a launch template Karpenter does not manage). */
  launchTemplate?: Span;
  tags: Array<{ key: string; keySpan: Span }>;
}

export interface NodeClassModel {
  ref: DocumentRef;
  kind: 'EC2NodeClass' | 'AWSNodeTemplate';
  apiVersion: string;
  name: string;
  settings: NodeClassSettings;
}

/**
 * A document of a kind the CRD validator knows, with what it needs: the value as the API server would
 * decode it, and the YAML tree to place violations in.
 */
export interface KarpenterDocument {
  ref: DocumentRef;
  apiVersion: string;
  kind: string;
  name: string;
  /** The document as plain data (aliases expanded, the last of duplicate keys). */
  value: unknown;
  ctx: TreeContext;
  /** Where the object sits in its YAML document: `[]`, or `['items', i]` in a List. */
  path: Array<string | number>;
}

/** A located node of plain values: maps, lists and scalars as written in a values file. */
export type ValueTree =
  | { kind: 'map'; span: Span; entries: Array<{ key: string; keySpan: Span; value: ValueTree }> }
  | { kind: 'seq'; span: Span; items: ValueTree[] }
  | { kind: 'scalar'; span: Span; value: unknown };

export interface NthValuesModel {
  ref: DocumentRef;
  /** Top-level values (or those under an `aws-node-termination-handler:` key of an umbrella chart). */
  values: Extract<ValueTree, { kind: 'map' }>;
}

/** Something wrong with the input itself (not a rule finding): YAML syntax, alias limits, unreadable files. */
export interface LoadProblem {
  file: string;
  line: number;
  column: number;
  code: 'yaml-syntax' | 'yaml-alias-limit' | 'yaml-duplicate-key' | 'manifest-shape';
  message: string;
  /** A fix more specific than the rule's. */
  fix?: string;
  /** The CRD check of this document reports the same (in the API server's words). */
  alsoBySchema?: DocumentRef;
}

export interface ManifestSet {
  nodePools: NodePoolModel[];
  /** Every document of a kind spotctl has the CRD of (NodePools, node classes, NodeClaims, …). */
  documents: KarpenterDocument[];
  nodeClasses: NodeClassModel[];
  nthValues: NthValuesModel[];
  problems: LoadProblem[];
  /** What was skipped and why (non-Karpenter documents, empty files). */
  notes: string[];
  /** Files read, in order, with their text (for fixes and display). */
  files: Array<{ path: string; text: string; documents: number }>;
}
