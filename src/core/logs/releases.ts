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

let commits: Map<string, [number, number]> | undefined;

function table(): Map<string, [number, number]> {
  if (commits) return commits;
  commits = new Map();
  for (const row of data.commits.split(' ')) {
    const [previous, released] = row.slice(7).split(',').map(Number);
    commits.set(row.slice(0, 7), [previous!, released!]);
  }
  return commits;
}

/** The releases around a build commit; undefined when it is not a commit of any release branch. */
export function releaseOfCommit(commit: string): CommitRelease | undefined {
  const hit = table().get(commit.slice(0, 7).toLowerCase());
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
