/**
 * Field errors worded the way the API server words them (Kubernetes 1.34: apimachinery's
 * `field.Error.Error()`), so a message here reads exactly like the rejection `kubectl apply` prints.
 */
import type { ManifestPath } from './types.js';

/**
 * A step of a path. Property names and map keys are both strings in a manifest, but the server writes
 * them differently (`spec.tags[Name]` for a key, `spec.tags` for a property), so keys are marked.
 */
export type Segment = string | number | { key: string };

export const key = (k: string): Segment => ({ key: k });

/** The path as the caller sees it: names, keys and indexes alike. */
export const plainPath = (segments: readonly Segment[]): ManifestPath =>
  segments.map((s) => (typeof s === 'object' ? s.key : s));

/** apimachinery `field.Path.String()`: `.name` for children, `[key]` and `[0]` for keys and indexes. */
export function fieldPathString(segments: readonly Segment[]): string {
  if (segments.length === 0) return '<nil>';
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'object') out += `[${s.key}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/**
 * The path kube-openapi's schema validator names in its messages: like `fieldPathString`, except that map
 * keys are joined with a dot (`spec.limits.cpu`).
 */
export function schemaPathString(segments: readonly Segment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else {
      const name = typeof s === 'object' ? s.key : s;
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

/** Go's `%q` for the strings that occur in manifests: escapes quotes, backslashes and control characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code === 7) out += '\\a';
    else if (code === 8) out += '\\b';
    else if (code === 12) out += '\\f';
    else if (code === 11) out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A bad value the error leaves out (`Invalid value: <detail>` with no value). */
export const OMIT = Symbol('omit');

/** How `ErrorBody` prints a bad value: strings quoted, simple scalars bare, anything else as JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value ?? null);
}

function body(type: string, value: unknown, detail: string): string {
  const head = value === OMIT ? type : `${type}: ${renderValue(value)}`;
  return detail ? `${head}: ${detail}` : head;
}

/** The server's field error constructors, each returning the full `path: body` message. */
export const fieldError = {
  required: (path: string, detail = ''): string =>
    `${path}: ${detail ? `Required value: ${detail}` : 'Required value'}`,
  forbidden: (path: string, detail: string): string => `${path}: Forbidden${detail ? `: ${detail}` : ''}`,
  invalid: (path: string, value: unknown, detail: string): string =>
    `${path}: ${body('Invalid value', value, detail)}`,
  duplicate: (path: string, value: unknown): string => `${path}: ${body('Duplicate value', value, '')}`,
  notSupported: (path: string, value: unknown, supported: readonly string[]): string =>
    `${path}: ${body(
      'Unsupported value',
      value,
      supported.length ? `supported values: ${supported.map((v) => goQuote(v)).join(', ')}` : '',
    )}`,
  tooLong: (path: string, max: number): string =>
    `${path}: Too long: ${max >= 0 ? `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}` : 'value is too long'}`,
  tooMany: (path: string, actual: number, max: number): string =>
    `${path}: ${body(
      'Too many',
      actual >= 0 ? actual : OMIT,
      max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items',
    )}`,
};
