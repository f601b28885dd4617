/**
 * `spotctl explain-logs --log-group …` and `--kube`, as a user runs them: the real command, the real AWS
 * and Kubernetes clients, local servers speaking CloudWatch Logs' and the Kubernetes API's protocols.
 */
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AwsTestServer } from '../helpers/aws-server.js';
import { CloudWatchLogsWorld } from '../helpers/cloudwatch-logs-server.js';
import { KubeTestServer } from '../helpers/kube-server.js';
import { describeShared, sharedPath } from '../helpers/shared.js';
import { spotctl } from '../helpers/spotctl.js';

const fixture = (name: string) => readFileSync(sharedPath('fixtures/karpenter-logs', name), 'utf8');
const GROUP = '/aws/containerinsights/prod/application';
const AWS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

type Result = {
  summary: { sources: string[] };
  problems: Array<{ id: string; codes: string[]; example: { source: string } }>;
};

describeShared('explain-logs --log-group', () => {
  let server: AwsTestServer;
  let world: CloudWatchLogsWorld;
  beforeAll(async () => {
    server = await AwsTestServer.start();
    world = new CloudWatchLogsWorld(server, { pageSize: 5 });
    // Given the seed blog's Karpenter error among routine lines, and its NTH drain, as Fluent Bit records
    const error = fixture('awsblog_maxspot_v05.log').trimEnd();
    const at = Date.parse(error.slice(0, 24));
    const routine = Array.from({ length: 40 }, (_, i) => ({
      timestamp: at - (40 - i) * 1000,
      message: JSON.stringify({
        log: `${error.slice(0, 24)}\tINFO\tcontroller.provisioning\tLaunched instance: i-0${i}abc, hostname: ip-10-0-0-${i}.ec2.internal, type: g4dn.xlarge, zone: us-east-1a, capacityType: spot\n`,
        stream: 'stderr',
      }),
    }));
    world.add(GROUP, `karpenter-7d9f8c6b5-x2x9q_karpenter_controller-${'a'.repeat(64)}.log`, [
      ...routine,
      { timestamp: at, message: JSON.stringify({ log: `${error}\n`, stream: 'stderr' }) },
    ]);
    const nth = fixture('seed_blog_nth_fluentbit_rebalance.log').split('\n').filter(Boolean);
    world.add(
      GROUP,
      'aws-node-termination-handler-tg8kz_kube-system_aws-node-termination-handler-b.log',
      nth.map((message, i) => ({ timestamp: Date.parse('2022-04-12T07:03:13Z') + i * 1000, message })),
    );
  });
  afterAll(() => server.close());

  it('reports the MaxSpotInstanceCountExceeded problem and the NTH drain, each naming its source, in pages + 2 calls', async () => {
    server.reset();
    const { code, stdout, stderr } = await spotctl(
      [
        'explain-logs',
        '--log-group',
        GROUP,
        '--start',
        '2021-01-01',
        '--end',
        '2023-01-01',
        '--region',
        'us-east-1',
        '--endpoint-url',
        server.url,
        '--json',
      ],
      { env: AWS },
    );
    expect(stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Result;
    const problem = (id: string) => result.problems.find((p) => p.id === id);
    expect(problem('spot_quota_exceeded')?.codes).toContain('MaxSpotInstanceCountExceeded');
    expect(problem('spot_quota_exceeded')?.example.source).toMatch(
      /^cloudwatch:\/aws\/containerinsights\/prod\/application\/karpenter-/,
    );
    expect(problem('nth_cordon_drain')?.example.source).toMatch(/^cloudwatch:.*aws-node-termination-handler/);
    // Filtering runs in CloudWatch, every page is followed, and nothing else is called
    expect(server.count('FilterLogEvents')).toBe(world.pagesServed);
    expect(world.pagesServed).toBeGreaterThan(2);
    expect(server.count()).toBeLessThanOrEqual(world.pagesServed + 2);
    // --region chose CloudWatch's Region; it did not send the command to the EC2 catalog
    expect(server.count('DescribeInstanceTypes')).toBe(0);
  });

  it('a denied FilterLogEvents names the action (exit 4)', async () => {
    server.on('FilterLogEvents', () => ({
      error: {
        code: 'AccessDeniedException',
        message: 'not authorized to perform: logs:FilterLogEvents',
        status: 400,
      },
    }));
    const { code, stderr } = await spotctl(
      [
        'explain-logs',
        '--log-group',
        GROUP,
        '--since',
        '1h',
        '--region',
        'us-east-1',
        '--endpoint-url',
        server.url,
      ],
      { env: AWS },
    );
    expect(code).toBe(4);
    expect(stderr).toMatch(/logs:FilterLogEvents/);
  });
});

describeShared('explain-logs --kube', () => {
  let kube: KubeTestServer;
  let kubeconfig: string;
  const lines = (name: string) =>
    fixture(name)
      .split('\n')
      .filter(Boolean)
      .map((text, i) => ({ time: Date.parse('2024-05-01T11:00:00Z') + i * 1000, text }));
  beforeAll(async () => {
    kube = await KubeTestServer.start({
      tokens: { 'token-dev': 'dev' },
      now: () => Date.parse('2024-05-01T12:00:00Z'),
    });
    kubeconfig = kube.writeKubeconfig([{ name: 'dev', token: 'token-dev' }], 'dev');
    // Given two controller pods (one restarted, its crash in the previous container) and two NTH pods
    kube.pods.push(
      {
        namespace: 'karpenter',
        name: 'karpenter-a',
        labels: { 'app.kubernetes.io/name': 'karpenter' },
        containers: [
          {
            name: 'controller',
            restartCount: 1,
            previousLog: lines('k7425_webhook_no_certs_v036.log'),
            log: lines('k6643_all_types_unavailable_v037.log'),
          },
        ],
      },
      {
        namespace: 'karpenter',
        name: 'karpenter-b',
        labels: { 'app.kubernetes.io/name': 'karpenter' },
        containers: [
          { name: 'controller', log: lines('k6036_accessdenied_passrole_instanceprofile_v036.log') },
        ],
      },
      {
        namespace: 'kube-system',
        name: 'nth-1',
        labels: { 'app.kubernetes.io/name': 'aws-node-termination-handler' },
        containers: [
          { name: 'aws-node-termination-handler', log: lines('nth545_drain_pdb_timeout_v114.log') },
        ],
      },
      {
        namespace: 'kube-system',
        name: 'nth-2',
        labels: { 'app.kubernetes.io/name': 'aws-node-termination-handler' },
        containers: [{ name: 'aws-node-termination-handler', log: lines('nth701_spot_itn_event_v1173.log') }],
      },
    );
  });
  afterAll(() => kube.close());

  it('reads every pod, the previous container too, and reports their problems', async () => {
    const { code, stdout, stderr } = await spotctl([
      'explain-logs',
      '--kube',
      '--kubeconfig',
      kubeconfig,
      '--json',
    ]);
    expect(stderr).not.toMatch(/Error/);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Result;
    const sources = result.summary.sources.join('\n');
    for (const pod of ['karpenter-a', 'karpenter-b', 'nth-1', 'nth-2']) expect(sources).toContain(pod);
    expect(sources).toMatch(/karpenter-a \(controller, previous\)/);
    expect(result.problems.length).toBeGreaterThan(2);
  });

  it('an unknown context is a one-line error naming the known ones', async () => {
    const { code, stderr } = await spotctl([
      'explain-logs',
      '--kube',
      '--kubeconfig',
      kubeconfig,
      '--context',
      'prod',
    ]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/context "prod".*dev/);
  });
});

describe('explain-logs with remote sources only', () => {
  it('does not wait on stdin when no file is given', async () => {
    const { code, stderr } = await spotctl([
      'explain-logs',
      '--kube',
      '--kubeconfig',
      '/nonexistent/kubeconfig',
    ]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/kubeconfig/);
  });
});
