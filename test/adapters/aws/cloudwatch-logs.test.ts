/**
 * The CloudWatch Logs source through the real SDK client against a local endpoint speaking awsJson1.1:
 * the blog's real Karpenter and NTH lines, shipped as Fluent Bit records among hundreds of routine lines
 * and another workload's, come back as one source per pod and container, explain the problems, and cost
 * one call per page.
 */
import { readFileSync } from 'node:fs';

import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';

import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

import { cloudWatchLogsClient } from '../../../src/adapters/aws/clients.js';
import { cloudWatchLogSources } from '../../../src/adapters/aws/cloudwatch-logs.js';
import type { RemoteLogSource } from '../../../src/core/log-sources/buckets.js';
import { FILTER_PATTERN } from '../../../src/core/log-sources/cloudwatch.js';
import type { CloudWatchLogsPlan } from '../../../src/core/log-sources/options.js';
import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { isSpotctlError, type SpotctlError } from '../../../src/core/errors.js';
import { AwsTestServer, throttled, type AwsRequest } from '../../helpers/aws-server.js';
import { CloudWatchLogsWorld } from '../../helpers/cloudwatch-logs-server.js';
import { describeShared, sharedPath } from '../../helpers/shared.js';

const GROUP = '/aws/containerinsights/prod/application';
const KARPENTER_POD = 'karpenter-7d9f8c6b5-x2x9q';
const KARPENTER_STREAM = `${KARPENTER_POD}_karpenter_controller-${'a1'.repeat(32)}.log`;
/** The NTH pod the seed log itself names; Fluent Bit's default tag-based stream name. */
const NTH_POD = 'aws-node-termination-handler-tg8kz';
const NTH_STREAM = `fluentbit-kube.var.log.containers.${NTH_POD}_kube-system_aws-node-termination-handler-${'b2'.repeat(32)}.log`;
const NGINX_STREAM = `web-5c7f9d-abcde_default_nginx-${'c3'.repeat(32)}.log`;

const WINDOW = { startMs: Date.parse('2021-12-01T00:00:00Z'), endMs: Date.parse('2022-04-13T00:00:00Z') };
const plan = (extra: Partial<CloudWatchLogsPlan> = {}): CloudWatchLogsPlan => ({
  groups: [GROUP],
  ...WINDOW,
  insights: false,
  ...extra,
});

const fixture = (file: string) => readFileSync(sharedPath('fixtures/karpenter-logs', file), 'utf8');

/** A record as Container Insights' Fluent Bit writes it: the line in `log`, the pod in `kubernetes`. */
const containerInsights = (line: string, pod: string, namespace: string, container: string, app?: string) =>
  JSON.stringify({
    log: `${line}\n`,
    stream: 'stderr',
    kubernetes: {
      pod_name: pod,
      namespace_name: namespace,
      container_name: container,
      host: 'ip-192-168-12-34.us-east-1.compute.internal',
      ...(app ? { labels: { 'app.kubernetes.io/name': app } } : {}),
    },
  });

/**
 * Routine v0.5 controller lines around the blog's error, from message templates of that release: only
 * the `Launched instance` ones are activity explain-logs counts; the rest stay in the service.
 */
function karpenterRoutine(startMs: number, count: number): Array<{ timestamp: number; line: string }> {
  const templates = [
    'INFO\tcontroller.provisioning\tBatched 3 pods in 1.000418537s',
    'INFO\tcontroller.provisioning\tComputed packing of 1 node(s) for 3 pod(s) with instance type option(s) [m5.large m5a.large c5.xlarge]',
    'INFO\tcontroller.provisioning\tWaiting for unschedulable pods',
    'DEBUG\tcontroller.provisioning\tDiscovered subnets: [subnet-0e528fbbaf1a3b8b6 (us-east-1a) subnet-0d2bd6c4ff0b5c3c9 (us-east-1b)]',
  ];
  return Array.from({ length: count }, (_, i) => {
    const timestamp = startMs + i * 5000;
    const body =
      i % 25 === 0
        ? `INFO\tcontroller.provisioning\tLaunched instance: i-0${(1000 + i).toString(16)}f1e2d3c4b5a, hostname: ip-192-168-${i % 250}-7.us-east-1.compute.internal, type: m5.large, zone: us-east-1a, capacityType: spot`
        : templates[i % templates.length]!;
    return {
      timestamp,
      line: `${new Date(timestamp).toISOString()}\t${body}\t{"commit": "6984094", "provisioner": "default"}`,
    };
  });
}

let server: AwsTestServer;
let world: CloudWatchLogsWorld;
let client: CloudWatchLogsClient;
let notes: string[];
let routine: Array<{ timestamp: number; line: string }>;

const read = async (
  p: CloudWatchLogsPlan,
  extra: Record<string, unknown> = {},
): Promise<RemoteLogSource[]> => {
  const sources: RemoteLogSource[] = [];
  for await (const source of cloudWatchLogSources(client, p, {
    note: (message) => notes.push(message),
    region: 'us-east-1',
    idleTimeoutMs: 5000,
    pollIntervalMs: 5,
    maxPollIntervalMs: 10,
    ...extra,
  })) {
    sources.push(source);
  }
  return sources;
};

const failure = async (promise: Promise<unknown>): Promise<SpotctlError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isSpotctlError(error)) throw new Error(`expected a SpotctlError, got ${String(error)}`);
  return error;
};

const textOf = (source: RemoteLogSource): string =>
  Buffer.concat(source.chunks.map((c) => Buffer.from(c))).toString('utf8');

function fillWorld(target: CloudWatchLogsWorld): void {
  const karpenterLine = fixture('awsblog_maxspot_v05.log').trimEnd();
  const errorAt = Date.parse(karpenterLine.slice(0, 24));
  routine = karpenterRoutine(errorAt - 600 * 5000, 600);
  target.add(
    GROUP,
    KARPENTER_STREAM,
    [...routine, { timestamp: errorAt, line: karpenterLine }].map(({ timestamp, line }) => ({
      timestamp,
      message: containerInsights(line, KARPENTER_POD, 'karpenter', 'controller', 'karpenter'),
    })),
  );
  // The seed's NTH records are Fluent Bit records already (no kubernetes metadata: the stream names the pod).
  const nthRecords = fixture('seed_blog_nth_fluentbit_rebalance.log').split('\n').filter(Boolean);
  const nthAt = (record: string) => {
    const m = /(\d{4})\/(\d\d)\/(\d\d) (\d\d:\d\d:\d\d)/.exec(record)!;
    return Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}Z`);
  };
  const statistics = nthRecords.find((r) => r.includes('event store statistics'))!;
  target.add(GROUP, NTH_STREAM, [
    // NTH logs its event-store statistics every minute: 200 of them before the rebalance.
    ...Array.from({ length: 200 }, (_, i) => ({
      timestamp: nthAt(nthRecords[0]!) - (200 - i) * 60_000,
      message: statistics,
    })),
    ...nthRecords.map((message) => ({ timestamp: nthAt(message), message })),
  ]);
  // Another workload in the same application group, with an error line of its own.
  target.add(GROUP, NGINX_STREAM, [
    {
      timestamp: errorAt + 1000,
      message: containerInsights(
        '2021/12/03 23:45:30 [error] 31#31: *1 open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory)',
        'web-5c7f9d-abcde',
        'default',
        'nginx',
        'web',
      ),
    },
  ]);
}

describeShared('CloudWatch Logs source (FilterLogEvents and Logs Insights over awsJson1.1)', () => {
  beforeAll(async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/spotctl-test-config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/spotctl-test-credentials');
    server = await AwsTestServer.start();
    client = await cloudWatchLogsClient({ region: 'us-east-1', endpointUrl: server.url });
  });
  afterAll(async () => {
    client.destroy();
    await server.close();
    vi.unstubAllEnvs();
  });
  beforeEach(() => {
    server.reset();
    world = new CloudWatchLogsWorld(server, { pageSize: 10, emptyFirstPage: true });
    fillWorld(world);
    notes = [];
  });
  afterEach(() => server.reset());

  it('yields one source per pod and container, named after the group, and explains the blog problems', async () => {
    // Given the blog's Karpenter error and NTH drain among 800 routine lines and an nginx error
    // When the group is read
    const sources = await read(plan());

    // Then Karpenter's and NTH's pods are the sources, Karpenter's first, each named after the group
    expect(sources.map((s) => [s.name, s.component])).toEqual([
      [`cloudwatch:${GROUP}/${KARPENTER_POD} (controller)`, 'karpenter'],
      [`cloudwatch:${GROUP}/${NTH_POD} (aws-node-termination-handler)`, 'nth'],
    ]);
    // And only the lines explain-logs reports on came over the wire: the launches and the error, the
    // NTH lines but its minutely statistics; each is the original line, not the Fluent Bit record
    const launched = routine.filter((r) => r.line.includes('Launched instance')).length;
    expect(sources[0]!.lines).toBe(launched + 1);
    expect(textOf(sources[0]!)).toContain('MaxSpotInstanceCountExceeded: Max spot instance count exceeded');
    expect(textOf(sources[0]!)).not.toContain('"kubernetes"');
    expect(textOf(sources[1]!)).not.toContain('event store statistics');
    expect(textOf(sources[1]!).split('\n')[0]).toMatch(/^2022\/04\/12 07:03:13 INF Adding new event/);
    // And the other workload's line was set aside, with a note saying how to read less
    expect(notes.join('\n')).toMatch(
      /skipped 1 matching line\(s\) of 1 other container\(s\).*--log-stream-prefix/,
    );

    // When the sources are fed to the analyser
    const result = await explainLogs(sources);
    const problem = (id: string) => result.problems.find((p) => p.id === id);
    // Then it reports the blog's MaxSpotInstanceCountExceeded and the NTH drain, saying where they came from
    expect(problem('spot_quota_exceeded')?.codes).toContain('MaxSpotInstanceCountExceeded');
    expect(problem('spot_quota_exceeded')?.example.source).toBe(sources[0]!.name);
    expect(problem('nth_cordon_drain')?.example.source).toBe(sources[1]!.name);
    expect(problem('rebalance_recommendation_drain')).toBeDefined();
    expect(problem('nodeclaim_launched')?.count).toBe(launched);
  });

  it('asks the service to filter, follows every page, and makes one call per page', async () => {
    // When the group is read with 10-event pages
    await read(plan());
    // Then every call was FilterLogEvents with the pattern and window, and there was one per page
    const calls = server.calls.filter((c) => c.operation === 'FilterLogEvents');
    expect(world.pagesServed).toBeGreaterThanOrEqual(4);
    expect(calls).toHaveLength(world.pagesServed);
    expect(server.count()).toBeLessThanOrEqual(world.pagesServed + 2);
    expect(calls[0]!.target).toBe('Logs_20140328.FilterLogEvents');
    expect(calls[0]!.params).toMatchObject({
      logGroupName: GROUP,
      filterPattern: FILTER_PATTERN,
      startTime: WINDOW.startMs,
      endTime: WINDOW.endMs,
    });
    // And the tokens were followed: each later call carried the previous page's token
    expect(calls.slice(1).every((c) => typeof c.params.nextToken === 'string')).toBe(true);
  });

  it('retries a throttled first answer and still reads everything', async () => {
    // Given a ThrottlingException for the first call
    const reference = await read(plan());
    server.reset();
    const pages = world.pagesServed;
    world.pagesServed = 0;
    server.script('FilterLogEvents', [
      throttled('json'),
      (request: AwsRequest) => world.filterLogEvents(request),
    ]);
    // When the group is read
    const sources = await read(plan());
    // Then the SDK retried it: the same sources, one extra call
    expect(sources.map((s) => [s.name, s.lines])).toEqual(reference.map((s) => [s.name, s.lines]));
    expect(server.count('FilterLogEvents')).toBe(pages + 1);
    expect(server.count()).toBeLessThanOrEqual(world.pagesServed + 2);
  });

  it('names the denied action (exit 4)', async () => {
    // Given an identity without logs:FilterLogEvents
    server.on('FilterLogEvents', () => ({
      error: {
        code: 'AccessDeniedException',
        message: `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:log-stream: because no identity-based policy allows the logs:FilterLogEvents action`,
        status: 400,
      },
    }));
    // When the group is read
    const error = await failure(read(plan()));
    // Then the error says what was denied, on which group, and what to allow
    expect(error.exitCode).toBe(4);
    expect(error.code).toBe('AWS_ACCESS_DENIED');
    expect(error.message).toContain(`FilterLogEvents on ${GROUP} was denied (AccessDeniedException)`);
    expect(error.suggestions[0]).toContain(
      `Allow logs:FilterLogEvents on arn:aws:logs:<region>:<account>:log-group:${GROUP}:*`,
    );
  });

  it('a missing group is an input error naming it, the group meant, and how to list them (exit 3)', async () => {
    // Given a typo in the cluster segment
    const error = await failure(read(plan({ groups: ['/aws/containerinsights/prd/application'] })));
    // Then one line names the group, and the next steps name the real one and the listing command
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(
      'log group /aws/containerinsights/prd/application does not exist in us-east-1',
    );
    expect(error.suggestions).toEqual([
      `Did you mean ${GROUP}?`,
      expect.stringContaining(
        'aws logs describe-log-groups --log-group-name-prefix /aws/containerinsights/ --region us-east-1',
      ),
    ]);
    // And that took one DescribeLogGroups call beside the failed FilterLogEvents
    expect(server.count('DescribeLogGroups')).toBe(1);
    expect(server.count()).toBe(2);
  });

  it('credentials AWS does not know are an auth error (exit 4); an endpoint that is down is exit 5', async () => {
    server.on('FilterLogEvents', () => ({
      error: {
        code: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
        status: 400,
      },
    }));
    const auth = await failure(read(plan()));
    expect([auth.code, auth.exitCode]).toEqual(['AWS_AUTH_FAILED', 4]);

    const down = await cloudWatchLogsClient({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' });
    const offline = await failure(
      (async () => {
        for await (const _ of cloudWatchLogSources(down, plan(), {
          note: () => undefined,
          idleTimeoutMs: 2000,
        })) {
          // drained
        }
      })(),
    );
    down.destroy();
    expect([offline.code, offline.exitCode]).toEqual(['AWS_UNREACHABLE', 5]);
  });

  it('reads at most four groups at once, and yields them in the order given', async () => {
    // Given six groups answering slowly
    const groups = Array.from({ length: 6 }, (_, i) => `/eks/cluster-${i}/karpenter`);
    groups.forEach((group, i) =>
      world.add(group, `${KARPENTER_POD}_karpenter_controller-${String(i).repeat(64)}.log`, [
        {
          timestamp: WINDOW.startMs + 1000,
          message: `2021-12-01T00:00:01.000Z\tERROR\tcontroller.provisioning\tgroup ${i} failed`,
        },
      ]),
    );
    // Each answer is held until four calls are in flight, or every group has asked (or 2 s pass), so the
    // count does not depend on how fast this machine starts requests: a reader that allowed more would
    // reach 5 or 6, one that allowed fewer would never reach 4.
    let inFlight = 0;
    let most = 0;
    let asked = 0;
    let release: Array<() => void> = [];
    server.on('FilterLogEvents', async (request) => {
      inFlight += 1;
      asked += 1;
      most = Math.max(most, inFlight);
      if (inFlight >= 4 || asked >= groups.length) {
        release.forEach((go) => go());
        release = [];
      } else await new Promise<void>((resolve) => (release.push(resolve), setTimeout(resolve, 2000)));
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      return world.filterLogEvents(request);
    });
    // When they are read
    const sources = await read(plan({ groups }));
    // Then never more than four calls were in flight, and the sources follow the groups' order
    expect(most).toBe(4);
    expect(sources.map((s) => s.name.split('/')[2])).toEqual(groups.map((g) => g.split('/')[2]));
  });

  it('--insights: one StartQuery over every group, polled until Complete', async () => {
    // Given a query that is Running for two polls
    world = new CloudWatchLogsWorld(server, { runningPolls: 2 });
    fillWorld(world);
    // When the group is read with Insights
    const sources = await read(plan({ insights: true }));
    // Then one query ran, polled three times, and nothing was paged through
    expect([
      server.count('StartQuery'),
      server.count('GetQueryResults'),
      server.count('FilterLogEvents'),
    ]).toEqual([1, 3, 0]);
    const start = server.calls.find((c) => c.operation === 'StartQuery')!;
    expect(start.target).toBe('Logs_20140328.StartQuery');
    expect(start.params).toMatchObject({
      logGroupNames: [GROUP],
      startTime: WINDOW.startMs / 1000,
      endTime: WINDOW.endMs / 1000,
      limit: 10_000,
    });
    // And the same sources come back, oldest line first, and explain the same problems
    expect(sources.map((s) => s.name)).toEqual([
      `cloudwatch:${GROUP}/${KARPENTER_POD} (controller)`,
      `cloudwatch:${GROUP}/${NTH_POD} (aws-node-termination-handler)`,
    ]);
    expect(textOf(sources[1]!).split('\n')[0]).toMatch(/Adding new event/);
    const ids = (await explainLogs(sources)).problems.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['spot_quota_exceeded', 'nth_cordon_drain']));
  });

  it('--insights says so when the 10 000-result cap was reached', async () => {
    // Given more matching events than Insights returns
    const base = WINDOW.startMs + 60_000;
    world.add(
      '/eks/big/karpenter',
      'karpenter-big',
      Array.from({ length: 10_050 }, (_, i) => ({
        timestamp: base + i * 1000,
        message: `${new Date(base + i * 1000).toISOString()}\tERROR\tcontroller.provisioning\tProvisioning failed ${i}`,
      })),
    );
    // When it is queried
    const sources = await read(plan({ groups: ['/eks/big/karpenter'], insights: true }));
    // Then the newest 10 000 were read, and a note names the cap and what to do
    expect(sources).toHaveLength(1);
    expect(sources[0]!.lines).toBe(10_000);
    expect(textOf(sources[0]!)).toContain('Provisioning failed 10049');
    expect(textOf(sources[0]!)).not.toContain('Provisioning failed 49\n');
    expect(notes.join('\n')).toMatch(/maximum of 10000 lines: nothing older than .* was read\. Narrow/);
  });

  it('--insights: a denied StartQuery names logs:StartQuery', async () => {
    server.on('StartQuery', () => ({
      error: {
        code: 'AccessDeniedException',
        message: 'not authorized to perform: logs:StartQuery',
        status: 400,
      },
    }));
    const error = await failure(read(plan({ insights: true })));
    expect(error.exitCode).toBe(4);
    expect(error.suggestions[0]).toContain('Allow logs:StartQuery');
  });
});
