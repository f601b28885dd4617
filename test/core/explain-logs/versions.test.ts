/**
 * Which releases wrote a log, from the log itself: the build commit (exact, or the release a commit between
 * two releases went into), else the releases that print its messages; `--karpenter-version` wins, and both
 * are said when they disagree. Version-specific statements follow the version found.
 */
import { describe, expect, it } from 'vitest';

import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { renderExplanation } from '../../../src/core/explain-logs/text.js';
import { plainStyle } from '../../../src/core/format/style.js';

const explain = (text: string, karpenterVersion?: string) =>
  explainLogs([{ name: 'k.log', chunks: [Buffer.from(`${text}\n`)] }], { karpenterVersion });

/** The seed blog's line: v0.5 console format, commit 7e79a67. */
const SEED =
  '2022-01-09T11:06:54.813Z\tERROR\tcontroller.provisioning\tCould not launch node, launching instances, with fleet error(s), MaxSpotInstanceCountExceeded: Max spot instance count exceeded\t{"commit": "7e79a67", "provisioner": "default"}';
const V106 = JSON.stringify({
  level: 'ERROR',
  time: '2024-10-10T10:00:00.000Z',
  logger: 'controller',
  message: 'failed launching nodeclaim',
  commit: '6174c75',
  controller: 'nodeclaim.lifecycle',
  error:
    'insufficient capacity, with fleet error(s), InsufficientInstanceCapacity: We currently do not have sufficient m5.large capacity in the Availability Zone you requested (us-east-1a).',
});

describe('the Karpenter version, from the log', () => {
  it('takes a commit between two releases as a build of the release it went into: 7e79a67 → v0.5.4', async () => {
    // Given the seed blog's line, whose commit follows v0.5.3 and was released in v0.5.4
    const result = await explain(SEED);
    // Then the version is v0.5.4, from the commit, and the summary says so
    expect(result.summary.karpenterVersion).toMatchObject({
      source: 'commit',
      range: 'v0.5.4',
      detail: '7e79a67, built after v0.5.3 and released in v0.5.4',
    });
    expect(renderExplanation(result, plainStyle)).toContain(
      'Karpenter v0.5.4 (from the commit 7e79a67, built after v0.5.3 and released in v0.5.4)',
    );
  });

  it('takes a release commit as that release: 6174c75 → v1.0.6', async () => {
    const result = await explain(V106);
    expect(result.summary.karpenterVersion).toMatchObject({ source: 'commit', range: 'v1.0.6' });
  });

  it('lets --karpenter-version win and says what the log says when they disagree', async () => {
    // Given a v1.0.6 line and a flag naming v0.37.0
    const result = await explain(V106, 'v0.37.0');
    // Then the flag decides, and the disagreement is kept
    expect(result.summary.karpenterVersion).toMatchObject({
      source: 'flag',
      range: 'v0.37.0',
      disagreement: { source: 'commit', range: 'v1.0.6' },
    });
    expect(renderExplanation(result, plainStyle)).toMatch(
      /Karpenter v0\.37\.0 \(as given by --karpenter-version\) — the log says v1\.0\.6/,
    );
  });

  it('falls back to the releases that print its messages when no commit is known', async () => {
    // Given a v0.37+ line without a commit
    const line = JSON.stringify({
      level: 'ERROR',
      time: '2024-10-10T10:00:00.000Z',
      logger: 'controller',
      message: 'failed launching nodeclaim',
      error: 'insufficient capacity, all requested instance types were unavailable during launch',
    });
    const result = await explain(line);
    expect(result.summary.karpenterVersion.source).toBe('templates');
    expect(result.summary.karpenterVersion.range).toMatch(/^v0\.37\.0 – v1\.\d+\.\d+$/);
  });
});

describe('NTH-only input', () => {
  it('says nothing about Karpenter’s offering cache, and names the NTH releases', async () => {
    // Given NTH lines only
    const result = await explain(
      '2023/01/20 22:28:00 INF Requesting instance drain event-id=e1 instance-id=i-0123456789abcdef0 kind=SPOT_ITN node-name=ip-10-0-1-2.ec2.internal',
    );
    const text = renderExplanation(result, plainStyle);
    // Then no Karpenter version or TTL line, and an NTH range
    expect(result.summary.karpenter).toBe(false);
    expect(text).not.toMatch(/Karpenter version unknown|unavailable-offerings TTL/);
    expect(result.summary.nthVersion?.range).toMatch(/^v1\.13\.0 – v1\.25\.\d+$/);
  });
});
