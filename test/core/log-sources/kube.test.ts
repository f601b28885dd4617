import { describe, expect, it } from 'vitest';

import {
  KUBE_TARGETS,
  kubeconfigLocation,
  kubeFailureToError,
  planPodLogs,
  unknownContextError,
  type PodSummary,
} from '../../../src/core/log-sources/kube.js';

const [KARPENTER, NTH] = KUBE_TARGETS;

const pod = (name: string, containers: string[], statuses: PodSummary['statuses'] = []): PodSummary => ({
  namespace: 'karpenter',
  name,
  containers,
  statuses,
});

describe('which container logs to read', () => {
  it('the controller container, its previous log first when it restarted', () => {
    const { reads, skipped } = planPodLogs(
      [
        pod('karpenter-b', ['controller'], [{ name: 'controller', restartCount: 0, state: 'running' }]),
        pod('karpenter-a', ['controller'], [{ name: 'controller', restartCount: 3, state: 'running' }]),
      ],
      KARPENTER!,
    );
    expect(reads.map((r) => r.name)).toEqual([
      'pod karpenter/karpenter-a (controller, previous)',
      'pod karpenter/karpenter-a (controller)',
      'pod karpenter/karpenter-b (controller)',
    ]);
    expect(skipped).toEqual([]);
  });

  it('releases with a webhook container: both; an unfamiliar pod: its first container', () => {
    expect(
      planPodLogs([pod('k', ['webhook', 'controller'])], KARPENTER!).reads.map((r) => r.container),
    ).toEqual(['controller', 'webhook']);
    expect(planPodLogs([pod('nth', ['handler', 'sidecar'])], NTH!).reads.map((r) => r.container)).toEqual([
      'handler',
    ]);
  });

  it('a crash-looping container: only the previous log (the current one has not started)', () => {
    const { reads, skipped } = planPodLogs(
      [
        pod(
          'k',
          ['controller'],
          [{ name: 'controller', restartCount: 7, state: 'waiting', waitingReason: 'CrashLoopBackOff' }],
        ),
      ],
      KARPENTER!,
    );
    expect(reads.map((r) => r.previous)).toEqual([true]);
    expect(skipped).toEqual(['pod karpenter/k (controller): waiting (CrashLoopBackOff)']);
  });
});

describe('where the kubeconfig is', () => {
  it.each([
    ['/x/config', {}, { paths: ['/x/config'], origin: 'flag' }],
    [undefined, { KUBECONFIG: '/a:/b::' }, { paths: ['/a', '/b'], origin: 'KUBECONFIG' }],
    [undefined, { KUBECONFIG: '' }, { paths: ['/home/dev/.kube/config'], origin: 'default' }],
    [undefined, {}, { paths: ['/home/dev/.kube/config'], origin: 'default' }],
  ])('--kubeconfig %s, env %j', (flag, env, expected) => {
    expect(kubeconfigLocation(flag, env, '/home/dev/')).toEqual(expected);
  });
});

describe('Kubernetes failures', () => {
  const call = {
    context: 'prod',
    server: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
    verb: 'list',
    resource: 'pods',
  } as const;

  it.each([
    [{ networkCode: 'ECONNREFUSED' }, 'KUBE_UNREACHABLE', 5],
    [{ status: 401 }, 'KUBE_UNAUTHORIZED', 4],
    [
      {
        status: 403,
        message: 'pods is forbidden: User "arn:aws:sts::1:assumed-role/dev/x" cannot list resource "pods"',
      },
      'KUBE_FORBIDDEN',
      4,
    ],
    [{ status: 500, message: 'etcdserver: request timed out' }, 'KUBE_API_ERROR', 5],
  ])('%j → %s (exit %i)', (failure, code, exitCode) => {
    const error = kubeFailureToError(failure, call);
    expect([error.code, error.exitCode]).toEqual([code, exitCode]);
    expect(error.suggestions.length).toBeGreaterThan(0);
  });

  it('403 names the user the server saw', () => {
    const error = kubeFailureToError(
      { status: 403, message: 'pods is forbidden: User "arn:aws:sts::1:assumed-role/dev/x" cannot list' },
      call,
    );
    expect(error.message).toBe(
      'user arn:aws:sts::1:assumed-role/dev/x may not list pods across all namespaces (403 Forbidden)',
    );
  });

  it('an unknown context lists the known ones, and suggests the closest', () => {
    const error = unknownContextError('prd', ['dev', 'prod']);
    expect([error.message, error.suggestions]).toEqual([
      'no context "prd" in the kubeconfig; known contexts: dev, prod',
      ['Did you mean --context prod?'],
    ]);
    expect(unknownContextError('x', []).message).toBe(
      'no context "x" in the kubeconfig; known contexts: none',
    );
  });
});
