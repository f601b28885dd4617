/**
 * Which Karpenter release a build commit belongs to. Karpenter logs print the 7-character commit they were
 * built from (`commit` in every JSON line and console field set); release builds print the tag's commit,
 * other builds a commit between two releases.
 */
import data from '../../data/karpenter-releases.json' with { type: 'json' };
import { parseVersion, type Version } from './versions.js';

export interface CommitRelease {
  commit: string;
  /** The highest release the commit follows (or is). */
  previous?: string;
  /** The first release that contains it; undefined when no release does (yet). */
  released?: string;
}

/**
 * The releases stored for a commit (`<commit><previous>,<released>` rows, sorted by commit, separated by
 * spaces), found by a binary search over the text itself: a report looks up the few commits its log named,
 * and a search in place costs a few steps where indexing thousands of rows would cost milliseconds.
 */
function rowOf(commit: string): [number, number] | undefined {
  const rows = data.commits;
  // `low` and `high` are row starts (or the end); the row sought, if stored, starts in [low, high).
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = rows.lastIndexOf(' ', middle - 1) + 1;
    const space = rows.indexOf(' ', start);
    const end = space < 0 ? rows.length : space;
    const key = rows.slice(start, start + commit.length);
    if (key === commit) {
      const [previous, released] = rows
        .slice(start + commit.length, end)
        .split(',')
        .map(Number);
      return [previous!, released!];
    }
    if (key < commit) low = end + 1;
    else high = start;
  }
  return undefined;
}

const COMMIT = /^[0-9a-f]{7}$/;

/** The releases around a build commit; undefined when it is not a commit of any release branch. */
export function releaseOfCommit(commit: string): CommitRelease | undefined {
  const short = commit.slice(0, 7).toLowerCase();
  const hit = COMMIT.test(short) ? rowOf(short) : undefined;
  if (!hit) return undefined;
  const [previous, released] = hit;
  return {
    commit: commit.slice(0, 7),
    ...(previous >= 0 ? { previous: data.tags[previous] } : {}),
    ...(released >= 0 ? { released: data.tags[released] } : {}),
  };
}

/** Every final Karpenter release, oldest first. */
export const karpenterReleases = (): readonly Version[] => data.tags.map((tag) => parseVersion(tag)!);

/** Every final NTH release, oldest first. */
export const nthReleases = (): readonly Version[] => data.nthTags.map((tag) => parseVersion(tag)!);
