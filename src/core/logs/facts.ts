/**
 * Karpenter's numbers and AWS error-code sets per release, as its source has them (TTLs, timeouts,
 * thresholds; which fleet error codes count as unavailable capacity). A statement that depends on the
 * version is made from these ranges and only within them.
 */
import data from '../../data/karpenter-facts.json' with { type: 'json' };
import { compareVersions, parseVersion, type Version, type VersionRange } from './versions.js';

interface Span<T> {
  min: Version;
  max: Version;
  value: T;
}

const spans = <T>(rows: Array<[string, string, T]>): Array<Span<T>> =>
  rows.map(([min, max, value]) => ({ min: parseVersion(min)!, max: parseVersion(max)!, value }));

const overlaps = (span: { min: Version; max: Version }, range: VersionRange): boolean =>
  compareVersions(span.min, range.max) <= 0 && compareVersions(span.max, range.min) >= 0;

/** A fact's value in a version range: one value, several (it changed within the range), or none known. */
export interface FactInRange<T> {
  values: Array<{ value: T; from: string; until: string }>;
  /** The one value that holds over the whole range (and the range is covered by the data). */
  only?: T;
}

const format = (v: Version): string => `v${v[0]}.${v[1]}.${v[2]}`;

function inRange<T>(all: Array<Span<T>>, range: VersionRange | undefined): FactInRange<T> {
  const hits = range ? all.filter((span) => overlaps(span, range)) : all;
  // Consecutive spans with the same value read as one.
  const values: FactInRange<T>['values'] = [];
  for (const span of hits) {
    const last = values[values.length - 1];
    if (last && last.value === span.value) last.until = format(span.max);
    else values.push({ value: span.value, from: format(span.min), until: format(span.max) });
  }
  const distinct = new Set(values.map((v) => v.value));
  const covered =
    range !== undefined &&
    hits.length > 0 &&
    compareVersions(hits[0]!.min, range.min) <= 0 &&
    compareVersions(hits[hits.length - 1]!.max, range.max) >= 0;
  return { values, ...(covered && distinct.size === 1 ? { only: values[0]!.value } : {}) };
}

const constants = data.constants as unknown as Record<string, Array<[string, string, number]>>;

/** A constant (`unavailable-offerings-ttl`, `on-demand-fallback-flexibility-threshold`, …) in a range. */
export const constantIn = (id: string, range: VersionRange | undefined): FactInRange<number> =>
  inRange(spans(constants[id] ?? []), range);

interface CodeRange {
  versions: [string, string];
  sets: Record<string, string[]>;
  classifiers: Record<string, { codes?: string[]; sets?: string[]; messageContains?: string[] }>;
  /** Fleet error codes Karpenter counts as unavailable capacity in the range. */
  cachedCodes: string[];
  reasons: string[];
}

const codeRanges = (data.errorCodes as unknown as CodeRange[]).map((range) => ({
  min: parseVersion(range.versions[0])!,
  max: parseVersion(range.versions[1])!,
  range,
}));

/** Whether Karpenter counts `code` as unavailable capacity (it caches the offering), per release range. */
export const cachesCode = (code: string, range: VersionRange | undefined): FactInRange<boolean> =>
  inRange(
    codeRanges.map(({ min, max, range: r }) => ({
      min,
      max,
      value: r.cachedCodes.includes(code),
    })),
    range,
  );

/** Whether a classifier function exists (IsServiceLinkedRoleCreationNotPermitted, …), per release range. */
export const hasClassifier = (name: string, range: VersionRange | undefined): FactInRange<boolean> =>
  inRange(
    codeRanges.map(({ min, max, range: r }) => ({ min, max, value: name in r.classifiers })),
    range,
  );

/** The first release where `holds` is true for a fact over all releases, if any. */
export function firstRelease<T>(fact: FactInRange<T>, holds: (value: T) => boolean): string | undefined {
  return fact.values.find((v) => holds(v.value))?.from;
}
