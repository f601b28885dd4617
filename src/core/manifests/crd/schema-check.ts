/**
 * The OpenAPI part of the server's check (kube-openapi's schema validator as the API server runs it for
 * custom resources): type, enum, pattern, lengths, bounds, item and property counts, required properties,
 * anyOf/allOf/oneOf/not. Each keyword yields the error type and wording the server maps it to; errors on
 * one value never stop the checks of its siblings, as in the server.
 */
import { fieldError, goQuote, schemaPathString, key, type Segment } from './field-error.js';
import type { Problem } from './problem.js';
import { compileRe2 } from './re2.js';
import type { CrdSchema } from './types.js';

const IN = 'body';

/** The formats the server checks (the rest are dropped from the schema before validation). */
const CHECKED_FORMATS = new Set(['datetime']);
/** Formats the server knows; any other format is stripped, as `StripUnsupportedFormats` does. */
const KNOWN_FORMATS = new Set([
  'bsonobjectid',
  'uri',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'cidr',
  'mac',
  'uuid',
  'uuid3',
  'uuid4',
  'uuid5',
  'isbn',
  'isbn10',
  'isbn13',
  'creditcard',
  'ssn',
  'hexcolor',
  'rgbcolor',
  'byte',
  'password',
  'date',
  'duration',
  'datetime',
  'k8s-short-name',
  'k8s-long-name',
]);

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The JSON type name kube-openapi gives a decoded value. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value; // string, boolean
}

const schemaTypes = (s: CrdSchema): string[] =>
  s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : s.type ? [s.type] : [];

const normalisedFormat = (s: CrdSchema): string => {
  const format = (s.format ?? '').replaceAll('-', '');
  return KNOWN_FORMATS.has(format) || KNOWN_FORMATS.has(s.format ?? '') ? format : '';
};

class Collector {
  readonly problems: Problem[] = [];

  add(segments: Segment[], keyword: string, message: string, blocksCel: boolean): void {
    this.problems.push({ segments, rule: 'schema', keyword, message, blocksCel });
  }

  /** `field.Invalid(path, value, detail)`: the server's fallback for keywords without a dedicated type. */
  invalid(segments: Segment[], keyword: string, value: unknown, detail: string): void {
    this.add(segments, keyword, fieldError.invalid(schemaPathString(segments), value ?? '', detail), false);
  }

  typeInvalid(segments: Segment[], expected: string, actual: string): void {
    const path = schemaPathString(segments);
    this.add(
      segments,
      'type',
      fieldError.invalid(path, actual, `${path} in ${IN} must be of type ${expected}: "${actual}"`),
      true,
    );
  }
}

function checkType(s: CrdSchema, value: unknown, segments: Segment[], out: Collector): void {
  const types = schemaTypes(s);
  const format = normalisedFormat(s);
  if (types.length === 0 && !format) return;
  const actual = jsonType(value);
  if (actual === 'null') {
    if (types.length > 0 && !s.nullable) out.typeInvalid(segments, types.join(','), 'null');
    return;
  }
  const isString = actual === 'string';
  const isArray = actual === 'array';
  if (!isString && !isArray && format && !types.includes(actual) && !numericCompatible(types, actual)) {
    // The server names the Go format of the decoded number here (`int64`, `float64`).
    out.typeInvalid(
      segments,
      s.format!,
      actual === 'integer' ? 'int64' : actual === 'number' ? 'float64' : '',
    );
    return;
  }
  if (!types.includes('number') && !types.includes('integer') && format && (isString || isArray)) return;
  if (!types.includes(actual) && !numericCompatible(types, actual))
    out.typeInvalid(segments, types.join(','), actual);
}

/** An integral number is an integer and an integer is a number, as in the server. */
const numericCompatible = (types: string[], actual: string): boolean =>
  (actual === 'integer' && types.includes('number')) || (actual === 'number' && types.includes('integer'));

function checkString(s: CrdSchema, value: string, segments: Segment[], out: Collector): void {
  const path = schemaPathString(segments);
  const length = [...value].length;
  if (s.maxLength !== undefined && length > s.maxLength) {
    out.add(segments, 'maxLength', fieldError.tooLong(path, s.maxLength), true);
    return;
  }
  if (s.minLength !== undefined && length < s.minLength) {
    out.invalid(
      segments,
      'minLength',
      value,
      `${path} in ${IN} should be at least ${s.minLength} chars long`,
    );
    return;
  }
  if (s.pattern !== undefined && !compileRe2(s.pattern).test(value)) {
    out.invalid(segments, 'pattern', value, `${path} in ${IN} should match '${s.pattern}'`);
  }
}

function checkFormat(s: CrdSchema, value: string, segments: Segment[], out: Collector): void {
  const format = normalisedFormat(s);
  if (!CHECKED_FORMATS.has(format)) return;
  if (format === 'datetime' && !RFC3339.test(value)) {
    const path = schemaPathString(segments);
    out.add(
      segments,
      'format',
      fieldError.invalid(path, value, `${path} in ${IN} must be of type ${s.format}: ${goQuote(value)}`),
      true,
    );
  }
}

function checkNumber(s: CrdSchema, value: number, segments: Segment[], out: Collector): void {
  const path = schemaPathString(segments);
  if (s.multipleOf !== undefined && s.multipleOf !== 0 && !Number.isInteger(value / s.multipleOf)) {
    out.invalid(segments, 'multipleOf', value, `${path} in ${IN} should be a multiple of ${s.multipleOf}`);
  }
  if (s.minimum !== undefined && (s.exclusiveMinimum ? value <= s.minimum : value < s.minimum)) {
    const relation = s.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
    out.invalid(segments, 'minimum', value, `${path} in ${IN} should be ${relation} ${s.minimum}`);
  }
  if (s.maximum !== undefined && (s.exclusiveMaximum ? value >= s.maximum : value > s.maximum)) {
    const relation = s.exclusiveMaximum ? 'less than' : 'less than or equal to';
    out.invalid(segments, 'maximum', value, `${path} in ${IN} should be ${relation} ${s.maximum}`);
  }
}

/** minItems/maxItems and minProperties/maxProperties, in the server's words. */
function checkCount(
  segments: Segment[],
  out: Collector,
  count: number,
  what: 'items' | 'properties',
  min: number | undefined,
  max: number | undefined,
): void {
  const path = schemaPathString(segments);
  const keyword = what === 'items' ? 'Items' : 'Properties';
  if (min !== undefined && count < min)
    out.invalid(segments, `min${keyword}`, count, `${path} in ${IN} should have at least ${min} ${what}`);
  if (max !== undefined && count > max)
    out.add(segments, `max${keyword}`, fieldError.tooMany(path, count, max), true);
}

function checkArray(s: CrdSchema, value: Json[], segments: Segment[], out: Collector): void {
  const path = schemaPathString(segments);
  if (s.items) value.forEach((item, i) => checkValue(s.items!, item, [...segments, i], out));
  checkCount(segments, out, value.length, 'items', s.minItems, s.maxItems);
  if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
    out.invalid(segments, 'uniqueItems', '', `${path} in ${IN} shouldn't contain duplicates`);
  }
}

function checkEnum(s: CrdSchema, value: unknown, segments: Segment[], out: Collector): void {
  if (!s.enum?.length) return;
  if (s.enum.some((allowed) => allowed === value)) return;
  const supported = s.enum.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  out.add(
    segments,
    'enum',
    fieldError.notSupported(schemaPathString(segments), value ?? null, supported),
    true,
  );
}

function checkObject(s: CrdSchema, value: { [k: string]: Json }, segments: Segment[], out: Collector): void {
  const names = Object.keys(value);
  checkCount(segments, out, names.length, 'properties', s.minProperties, s.maxProperties);
  const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const name of names) {
    const property = s.properties?.[name];
    if (property) checkValue(property, value[name]!, [...segments, name], out);
    else if (extra) checkValue(extra, value[name]!, [...segments, key(name)], out);
  }
  for (const name of s.required ?? []) {
    if (!(name in value)) {
      const at = [...segments, name];
      out.add(at, 'required', fieldError.required(schemaPathString(at)), true);
    }
  }
}

/** anyOf/allOf/oneOf/not; the composite messages carry no field path of their own, as in the server. */
function checkComposition(s: CrdSchema, value: Json, segments: Segment[], out: Collector): void {
  const path = schemaPathString(segments);
  const composite = (message: string) =>
    out.add(segments, 'composition', fieldError.invalid('<nil>', '', message), false);
  const run = (sub: CrdSchema): Problem[] => {
    const inner = new Collector();
    checkValue(sub, value, segments, inner);
    return inner.problems;
  };
  if (s.anyOf?.length) {
    const results = s.anyOf.map(run);
    if (!results.some((r) => r.length === 0)) {
      composite(`${goQuote(path)} must validate at least one schema (anyOf)`);
      out.problems.push(...results[0]!);
    }
  }
  if (s.oneOf?.length) {
    const results = s.oneOf.map(run);
    const valid = results.filter((r) => r.length === 0).length;
    if (valid !== 1) {
      composite(
        `${goQuote(path)} must validate one and only one schema (oneOf). ${valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`}`,
      );
      if (valid === 0) out.problems.push(...results[0]!);
    }
  }
  if (s.allOf?.length) {
    const results = s.allOf.map(run);
    results.forEach((r) => out.problems.push(...r));
    const valid = results.filter((r) => r.length === 0).length;
    if (valid !== results.length) {
      composite(
        `${goQuote(path)} must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}`,
      );
    }
  }
  if (s.not && run(s.not).length === 0) composite(`${goQuote(path)} must not validate the schema (not)`);
}

function checkValue(s: CrdSchema, value: Json, segments: Segment[], out: Collector): void {
  checkType(s, value, segments, out);
  if (value === null) {
    checkEnum(s, value, segments, out);
    return;
  }
  checkComposition(s, value, segments, out);
  if (typeof value === 'string') {
    checkString(s, value, segments, out);
    checkFormat(s, value, segments, out);
  } else if (typeof value === 'number') checkNumber(s, value, segments, out);
  else if (Array.isArray(value)) checkArray(s, value, segments, out);
  checkEnum(s, value, segments, out);
  if (typeof value === 'object' && !Array.isArray(value)) checkObject(s, value, segments, out);
}

/** Every schema error for `value` (the whole document, already pruned and defaulted) against `schema`. */
export function checkSchema(schema: CrdSchema, value: unknown): Problem[] {
  const out = new Collector();
  checkValue(schema, value as Json, [], out);
  return out.problems;
}
