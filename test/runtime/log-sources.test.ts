/**
 * The wiring a command uses: flags → plan → sources (files first, then CloudWatch, then the cluster) →
 * the analyser, with the AWS options the command already has.
 */
import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, expect, it, vi } from 'vitest';

import { isSpotctlError } from '../../src/core/errors.js';
import { explainLogs } from '../../src/core/explain-logs/analyse.js';
import { logSourcePlan, openLogSources, withRemoteSources } from '../../src/runtime/log-sources.js';
import { AwsTestServer } from '../helpers/aws-server.js';
import { CloudWatchLogsWorld } from '../helpers/cloudwatch-logs-server.js';
import { describeShared, sharedPath } from '../helpers/shared.js';
import { createAwsContext } from '../../src/runtime/aws-context.js';

const GROUP = '/aws/containerinsights/prod/application';
const ENV = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_CONFIG_FILE: '/nonexistent/spotctl-test-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/spotctl-test-credentials',
};

let server: AwsTestServer;

describeShared('remote sources wired for a command', () => {
  beforeAll(async () => {
    // The SDK's credential chain reads the process environment.
    for (const [key, value] of Object.entries(ENV)) vi.stubEnv(key, value);
    server = await AwsTestServer.start();
    const line = readFileSync(
      sharedPath('fixtures/karpenter-logs/awsblog_maxspot_v05.log'),
      'utf8',
    ).trimEnd();
    new CloudWatchLogsWorld(server).add(
      GROUP,
      `karpenter-7d9f8c6b5-x2x9q_karpenter_controller-${'a'.repeat(64)}.log`,
      [
        {
          timestamp: Date.parse(line.slice(0, 24)),
          message: JSON.stringify({ log: `${line}\n`, stream: 'stderr' }),
        },
      ],
    );
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  const context = { env: ENV, now: () => new Date(), note: () => undefined };

  it('a file and a log group in one analysis, each problem naming where it came from', async () => {
    // Given the flags a user passes
    const flags = { 'log-group': [GROUP], start: '2021-12-03T00:00:00Z', end: '2021-12-04T00:00:00Z' };
    const plan = logSourcePlan(flags, ENV, new Date('2024-05-01T00:00:00Z'));
    const notes: string[] = [];
    const nth = sharedPath('fixtures/karpenter-logs/nth545_drain_pdb_timeout_v114.log');
    // When the file and the group are analysed together
    const sources = withRemoteSources([{ name: nth, chunks: [readFileSync(nth)] }], plan, {
      note: (m) => notes.push(m),
      aws: createAwsContext({ region: 'us-east-1', 'endpoint-url': server.url }, context),
      env: ENV,
    });
    const result = await explainLogs(sources);
    // Then both are read, and each problem's example names its source
    const source = (id: string) => result.problems.find((p) => p.id === id)?.example.source;
    expect(source('spot_quota_exceeded')).toBe(`cloudwatch:${GROUP}/karpenter-7d9f8c6b5-x2x9q (controller)`);
    expect(source('nth_drain_failed')).toBe(nth);
    expect(result.summary.sources).toHaveLength(2);
    expect(notes).toEqual([]);
  });

  it('without a Region anywhere, the usual REGION_REQUIRED usage error, before any call', async () => {
    server.reset();
    const plan = logSourcePlan({ 'log-group': [GROUP] }, ENV)!;
    const error = await (async () => {
      for await (const _ of openLogSources(plan, {
        note: () => undefined,
        aws: createAwsContext({ 'endpoint-url': server.url }, context),
        env: ENV,
      })) {
        // drained
      }
    })().catch((e: unknown) => e);
    expect(isSpotctlError(error) && [error.code, error.exitCode]).toEqual(['REGION_REQUIRED', 2]);
    expect(server.count()).toBe(0);
  });
});
