/**
 * The derived CRD data (`src/data/crd-rules.json`, written by `scripts/derive-crd-rules.ts`) and what
 * validating a manifest against it returns.
 */

/** Bumped when the shape of the derived data changes. */
export const CRD_RULES_FORMAT = 1;

/** One `x-kubernetes-validations` entry, as declared in the CRD. */
export interface CrdValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: 'FieldValueInvalid' | 'FieldValueForbidden' | 'FieldValueRequired' | 'FieldValueDuplicate';
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/** A structural schema node reduced to the keywords validation reads. */
export interface CrdSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  required?: string[];
  nullable?: boolean;
  default?: unknown;
  properties?: Record<string, CrdSchema>;
  items?: CrdSchema;
  additionalProperties?: CrdSchema | boolean;
  anyOf?: CrdSchema[];
  allOf?: CrdSchema[];
  oneOf?: CrdSchema[];
  not?: CrdSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-validations'?: CrdValidationRule[];
}

/** One served version of one CRD. */
export interface CrdKind {
  /** `group/version`, e.g. `karpenter.sh/v1`. */
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** The status subresource is enabled, so a create ignores `status`. */
  statusSubresource: boolean;
  /** Upstream release and file the schema was derived from. */
  source: string;
  schema: CrdSchema;
}

export interface CrdCatalog {
  format: number;
  generator: string;
  /** Keyed by `apiVersion/kind`, e.g. `karpenter.sh/v1/NodePool`. */
  kinds: Record<string, CrdKind>;
}

/** A path into a manifest: property names and list indexes, from the document root. */
export type ManifestPath = (string | number)[];

/**
 * One reason the API server would reject the document. `message` is the server's own wording for the
 * field error (`<field>: <detail>`); `keyword` names the schema keyword that failed (`required`, `enum`,
 * `pattern`, `unknown-field`, …) or, for CEL, `rule` / `rule-error` (the rule could not be evaluated on
 * this value, which the server reports as a rejection too).
 */
export interface Violation {
  path: ManifestPath;
  rule: 'schema' | 'cel';
  keyword?: string;
  message: string;
}

/** A transition rule (`oldSelf`) that only an update can evaluate: skipped for files on disk. */
export interface SkippedRule {
  /** The schema location of the rule, e.g. `spec.template.spec.nodeClassRef`. */
  schemaPath: string;
  rule: string;
  message?: string;
}
