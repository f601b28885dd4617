import { describe, expect, it } from 'vitest';

import { AwsCallError } from '../../../src/core/aws/ports.js';
import { LineBuckets } from '../../../src/core/log-sources/buckets.js';
import {
  componentOf,
  FILTER_PATTERN,
  insightsQuery,
  LOG_TERMS,
  sourceIdentity,
  unwrapLogEvent,
} from '../../../src/core/log-sources/cloudwatch.js';
import { groupListingPrefix, logsFailureToError } from '../../../src/core/log-sources/cloudwatch-errors.js';

const KARPENTER_JSON =
  '{"level":"ERROR","time":"2024-04-13T19:32:06.637Z","logger":"controller","message":"Reconciler error","commit":"6b868db"}';
const NTH_CONSOLE = '2022/04/12 07:03:14 INF Draining the node';
const STREAM = `karpenter-7d9f8c6b5-x2x9q_karpenter_controller-${'a'.repeat(64)}.log`;
const KUBERNETES = {
  pod_name: 'karpenter-7d9f8c6b5-x2x9q',
  namespace_name: 'karpenter',
  container_name: 'controller',
  host: 'ip-10-0-1-2.ec2.internal',
  container_image: 'public.ecr.aws/karpenter/controller:1.6.2',
  labels: { 'app.kubernetes.io/name': 'karpenter' },
};

describe('unwrapping CloudWatch events to the original line', () => {
  it.each([
    ['a plain text event', `${NTH_CONSOLE}\n`, NTH_CONSOLE],
    [
      'Fluent Bit with the line in log',
      JSON.stringify({ log: `${NTH_CONSOLE}\n`, stream: 'stderr' }),
      NTH_CONSOLE,
    ],
    [
      'Container Insights: the JSON line in log, the pod in kubernetes',
      JSON.stringify({ log: `${KARPENTER_JSON}\n`, stream: 'stderr', kubernetes: KUBERNETES }),
      KARPENTER_JSON,
    ],
    [
      'log already parsed into an object',
      JSON.stringify({ log: JSON.parse(KARPENTER_JSON), kubernetes: KUBERNETES }),
      KARPENTER_JSON,
    ],
    [
      "Container Insights' Merge_Log_Key log_processed, with log dropped",
      JSON.stringify({ log_processed: JSON.parse(KARPENTER_JSON), stream: 'stderr', kubernetes: KUBERNETES }),
      KARPENTER_JSON,
    ],
    [
      'a parsed line merged into the record beside kubernetes',
      JSON.stringify({ ...JSON.parse(KARPENTER_JSON), stream: 'stderr', kubernetes: KUBERNETES }),
      KARPENTER_JSON,
    ],
    [
      "the CRI parser's message key",
      JSON.stringify({ message: NTH_CONSOLE, logtag: 'F', stream: 'stderr', kubernetes: KUBERNETES }),
      NTH_CONSOLE,
    ],
    ['a bare JSON log line (no shipper around it)', KARPENTER_JSON, KARPENTER_JSON],
    ['CRLF', `${NTH_CONSOLE}\r\n`, NTH_CONSOLE],
  ])('%s', (_case, message, line) => {
    expect(unwrapLogEvent(message, STREAM).text).toBe(line);
  });

  it('keeps a multi-line record whole, for the analyser to join', () => {
    const record = JSON.stringify({ log: 'ERROR\tcontroller\tAll attempts fail:\n#1: launching\n' });
    expect(unwrapLogEvent(record).text).toBe('ERROR\tcontroller\tAll attempts fail:\n#1: launching');
  });

  it('reads the pod from kubernetes metadata, else from a Container Insights or Fluent Bit stream name', () => {
    expect(unwrapLogEvent(JSON.stringify({ log: 'x', kubernetes: KUBERNETES })).origin).toEqual({
      pod: 'karpenter-7d9f8c6b5-x2x9q',
      namespace: 'karpenter',
      container: 'controller',
      app: 'karpenter',
      image: 'public.ecr.aws/karpenter/controller:1.6.2',
      host: 'ip-10-0-1-2.ec2.internal',
    });
    const tagged = `fluentbit-kube.var.log.containers.aws-node-termination-handler-tg8kz_kube-system_aws-node-termination-handler-${'b'.repeat(64)}.log`;
    expect(unwrapLogEvent('x', tagged).origin).toMatchObject({
      pod: 'aws-node-termination-handler-tg8kz',
      namespace: 'kube-system',
      container: 'aws-node-termination-handler',
    });
    expect(unwrapLogEvent('x', 'i-0abc/karpenter').origin).toEqual({ logStream: 'i-0abc/karpenter' });
  });
});

describe('which tool wrote a line', () => {
  it.each([
    [{ app: 'karpenter', pod: 'kp-1', container: 'controller' }, KARPENTER_JSON, 'karpenter'],
    [{ pod: 'karpenter-abc', container: 'controller' }, KARPENTER_JSON, 'karpenter'],
    [{ pod: 'x', image: 'public.ecr.aws/karpenter/controller:0.37.0' }, '', 'karpenter'],
    [{ app: 'aws-node-termination-handler', pod: 'nth-x' }, NTH_CONSOLE, 'nth'],
    [{ pod: 'aws-node-termination-handler-tg8kz', container: 'aws-node-termination-handler' }, '', 'nth'],
    [{ pod: 'web-5c7f9d', container: 'nginx', app: 'web' }, 'ERROR', 'other'],
    [{ logStream: 'nth' }, NTH_CONSOLE, 'nth'],
    [{ logStream: 'karpenter' }, KARPENTER_JSON, 'unknown'],
  ] as const)('%j → %s', (origin, text, component) => {
    expect(componentOf(origin, text)).toBe(component);
  });

  it('names a source after the group and the pod (or the stream), NTH apart when a stream mixes both', () => {
    const group = '/aws/containerinsights/prod/application';
    expect(sourceIdentity(group, { pod: 'karpenter-abc', container: 'controller' }, 'karpenter').name).toBe(
      `cloudwatch:${group}/karpenter-abc (controller)`,
    );
    const arn = `arn:aws:logs:us-east-1:123456789012:log-group:${group}:*`;
    expect(sourceIdentity(arn, { logStream: 's1' }, 'unknown').name).toBe(`cloudwatch:${group}/s1`);
    const nth = sourceIdentity(group, { logStream: 's1' }, 'nth');
    const rest = sourceIdentity(group, { logStream: 's1' }, 'unknown');
    expect([nth.name, nth.key === rest.key]).toEqual([`cloudwatch:${group}/s1 (nth)`, false]);
  });
});

describe('what CloudWatch is asked for', () => {
  /** The characters CloudWatch accepts in a regex filter pattern (no spaces, no parentheses). */
  const REGEX_ALPHABET = /^%[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]+%$/;

  it('the filter pattern is one regex CloudWatch accepts, within the 1024-character limit', () => {
    expect(FILTER_PATTERN).toMatch(REGEX_ALPHABET);
    expect(FILTER_PATTERN.length).toBeLessThanOrEqual(1024);
  });

  const matches = (line: string) =>
    new RegExp(FILTER_PATTERN.slice(1, -1)).test(JSON.stringify({ log: line }));

  // Message templates of Karpenter v0.32+ and NTH (../shared/reference/karpenter-source) explain-logs never reports on.
  it.each([
    '2022/04/12 07:03:40 INF event store statistics drainable-events=0 size=1',
    '{"level":"INFO","logger":"controller.provisioner","message":"found provisionable pod(s)","Pods":"default/inflate-1"}',
    '{"level":"DEBUG","logger":"controller","message":"discovered subnets","subnets":["subnet-0a1b"]}',
  ])('leaves routine %s in the service', (line) => {
    expect(matches(line)).toBe(false);
  });

  it('the Insights query filters on the same terms, newest first, capped, and narrows streams on request', () => {
    const query = insightsQuery('karpenter-');
    expect(query.split('\n| ')).toEqual([
      'fields @timestamp, @message, @logStream, @log',
      expect.stringMatching(/^filter @message like \/ERR\|WARN\|/),
      'filter @logStream like /^karpenter-/',
      'sort @timestamp desc',
      'limit 10000',
    ]);
    for (const term of LOG_TERMS) expect(query).toContain(term);
  });
});

describe('CloudWatch Logs failures', () => {
  const failure = (kind: AwsCallError['kind'], code: string, operation = 'FilterLogEvents') =>
    new AwsCallError(operation, kind, code, 'detail');

  it.each([
    ['access-denied', 'AccessDeniedException', 'AWS_ACCESS_DENIED', 4],
    ['auth', 'ExpiredTokenException', 'AWS_AUTH_FAILED', 4],
    ['throttled', 'ThrottlingException', 'AWS_THROTTLED', 5],
    ['network', 'ECONNREFUSED', 'AWS_UNREACHABLE', 5],
    ['invalid-request', 'InvalidParameterException', 'AWS_INVALID_REQUEST', 3],
    ['service', 'ServiceUnavailableException', 'AWS_ERROR', 5],
    ['service', 'LimitExceededException', 'INSIGHTS_LIMIT', 5],
    ['service', 'ResourceNotFoundException', 'LOG_GROUP_NOT_FOUND', 3],
  ] as const)('%s %s → %s (exit %i)', (kind, code, expected, exitCode) => {
    const error = logsFailureToError(failure(kind, code), {
      group: '/eks/prod/karpenter',
      region: 'eu-west-1',
    });
    expect([error.code, error.exitCode]).toEqual([expected, exitCode]);
    expect(error.suggestions.length).toBeGreaterThan(0);
  });

  it('a denied call names the IAM action of the operation', () => {
    const error = logsFailureToError(failure('access-denied', 'AccessDeniedException', 'GetQueryResults'));
    expect(error.suggestions[0]).toContain('Allow logs:GetQueryResults');
  });

  it.each([
    ['/aws/containerinsights/prd/application', '/aws/containerinsights/'],
    ['/eks/prod/karpenter', '/eks/'],
    ['/karpenter', '/ka'],
  ])('lists the neighbours of %s under %s', (group, prefix) => {
    expect(groupListingPrefix(group)).toBe(prefix);
  });
});

describe('line buckets', () => {
  it('one source per key, Karpenter first, within a budget shared across readers', () => {
    // Given a budget of 30 characters shared by two readers
    const budget = { remaining: 30 };
    const first = new LineBuckets(budget);
    const second = new LineBuckets(budget);
    // When lines are added until it is spent
    expect(first.add('n', 'nth-pod', 'nth', 'drained')).toBe(true);
    expect(first.add('k', 'karpenter-pod', 'karpenter', 'launched')).toBe(true);
    expect(second.add('k2', 'karpenter-other', 'karpenter', 'error one')).toBe(true);
    expect(second.add('k2', 'karpenter-other', 'karpenter', 'too much')).toBe(false);
    // Then each reader's sources hold its lines, Karpenter's first
    expect(first.sources().map((s) => [s.name, s.lines, Buffer.from(s.chunks[0]!).toString()])).toEqual([
      ['karpenter-pod', 1, 'launched\n'],
      ['nth-pod', 1, 'drained\n'],
    ]);
    expect(budget.remaining).toBe(30 - 8 - 9 - 10);
  });
});
