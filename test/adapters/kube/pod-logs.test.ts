/**
 * The cluster as a log source, through the official Kubernetes client and a kubeconfig written to a temp
 * dir, against a local API server that checks bearer tokens and RBAC and streams container logs. Real
 * Karpenter and NTH lines (../shared/fixtures/karpenter-logs) are the pods' logs.
 */
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { kubeLogSources, type KubeLogSource } from '../../../src/adapters/kube/pod-logs.js';
import { isSpotctlError, type SpotctlError } from '../../../src/core/errors.js';
import type { KubeLogsPlan } from '../../../src/core/log-sources/options.js';
import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { KubeTestServer, type FakePod, type LogLine } from '../../helpers/kube-server.js';
import { describeShared, sharedPath } from '../../helpers/shared.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const KARPENTER = { 'app.kubernetes.io/name': 'karpenter', 'app.kubernetes.io/instance': 'karpenter' };
const NTH = { 'app.kubernetes.io/name': 'aws-node-termination-handler' };

const fixtureLines = (file: string, startMs = NOW - 3_600_000): LogLine[] =>
  readFileSync(sharedPath('fixtures/karpenter-logs', file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((text, i) => ({ time: startMs + i * 1000, text }));

/** The seed's NTH lines as the container wrote them: the `log` of each Fluent Bit record. */
const seedNthLines = (): LogLine[] =>
  fixtureLines('seed_blog_nth_fluentbit_rebalance.log').map((line) => ({
    ...line,
    text: (JSON.parse(line.text) as { log: string }).log.replace(/\n$/, ''),
  }));

function cluster(): FakePod[] {
  return [
    {
      namespace: 'karpenter',
      name: 'karpenter-5d8f7b9c4-abcde',
      labels: KARPENTER,
      containers: [
        {
          name: 'controller',
          restartCount: 1,
          // The crash before the restart: the webhook had no certificates during the upgrade.
          previousLog: fixtureLines('k7425_webhook_no_certs_v036.log', NOW - 7_200_000),
          log: fixtureLines('k6643_all_types_unavailable_v037.log'),
        },
      ],
    },
    {
      namespace: 'karpenter',
      name: 'karpenter-5d8f7b9c4-fghij',
      labels: KARPENTER,
      containers: [
        { name: 'controller', log: fixtureLines('k6036_accessdenied_passrole_instanceprofile_v036.log') },
      ],
    },
    {
      namespace: 'kube-system',
      name: 'aws-node-termination-handler-tg8kz',
      labels: NTH,
      containers: [{ name: 'aws-node-termination-handler', log: seedNthLines() }],
    },
    {
      namespace: 'kube-system',
      name: 'aws-node-termination-handler-x9k2p',
      labels: NTH,
      containers: [
        { name: 'aws-node-termination-handler', log: fixtureLines('nth545_drain_pdb_timeout_v114.log') },
      ],
    },
    {
      namespace: 'kube-system',
      name: 'coredns-6d4b75cb6d-kq8xz',
      labels: { 'k8s-app': 'kube-dns' },
      containers: [
        {
          name: 'coredns',
          log: [{ time: NOW, text: '[ERROR] plugin/errors: 2 example.com. A: i/o timeout' }],
        },
      ],
    },
  ];
}

let server: KubeTestServer;
let kubeconfig: string;
let notes: string[];

const plan = (extra: Partial<KubeLogsPlan> = {}): KubeLogsPlan => ({
  kubeconfig: { paths: [kubeconfig], origin: 'flag' },
  timeoutMs: 5000,
  ...extra,
});

async function read(
  p: KubeLogsPlan,
  concurrency?: number,
): Promise<Array<KubeLogSource & { text: string; chunkCount: number }>> {
  const sources = [];
  for await (const source of kubeLogSources(p, { note: (m) => notes.push(m), env: {}, concurrency })) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of source.chunks)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    sources.push({ ...source, text: Buffer.concat(chunks).toString('utf8'), chunkCount: chunks.length });
  }
  return sources;
}

const failure = async (promise: Promise<unknown>): Promise<SpotctlError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isSpotctlError(error)) throw new Error(`expected a SpotctlError, got ${String(error)}`);
  return error;
};

describeShared('the cluster as a log source (official client, local API server)', () => {
  beforeAll(async () => {
    server = await KubeTestServer.start({
      tokens: { 'token-dev': 'dev', 'token-ro': 'readonly' },
      now: () => NOW,
    });
    kubeconfig = server.writeKubeconfig(
      [
        { name: 'dev', token: 'token-dev' },
        { name: 'prod', token: 'token-ro' },
        { name: 'stale', token: 'expired-token' },
      ],
      'dev',
    );
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    server.pods.length = 0;
    server.pods.push(...cluster());
    server.requests.length = 0;
    server.rbac = () => true;
    server.mostInFlight = 0;
    notes = [];
  });

  it('reads every Karpenter and NTH pod, and the previous container where one restarted', async () => {
    // Given two controller pods (one restarted) and two NTH pods, over TLS with the cluster's CA
    // When the cluster is read
    const sources = await read(plan());
    // Then each pod is a source, the restarted one's previous container first, Karpenter's before NTH's
    expect(sources.map((s) => s.name)).toEqual([
      'pod karpenter/karpenter-5d8f7b9c4-abcde (controller, previous)',
      'pod karpenter/karpenter-5d8f7b9c4-abcde (controller)',
      'pod karpenter/karpenter-5d8f7b9c4-fghij (controller)',
      'pod kube-system/aws-node-termination-handler-tg8kz (aws-node-termination-handler)',
      'pod kube-system/aws-node-termination-handler-x9k2p (aws-node-termination-handler)',
    ]);
    expect(server.tls, 'openssl made a CA: the client verified the server against it').toBeDefined();
    // And the logs arrived as streamed, chunk by chunk
    expect(sources[3]!.text.split('\n')[0]).toBe(seedNthLines()[0]!.text);
    expect(Math.max(...sources.map((s) => s.chunkCount))).toBeGreaterThan(1);

    // When the analyser reads the cluster's sources as they stream
    const result = await explainLogs(kubeLogSources(plan(), { note: () => undefined, env: {} }));
    const problem = (id: string) => result.problems.find((p) => p.id === id);
    // Then the crash before the restart is reported from the previous container, and the rest from theirs
    expect(problem('webhook_certificate_error')?.example.source).toBe(sources[0]!.name);
    expect(problem('all_instance_types_unavailable')?.example.source).toBe(sources[1]!.name);
    expect(problem('iam_permission_denied')?.example.source).toBe(sources[2]!.name);
    expect(problem('rebalance_recommendation_drain')?.example.source).toBe(sources[3]!.name);
    expect(problem('pdb_eviction_timeout')?.example.source).toBe(sources[4]!.name);
  });

  it('asks the API for what it needs: one pod list by label, each log with container, previous and since', async () => {
    await read(plan({ sinceSeconds: 21_600 }));
    const lists = server.requests.filter((r) => r.path === '/api/v1/pods');
    expect(lists).toEqual([
      {
        path: '/api/v1/pods',
        query: {
          labelSelector: 'app.kubernetes.io/name in (karpenter,aws-node-termination-handler)',
          limit: '500',
        },
        user: 'dev',
      },
    ]);
    expect(server.logRequests().map((r) => [r.path, r.query])).toContainEqual([
      '/api/v1/namespaces/karpenter/pods/karpenter-5d8f7b9c4-abcde/log',
      { container: 'controller', previous: 'true', sinceSeconds: '21600' },
    ]);
    expect(server.logRequests()).toHaveLength(5);
    // coredns matched no selector: never read
    expect(server.requests.some((r) => r.path.includes('coredns'))).toBe(false);
  });

  it('--since is applied by the server: older lines do not come back', async () => {
    // Given the previous container's log ended two hours ago
    const sources = await read(plan({ sinceSeconds: 3600 }));
    const previous = sources.find((s) => s.previous)!;
    // Then with --since 1h it is empty, while the current log (the last hour) is whole
    expect(previous.text).toBe('');
    expect(sources[1]!.text).toContain('all requested instance types were unavailable during launch');
  });

  it('--namespace lists pods in that namespace only, which a namespaced Role allows', async () => {
    // Given an identity that may list pods in karpenter only
    server.rbac = (_user, verb, _resource, namespace) => verb === 'get' || namespace === 'karpenter';
    const sources = await read(plan({ namespace: 'karpenter' }));
    expect(sources.map((s) => s.pod)).toEqual([
      'karpenter-5d8f7b9c4-abcde',
      'karpenter-5d8f7b9c4-abcde',
      'karpenter-5d8f7b9c4-fghij',
    ]);
    expect(server.requests[0]!.path).toBe('/api/v1/namespaces/karpenter/pods');
    expect(notes).toContain(
      'No NTH pods (app.kubernetes.io/name=aws-node-termination-handler) in namespace karpenter.',
    );
  });

  it('keeps at most four logs open at once', async () => {
    // Given twelve NTH pods whose logs stream slowly
    for (let i = 0; i < 12; i++) {
      server.pods.push({
        namespace: 'kube-system',
        name: `aws-node-termination-handler-n${i}`,
        labels: NTH,
        containers: [
          { name: 'aws-node-termination-handler', log: fixtureLines('nth701_spot_itn_event_v1173.log') },
        ],
      });
    }
    const slow = await KubeTestServer.start({ tokens: { t: 'dev' }, chunkDelayMs: 30, now: () => NOW });
    try {
      slow.pods.push(...server.pods);
      const config = slow.writeKubeconfig([{ name: 'slow', token: 't' }], 'slow');
      const sources = await read({ kubeconfig: { paths: [config], origin: 'flag' }, timeoutMs: 5000 });
      expect(sources).toHaveLength(17);
      expect(slow.mostInFlight).toBeGreaterThan(1);
      expect(slow.mostInFlight).toBeLessThanOrEqual(4);
    } finally {
      await slow.close();
    }
  });

  it('a previous log the node no longer keeps is skipped with a note, not a failure', async () => {
    server.pods[1]!.containers[0]!.restartCount = 2;
    const sources = await read(plan());
    expect(sources).toHaveLength(5);
    expect(notes).toContain(
      'No log for pod karpenter/karpenter-5d8f7b9c4-fghij (controller, previous): previous terminated container "controller" in pod "karpenter-5d8f7b9c4-fghij" not found.',
    );
  });

  it('an unknown context is a one-line usage error listing the known ones', async () => {
    const error = await failure(read(plan({ context: 'prd' })));
    expect([error.code, error.exitCode]).toEqual(['UNKNOWN_CONTEXT', 2]);
    expect(error.message).toBe('no context "prd" in the kubeconfig; known contexts: dev, prod, stale');
    expect(error.message).not.toContain('\n');
    expect(error.suggestions).toEqual(['Did you mean --context prod?']);
    expect(server.requests).toHaveLength(0);
  });

  it('403 on listing names the verb, resource and scope to grant (exit 4)', async () => {
    server.rbac = (user, verb) => !(user === 'readonly' && verb === 'list');
    const error = await failure(read(plan({ context: 'prod' })));
    expect([error.code, error.exitCode]).toEqual(['KUBE_FORBIDDEN', 4]);
    expect(error.message).toBe('user readonly may not list pods across all namespaces (403 Forbidden)');
    expect(error.suggestions[0]).toMatch(/^Grant `list` on `pods` cluster-wide .*--namespace/);
  });

  it('403 on a log names get on pods/log in its namespace (exit 4)', async () => {
    server.rbac = (_user, _verb, resource, namespace) =>
      !(resource === 'pods/log' && namespace === 'kube-system');
    const error = await failure(read(plan()));
    expect(error.message).toBe('user dev may not get pods/log in namespace kube-system (403 Forbidden)');
    expect(error.suggestions[0]).toBe(
      'Grant `get` on `pods/log` in namespace kube-system (a Role and RoleBinding).',
    );
  });

  it('401 says the credentials were rejected and how to refresh them (exit 4)', async () => {
    const error = await failure(read(plan({ context: 'stale' })));
    expect([error.code, error.exitCode]).toEqual(['KUBE_UNAUTHORIZED', 4]);
    expect(error.message).toContain('rejected the credentials of context stale (401 Unauthorized)');
    expect(error.suggestions[0]).toContain('aws eks update-kubeconfig --name <cluster> --region <region>');
  });

  it('no matching pods names the selectors tried (exit 3)', async () => {
    server.pods.splice(0, 4);
    const error = await failure(read(plan()));
    expect([error.code, error.exitCode]).toEqual(['NO_KARPENTER_PODS', 3]);
    expect(error.message).toBe(
      'no pods match app.kubernetes.io/name=karpenter or app.kubernetes.io/name=aws-node-termination-handler in any namespace (context dev)',
    );
  });

  it('no kubeconfig is an input error (exit 3); an API server that is down is exit 5', async () => {
    const missing = await failure(
      read({ kubeconfig: { paths: ['/nonexistent/kubeconfig'], origin: 'flag' }, timeoutMs: 1000 }),
    );
    expect([missing.code, missing.exitCode, missing.message]).toEqual([
      'NO_KUBECONFIG',
      3,
      '--kubeconfig /nonexistent/kubeconfig does not exist',
    ]);

    const down = await KubeTestServer.start();
    const config = down.writeKubeconfig([{ name: 'gone', token: 'token-dev' }], 'gone');
    await down.close();
    const unreachable = await failure(
      read({ kubeconfig: { paths: [config], origin: 'flag' }, timeoutMs: 1000 }),
    );
    expect([unreachable.code, unreachable.exitCode]).toEqual(['KUBE_UNREACHABLE', 5]);
    expect(unreachable.message).toMatch(
      /no answer from the Kubernetes API server https?:\/\/127\.0\.0\.1:\d+ \(context gone\): ECONNREFUSED/,
    );
  });

  it('KUBECONFIG with several files merges them, the first file winning', async () => {
    const other = server.writeKubeconfig(
      [
        { name: 'dev', token: 'expired-token' },
        { name: 'extra', token: 'token-dev' },
      ],
      'extra',
    );
    const sources = await read({
      kubeconfig: { paths: [kubeconfig, other], origin: 'KUBECONFIG' },
      timeoutMs: 5000,
    });
    // Then dev (the first file's current-context, with its valid token) was used
    expect(sources).toHaveLength(5);
    expect(server.requests[0]!.user).toBe('dev');
  });
});
