/**
 * The bounds that keep a diagnosis the same size whatever the input (a 1 GB log needs the memory of a
 * 1 MB one), and the small merges every part of it uses.
 */
import { detach } from '../logs/json-fields.js';

/** Distinct values kept per problem (instance types, zones, …). */
export const MAX_VALUES_PER_PROBLEM = 50;
/** Characters of a line kept as an example. */
export const MAX_EXAMPLE_CHARS = 2000;

/** Add values not yet in `set`, in order, until it holds the cap; kept values are detached copies. */
export function addCapped(set: Set<string>, values: readonly string[]): void {
  // Indexed, not for-of: this runs ten times per record on a large log, nearly always finding the set full
  // or nothing to add.
  for (let i = 0; i < values.length && set.size < MAX_VALUES_PER_PROBLEM; i += 1) {
    const value = values[i]!;
    if (!set.has(value)) set.add(detach(value));
  }
}

/** addCapped with the values of another set (merging what a later input collected). */
export function addCappedFrom(set: Set<string>, values: ReadonlySet<string>): void {
  for (const value of values) {
    if (set.size >= MAX_VALUES_PER_PROBLEM) return;
    if (!set.has(value)) set.add(detach(value));
  }
}

/**
 * An empty array made for objects. `[]` starts out holding small integers and changes kind at its first
 * object; code optimised for the arrays of one reader would be thrown away at the next reader's fresh
 * ones (every range of a file gets its own), and compiled again.
 */
export function objectList<T extends object>(): T[] {
  const list = [null] as unknown as T[];
  list.length = 0;
  return list;
}

/** The earlier of two ISO times (either may be missing). */
export const earlier = <T extends string | undefined | null>(a: T, b: T): T =>
  b !== undefined && b !== null && (a === undefined || a === null || b < a) ? b : a;

/** The later of two ISO times (either may be missing). */
export const later = <T extends string | undefined | null>(a: T, b: T): T =>
  b !== undefined && b !== null && (a === undefined || a === null || b > a) ? b : a;

/** `iso` plus `seconds`, or null when there is no usable time. */
export const addSeconds = (iso: string | null | undefined, seconds: number): string | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + seconds * 1000).toISOString();
};
