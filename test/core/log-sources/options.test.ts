import { describe, expect, it } from 'vitest';

import { isSpotctlError } from '../../../src/core/errors.js';
import { planLogSources, type LogSourceFlagValues } from '../../../src/core/log-sources/options.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const CONTEXT = { now: NOW, env: {}, homeDir: '/home/dev' };
const GROUP = '/aws/containerinsights/prod/application';

const plan = (flags: LogSourceFlagValues, env: Record<string, string> = {}) =>
  planLogSources(flags, { ...CONTEXT, env });

const usage = (flags: LogSourceFlagValues): { code: string; message: string; next: string } => {
  try {
    plan(flags);
  } catch (error) {
    if (isSpotctlError(error) && error.exitCode === 2) {
      return { code: error.code, message: error.message, next: error.suggestions[0] ?? '' };
    }
    throw error;
  }
  throw new Error('no error');
};

describe('planning remote log sources from flags', () => {
  it('files only: no plan, nothing to call', () => {
    expect(plan({})).toBeUndefined();
  });

  it('--log-group: the groups (comma lists and repeats folded), the last 24 h by default, and a note saying so', () => {
    // Given two flags, one a comma list repeating a group
    const result = plan({ 'log-group': [GROUP, `${GROUP},/aws/containerinsights/prod/dataplane`] });
    // Then each group once, in order, over the default window, with a note
    expect(result?.cloudwatch).toEqual({
      groups: [GROUP, '/aws/containerinsights/prod/dataplane'],
      startMs: NOW.getTime() - 86_400_000,
      endMs: NOW.getTime(),
      insights: false,
    });
    expect(result?.notes).toEqual([expect.stringContaining('last 24 hours')]);
    expect(result?.kube).toBeUndefined();
  });

  it('--log-group with --since, --insights and --log-stream-prefix', () => {
    const result = plan({
      'log-group': [GROUP],
      since: '30d',
      insights: true,
      'log-stream-prefix': 'karpenter-',
    });
    expect(result?.cloudwatch).toMatchObject({
      insights: true,
      streamPrefix: 'karpenter-',
      startMs: NOW.getTime() - 30 * 86_400_000,
    });
    expect(result?.notes).toEqual([]);
  });

  it('a group ARN is accepted as it is', () => {
    const arn = `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*`;
    expect(plan({ 'log-group': [arn] })?.cloudwatch?.groups).toEqual([arn]);
  });

  it('--kube: the kubeconfig as kubectl finds it, and sinceSeconds or sinceTime', () => {
    expect(plan({ kube: true })?.kube).toEqual({
      kubeconfig: { paths: ['/home/dev/.kube/config'], origin: 'default' },
      timeoutMs: 30_000,
    });
    expect(plan({ kube: true }, { KUBECONFIG: '/a:/b', SPOTCTL_KUBE_TIMEOUT_MS: '500' })?.kube).toMatchObject(
      {
        kubeconfig: { paths: ['/a', '/b'], origin: 'KUBECONFIG' },
        timeoutMs: 500,
      },
    );
    expect(
      plan({ kube: true, kubeconfig: '/x', context: 'prod', namespace: 'karpenter', since: '6h' })?.kube,
    ).toEqual({
      kubeconfig: { paths: ['/x'], origin: 'flag' },
      context: 'prod',
      namespace: 'karpenter',
      sinceSeconds: 21_600,
      timeoutMs: 30_000,
    });
    expect(plan({ kube: true, start: '2024-05-01T10:00:00.750Z' })?.kube?.sinceTime).toBe(
      '2024-05-01T10:00:00Z',
    );
    // No default window for the cluster: the container log is read whole, and no note says otherwise.
    expect(plan({ kube: true })?.notes).toEqual([]);
  });

  it('both sources at once share the window', () => {
    const result = plan({ kube: true, 'log-group': [GROUP], since: '2h' });
    expect([result?.cloudwatch?.startMs, result?.kube?.sinceSeconds]).toEqual([
      NOW.getTime() - 7_200_000,
      7200,
    ]);
  });

  it.each<[LogSourceFlagValues, string, RegExp]>([
    [{ 'log-group': [''] }, 'EMPTY_LOG_GROUP', /--log-group \/aws\/containerinsights/],
    [{ 'log-group': ['  '] }, 'EMPTY_LOG_GROUP', /log group name/],
    [{ 'log-group': ['my group'] }, 'BAD_LOG_GROUP', /describe-log-groups/],
    [{ 'log-group': [GROUP], since: 'six hours' }, 'BAD_DURATION', /90m/],
    [
      { 'log-group': [GROUP], start: '2024-05-01T11:00Z', end: '2024-05-01T10:00Z' },
      'START_AFTER_END',
      /Swap/,
    ],
    [{ insights: true }, 'FLAG_NEEDS_SOURCE', /--log-group/],
    [{ 'log-stream-prefix': 'karpenter-' }, 'FLAG_NEEDS_SOURCE', /--log-group/],
    [{ 'log-group': [GROUP], 'log-stream-prefix': ' ' }, 'EMPTY_STREAM_PREFIX', /karpenter-/],
    [{ context: 'prod' }, 'FLAG_NEEDS_SOURCE', /--kube/],
    [{ namespace: 'karpenter' }, 'FLAG_NEEDS_SOURCE', /--kube/],
    [{ since: '6h' }, 'FLAG_NEEDS_SOURCE', /--log-group GROUP or --kube/],
    [{ kube: true, start: '1d', end: 'now' }, 'KUBE_NO_END', /--since or --start/],
    [{ kube: true, namespace: 'Karpenter' }, 'BAD_NAMESPACE', /lower-case/],
    [{ kube: true, context: '' }, 'EMPTY_CONTEXT', /get-contexts/],
  ])('%j → %s (exit 2) with a next step', (flags, code, next) => {
    const error = usage(flags);
    expect(error.code).toBe(code);
    expect(error.next).toMatch(next);
  });

  it('--insights over more than 50 groups is refused before any call', () => {
    const groups = Array.from({ length: 51 }, (_, i) => `/eks/c${i}`);
    expect(usage({ 'log-group': groups, insights: true }).code).toBe('TOO_MANY_LOG_GROUPS');
    expect(plan({ 'log-group': groups })?.cloudwatch?.groups).toHaveLength(51);
  });
});
