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
 * The releases stored for a commit (`<commit><previous>,<released>` rows, separated by spaces), searched
 * for in place: a report looks up the few commits its log named, which costs less than indexing thousands.
 */
function rowOf(commit: string): [number, number] | undefined {
  const rows = data.commits;
  let at = 0;
  if (!rows.startsWith(commit)) {
    at = rows.indexOf(` ${commit}`) + 1;
    if (at === 0) return undefined;
  }
  const end = rows.indexOf(' ', at);
  const [previous, released] = rows
    .slice(at + commit.length, end < 0 ? rows.length : end)
    .split(',')
    .map(Number);
  return [previous!, released!];
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
