/**
 * Validating one manifest the way the API server validates a create of it: decode (unknown fields are
 * reported as strict field validation does, then dropped), drop nulls, default, then check type metadata,
 * object metadata, the OpenAPI schema and list types, and run the CEL rules unless the schema check found
 * an error the server treats as blocking.
 */
import { BugError } from '../../errors.js';
import { crdKind } from './catalog.js';
import { checkRules, type UnevaluatedRule } from './cel-check.js';
import { coerce } from './coerce.js';
import { fieldError } from './field-error.js';
import { checkListTypes } from './list-type.js';
import { checkObjectMeta } from './metadata.js';
import { toViolation, type Problem } from './problem.js';
import { checkSchema } from './schema-check.js';
import type { Violation } from './types.js';

export interface ManifestValidation {
  violations: Violation[];
  /** Rules this engine could not evaluate (none for the shipped CRDs; tests keep it so). */
  unevaluatedRules: UnevaluatedRule[];
}

const NOT_CHECKED =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ValidateOptions {
  /** Run the CEL rules (default). Off when only the schema's verdict is wanted, e.g. the shape of a value. */
  cel?: boolean;
}

/**
 * The same object is often judged twice in a run (init validates what it writes, then lints it; convert
 * checks each object it writes, and so may its caller), and validation is pure: the latest results are
 * kept by content. `undefined` and non-finite numbers are marked, as the checks tell them apart (a string
 * that starts like a mark is escaped). Real Karpenter objects are a few KB; a huge one is not kept.
 */
const MEMO_SIZE = 64;
const MAX_KEY_CHARS = 256 * 1024;
const memo = new Map<string, ManifestValidation>();
const MARK = '\u0000';
const marked = (_key: string, value: unknown): unknown =>
  value === undefined
    ? `${MARK}undefined`
    : typeof value === 'number' && !Number.isFinite(value)
      ? `${MARK}${value}`
      : typeof value === 'string' && value.startsWith(MARK)
        ? `${MARK}${value}`
        : value;

function contentKey(doc: unknown, apiVersion: string, kind: string, cel: boolean): string | undefined {
  let json: string;
  try {
    json = JSON.stringify(doc, marked);
  } catch {
    return undefined; // a BigInt or a cycle: not JSON, judged without the memo
  }
  return json.length > MAX_KEY_CHARS ? undefined : `${apiVersion} ${kind} ${cel}${MARK}${json}`;
}

const frozen = (result: ManifestValidation): ManifestValidation => {
  for (const violation of result.violations) Object.freeze(Object.freeze(violation).path);
  for (const rule of result.unevaluatedRules) Object.freeze(rule);
  return result;
};

/** Like `validateManifest`, also returning the rules that could not be evaluated. */
export function validateManifestDetailed(
  doc: unknown,
  apiVersion: string,
  kind: string,
  options: ValidateOptions = {},
): ManifestValidation {
  const key = contentKey(doc, apiVersion, kind, options.cel !== false);
  let result = key === undefined ? undefined : memo.get(key);
  if (result) memo.delete(key!);
  else result = frozen(judge(doc, apiVersion, kind, options));
  if (key !== undefined) {
    memo.set(key, result);
    if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!);
  }
  return { violations: [...result.violations], unevaluatedRules: [...result.unevaluatedRules] };
}

function judge(doc: unknown, apiVersion: string, kind: string, options: ValidateOptions): ManifestValidation {
  const crd = crdKind(apiVersion, kind);
  if (!crd) throw new BugError(`no CRD schema for ${apiVersion} ${kind}: check isKnownKind() first`);
  if (!isObject(doc)) {
    return {
      violations: [
        {
          path: [],
          rule: 'schema',
          keyword: 'type',
          message: fieldError.invalid('<nil>', doc ?? null, 'expected an object'),
        },
      ],
      unevaluatedRules: [],
    };
  }
  const { object, unknownFields } = coerce(doc as never, crd.schema, crd.statusSubresource);
  const violations: Violation[] = unknownFields.map((u) => ({
    path: u.path,
    rule: 'schema',
    keyword: 'unknown-field',
    message: `unknown field "${u.display}"`,
  }));

  const problems: Problem[] = [];
  const typeMeta: Problem[] = [];
  if (object.kind !== crd.kind) {
    typeMeta.push({
      segments: ['kind'],
      rule: 'schema',
      keyword: 'kind',
      message: fieldError.invalid('kind', object.kind ?? '', `must be ${crd.kind}`),
      blocksCel: false,
    });
  }
  if (object.apiVersion !== crd.apiVersion) {
    typeMeta.push({
      segments: ['apiVersion'],
      rule: 'schema',
      keyword: 'apiVersion',
      message: fieldError.invalid('apiVersion', object.apiVersion ?? '', `must be ${crd.apiVersion}`),
      blocksCel: false,
    });
  }
  // A wrong kind or apiVersion stops the server's validator before it looks at anything else.
  if (typeMeta.length > 0)
    return { violations: [...violations, ...typeMeta.map(toViolation)], unevaluatedRules: [] };

  problems.push(
    ...checkObjectMeta(object.metadata),
    ...checkSchema(crd.schema, object),
    ...checkListTypes(crd.schema, object),
  );
  if (options.cel === false)
    return { violations: [...violations, ...problems.map(toViolation)], unevaluatedRules: [] };
  let unevaluatedRules: UnevaluatedRule[] = [];
  if (problems.some((p) => p.blocksCel)) {
    problems.push({
      segments: [],
      rule: 'cel',
      keyword: 'not-checked',
      message: fieldError.invalid('<nil>', null, NOT_CHECKED),
      blocksCel: false,
    });
  } else {
    const cel = checkRules(crd.schema, object);
    problems.push(...cel.problems);
    unevaluatedRules = cel.unevaluated;
  }
  return { violations: [...violations, ...problems.map(toViolation)], unevaluatedRules };
}

/**
 * Why the API server would reject creating `doc` as `apiVersion` `kind` (empty when it would accept it).
 * `doc` is the parsed YAML/JSON document; it is not modified. Messages are the server's (Kubernetes 1.34).
 * Unknown fields come first (with `kubectl apply --validate=strict` the server stops there; they are
 * followed by what it reports once they are removed). Transition rules are never run: see
 * `skippedTransitionRules`. Throws a BugError for a kind without a schema (see `isKnownKind`).
 */
export const validateManifest = (
  doc: unknown,
  apiVersion: string,
  kind: string,
  options?: ValidateOptions,
): Violation[] => validateManifestDetailed(doc, apiVersion, kind, options).violations;
