/**
 * The CRD rules, parsed ahead of time: the codec of their stored syntax trees (cel.ts reads the trees).
 * Parsing a CEL expression is most of what validating a manifest costs a fresh process (~150 ms for the 76
 * rules of the shipped CRDs, ~20 ms to read their trees back), so `npm run data:crds` stores each rule's
 * syntax tree beside the schemas (src/data/crd-rule-trees.json) and the validator reads it instead of
 * parsing. A test checks that the stored trees are what the parser gives
 * today, so they cannot drift from the engine that runs them.
 *
 * Trees are JSON with three marks for what JSON lacks: `{"$n":"…"}` an int64/uint64 (a BigInt),
 * `{"$u":1}` a field present but undefined, `{"$b":"…"}` bytes (base64).
 */
import type { parse } from '@bufbuild/cel';

export type RuleTree = ReturnType<typeof parse>['expr'];

export const CEL_TREES_FORMAT = 1;

export interface CelTreeData {
  format: number;
  generator: string;
  /** Rule expression → its encoded syntax tree. */
  trees: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** A syntax tree as JSON-safe data (see the marks above). */
export function encodeTree(value: unknown): unknown {
  if (typeof value === 'bigint') return { $n: value.toString() };
  if (value === undefined) return { $u: 1 };
  if (value instanceof Uint8Array) return { $b: btoa(String.fromCharCode(...value)) };
  if (Array.isArray(value)) return value.map(encodeTree);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = encodeTree(child);
  return out;
}

const base64Bytes = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The syntax tree `encodeTree` encoded. */
export function decodeTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTree);
  if (!isRecord(value)) return value;
  if (typeof value.$n === 'string') return BigInt(value.$n);
  if (value.$u === 1) return undefined;
  if (typeof value.$b === 'string') return base64Bytes(value.$b);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = decodeTree(child);
  return out;
}
