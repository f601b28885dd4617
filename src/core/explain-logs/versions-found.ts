/**
 * Which releases wrote the log, and how we know: the version the user named (it wins), the build commit
 * Karpenter printed (exact, or between two releases), a version the log states, or the releases that print
 * every message seen. When the user's version and the log disagree, both are said.
 */
import { releaseOfCommit, karpenterReleases, nthReleases } from '../logs/releases.js';
import { templateById } from '../logs/templates.js';
import {
  compareVersions,
  describeRange,
  formatVersion,
  parseVersion,
  type Version,
  type VersionRange,
} from '../logs/versions.js';
import type { VersionEvidence } from './version-evidence.js';

export type VersionSource = 'flag' | 'commit' | 'log' | 'templates' | 'unknown';

export interface VersionFound {
  source: VersionSource;
  range?: VersionRange;
  /** How the source decided, in words: `commit 7e79a67 (after v0.5.3, released in v0.5.4)`. */
  detail?: string;
  /** What the log itself says, when the user's flag disagrees with it. */
  disagreement?: { source: VersionSource; range: VersionRange; detail?: string };
}

const exact = (v: Version): VersionRange => ({ min: v, max: v });
const overlaps = (a: VersionRange, b: VersionRange): boolean =>
  compareVersions(a.min, b.max) <= 0 && compareVersions(b.min, a.max) <= 0;

/** The range of minor releases `first`–`last` (`0.27`, `1.14`), using the patches that exist. */
function minorsRange(
  releases: readonly Version[],
  first: [number, number],
  last: [number, number],
): VersionRange {
  const inMinor = (m: [number, number]) => releases.filter((v) => v[0] === m[0] && v[1] === m[1]);
  const lastPatch = inMinor(last).at(-1);
  return { min: [first[0], first[1], 0], max: lastPatch ?? [last[0], last[1], 99] };
}

/** The minor releases where the most templates seen are printed: their hull, and how many agree. */
function fromTemplates(
  evidence: VersionEvidence,
  product: 'karpenter' | 'nth',
  releases: readonly Version[],
): { range: VersionRange; agree: number; total: number } | undefined {
  const minors: Array<[number, number]> = [];
  for (const v of releases) {
    const last = minors[minors.length - 1];
    if (!last || last[0] !== v[0] || last[1] !== v[1]) minors.push([v[0], v[1]]);
  }
  const spans: Array<[Version, Version]> = [];
  for (const id of evidence.templates.keys()) {
    const template = templateById(id);
    if (!template || template.product !== product) continue;
    const [first, last] = template.versions.map((m) => parseVersion(m)!);
    spans.push([first!, last!]);
  }
  if (spans.length === 0) return undefined;
  const counts = minors.map(
    (m) =>
      spans.filter(
        ([first, last]) =>
          compareVersions([m[0], m[1], 0], first) >= 0 && compareVersions([m[0], m[1], 0], last) <= 0,
      ).length,
  );
  const best = Math.max(...counts);
  if (best === 0) return undefined;
  const chosen = minors.filter((_, i) => counts[i] === best);
  return {
    range: minorsRange(releases, chosen[0]!, chosen[chosen.length - 1]!),
    agree: best,
    total: spans.length,
  };
}

function fromCommits(evidence: VersionEvidence): { range: VersionRange; detail: string } | undefined {
  const known = [...evidence.commits.keys()]
    .map((commit) => releaseOfCommit(commit))
    .filter((r) => r !== undefined);
  if (known.length === 0) return undefined;
  const ranges = known.map((r) => {
    const previous = r.previous ? parseVersion(r.previous)! : ([0, 0, 0] as Version);
    const released = r.released ? parseVersion(r.released)! : undefined;
    // A commit between two releases is a build of the release that first contains it.
    const range: VersionRange = released
      ? exact(released)
      : { min: previous, max: [Number.POSITIVE_INFINITY, 0, 0] };
    const detail =
      r.previous === r.released
        ? `${r.commit}, the ${r.released} release`
        : r.released
          ? `${r.commit}, built after ${r.previous ?? 'the first release'} and released in ${r.released}`
          : `${r.commit}, an unreleased build after ${r.previous}`;
    return { range, detail };
  });
  const min = ranges.map((r) => r.range.min).sort(compareVersions)[0]!;
  const max = ranges
    .map((r) => r.range.max)
    .sort(compareVersions)
    .at(-1)!;
  const detail =
    ranges.length === 1
      ? ranges[0]!.detail
      : `${ranges.length} builds (${ranges.map((r) => r.detail).join('; ')})`;
  return { range: { min, max }, detail };
}

function fromStated(evidence: VersionEvidence): { range: VersionRange; detail: string } | undefined {
  const versions = [...evidence.stated.keys()].map((v) => parseVersion(v)).filter((v) => v !== undefined);
  if (versions.length === 0) return undefined;
  versions.sort(compareVersions);
  return {
    range: { min: versions[0]!, max: versions.at(-1)! },
    detail: `the log states ${versions.map(formatVersion).join(', ')}`,
  };
}

/** The Karpenter releases that wrote the log; `flag`: `--karpenter-version`. */
export function karpenterVersion(evidence: VersionEvidence, flag: string | undefined): VersionFound {
  const commit = fromCommits(evidence);
  const stated = fromStated(evidence);
  const templates = fromTemplates(evidence, 'karpenter', karpenterReleases());
  const fromLog: VersionFound | undefined = commit
    ? { source: 'commit', ...commit }
    : stated
      ? { source: 'log', ...stated }
      : templates
        ? {
            source: 'templates',
            range: templates.range,
            detail:
              templates.agree === templates.total
                ? `the releases that print all ${templates.total} of its messages`
                : `the releases that print ${templates.agree} of its ${templates.total} messages`,
          }
        : undefined;
  const flagged = flag ? parseVersion(flag) : undefined;
  if (!flagged) return fromLog ?? { source: 'unknown' };
  const range = exact(flagged);
  if (fromLog?.range && !overlaps(range, fromLog.range))
    return {
      source: 'flag',
      range,
      disagreement: { source: fromLog.source, range: fromLog.range, detail: fromLog.detail },
    };
  return { source: 'flag', range };
}

/** The NTH releases that wrote the log (from its messages; NTH prints no version). */
export function nthVersion(evidence: VersionEvidence): VersionFound {
  const templates = fromTemplates(evidence, 'nth', nthReleases());
  return templates
    ? {
        source: 'templates',
        range: templates.range,
        detail: `the NTH releases that print ${templates.agree === templates.total ? 'all' : templates.agree} of its ${templates.total} messages`,
      }
    : { source: 'unknown' };
}

/** `v1.0.6`, `v0.5.3 – v0.5.4`, `v1.14.1 or later`. */
export const rangeText = (range: VersionRange | undefined): string | null =>
  range ? describeRange(range) : null;
