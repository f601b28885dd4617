/**
 * A build commit's releases are looked up in the stored rows in place: every row must come back as it is
 * stored, whatever the case or length of the commit a log prints, and nothing else may match.
 */
import { describe, expect, it } from 'vitest';

import data from '../../../src/data/karpenter-releases.json' with { type: 'json' };
import { releaseOfCommit } from '../../../src/core/logs/releases.js';

const rows = data.commits.split(' ').map((row) => {
  const [previous, released] = row.slice(7).split(',').map(Number);
  return { commit: row.slice(0, 7), previous: previous!, released: released! };
});

describe('releaseOfCommit', () => {
  it('gives every stored commit its releases, as a log prints it (any case, longer)', () => {
    // Given every stored row / When its commit is looked up upper-cased and with more characters
    const wrong = rows.filter(({ commit, previous, released }) => {
      const found = releaseOfCommit(`${commit.toUpperCase()}9f`);
      return (
        found?.commit !== commit.toUpperCase() ||
        found.previous !== (previous >= 0 ? data.tags[previous] : undefined) ||
        found.released !== (released >= 0 ? data.tags[released] : undefined)
      );
    });
    // Then each gives the tags its row names
    expect(rows.length).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it('finds nothing for what is not a stored commit', () => {
    const stored = new Set(rows.map((r) => r.commit));
    const absent = ['0000000', 'fffffff', 'abcdef0'].filter((c) => !stored.has(c));
    expect(absent.length).toBeGreaterThan(0);
    // Seven hex digits inside a row but not at its start (a commit's tail and its first number)
    const inside = data.commits
      .split(' ')
      .map((row) => row.slice(1, 8))
      .filter((text) => /^[0-9a-f]{7}$/.test(text) && !stored.has(text));
    expect(inside.length).toBeGreaterThan(100);
    // Not a commit, too short, inside a row
    for (const text of [...absent, 'v1.0.6', rows[0]!.commit.slice(0, 6), '', ...inside])
      expect(releaseOfCommit(text), text).toBeUndefined();
  });

  it('names the seed blog build and a v1 release', () => {
    expect(releaseOfCommit('7e79a67')).toEqual({ commit: '7e79a67', previous: 'v0.5.3', released: 'v0.5.4' });
    expect(releaseOfCommit('6174c75')?.released).toBe('v1.0.6');
  });
});
