/**
 * Every input shape users paste: each variant of the same Karpenter error must decode to the same record,
 * whatever wrapper or encoding surrounds it.
 */
import { describe, expect, it } from 'vitest';

import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { decodeLine } from '../../../src/core/logs/decode.js';

const MESSAGE = 'failed launching nodeclaim';
const ERROR =
  'creating instance, insufficient capacity, with fleet error(s), MaxSpotInstanceCountExceeded: Max spot instance count exceeded';
const JSON_LINE = JSON.stringify({
  level: 'ERROR',
  time: '2024-08-20T09:59:06.590Z',
  logger: 'controller',
  message: MESSAGE,
  commit: '490ef94',
  controller: 'nodeclaim.lifecycle',
  NodeClaim: { name: 'gpu-hmqzq' },
  error: ERROR,
});
const CONSOLE_TAB = `2023-10-05T05:33:03.648Z\tERROR\tcontroller.provisioner\tCould not launch node, launching instances, with fleet error(s), MaxSpotInstanceCountExceeded: Max spot instance count exceeded\t{"commit": "abc", "provisioner": "default"}`;
const CONSOLE_SPACES = CONSOLE_TAB.replace(/\t/g, '    ');

const explain = (text: string | Buffer) =>
  explainLogs([{ name: 'input', chunks: [typeof text === 'string' ? Buffer.from(text) : text] }]);

describe('one error in every format', () => {
  const variants: Array<[string, string, string[]]> = [
    ['JSON single line (v0.32+/v1)', JSON_LINE, ['karpenter-json']],
    [
      'JSON pretty-printed over many lines',
      JSON.stringify(JSON.parse(JSON_LINE), null, 2),
      ['karpenter-json-pretty'],
    ],
    ['console, tab separated (≤ v0.31)', CONSOLE_TAB, ['karpenter-console']],
    ['console, runs of spaces (copied from a terminal)', CONSOLE_SPACES, ['karpenter-console']],
    [
      'Fluent Bit / CloudWatch {"log": …} wrapper',
      JSON.stringify({ log: `${JSON_LINE}\n`, stream: 'stderr', time: '2024-08-20T09:59:06.591Z' }),
      ['fluentbit', 'karpenter-json'],
    ],
    [
      'kubectl logs --prefix',
      `[pod/karpenter-5d8f9c-abcde/controller] ${JSON_LINE}`,
      ['kubectl-prefix', 'karpenter-json'],
    ],
    [
      'pod and container prefix (stern)',
      `karpenter-5d8f9c-abcde controller ${CONSOLE_TAB}`,
      ['kubectl-prefix', 'karpenter-console'],
    ],
    [
      'CRI container log prefix',
      `2024-08-20T09:59:06.590123456Z stderr F ${JSON_LINE}`,
      ['cri', 'karpenter-json'],
    ],
    [
      'log viewer timestamp + tab',
      `2024-08-20 09:59:06.590\t${JSON_LINE}`,
      ['timestamp-prefix', 'karpenter-json'],
    ],
    [
      'ANSI colour codes',
      `\u001b[31m2023-10-05T05:33:03.648Z\u001b[0m\t\u001b[1mERROR\u001b[0m\t${CONSOLE_TAB.split('\t').slice(2).join('\t')}`,
      ['ansi', 'karpenter-console'],
    ],
    ['CRLF line ends', `${JSON_LINE}\r`, ['crlf', 'karpenter-json']],
    ['record wrapped in quotes when pasted', ` "${JSON_LINE}"`, ['karpenter-json']],
    ['bare error text', ERROR, ['text']],
  ];

  it.each(variants)('%s', async (_name, input, formats) => {
    const result = await explain(`${input}\n`);
    const quota = result.problems.find((p) => p.id === 'spot_quota_exceeded');
    expect(quota?.codes).toEqual(['MaxSpotInstanceCountExceeded']);
    for (const format of formats) expect(result.stats.formats[format], format).toBeGreaterThan(0);
    expect(result.unrecognized.total).toBe(0);
  });

  it('reads the fields of a console line and the caller column', () => {
    const decoded = decodeLine(
      '2023-09-26T10:01:47.781Z\tERROR\tcontroller.provisioner\tscheduling/scheduler.go:190\tCould not schedule pod, x\t{"commit": "637a642", "pod": "default/p"}',
    );
    expect(decoded).toMatchObject({
      kind: 'record',
      record: {
        level: 'ERROR',
        logger: 'controller.provisioner',
        message: 'Could not schedule pod, x',
        fields: { pod: 'default/p' },
      },
    });
  });

  it('keeps JSON inside a console message apart from the trailing fields', () => {
    const decoded = decodeLine(
      '2022-12-05T09:58:42.908Z ERROR controller.provisioning Could not schedule pod, no instance type satisfied resources {"cpu":"7"} and requirements x  {"commit": "27a51c0", "pod": "ns/p"}',
    );
    expect(decoded.kind === 'record' && decoded.record.message).toBe(
      'Could not schedule pod, no instance type satisfied resources {"cpu":"7"} and requirements x',
    );
  });
});

describe('NTH formats', () => {
  it.each([
    [
      'zerolog console',
      '2022/10/07 04:14:38 INF Adding new event to the event store event={"Kind":"SPOT_ITN","Description":"Spot ITN received. Instance will be interrupted at 2022-10-07T04:16:37Z \\n"}',
      'nth-console',
    ],
    [
      'zerolog JSON',
      '{"level":"info","time":"2022-10-07T04:14:38Z","message":"Adding new event to the event store","event":{"Kind":"SPOT_ITN"}}',
      'nth-json',
    ],
  ])('%s', async (_name, line, format) => {
    const result = await explain(`${line}\n`);
    expect(result.problems.map((p) => p.id)).toContain('spot_interruption');
    expect(result.stats.formats[format]).toBe(1);
    expect(result.summary.timeRange?.start).toBe('2022-10-07T04:14:38Z');
  });
});

describe('mixed formats in one stream', () => {
  it('reads Karpenter JSON, console, NTH console, klog and noise together', async () => {
    const input = [
      'Events:',
      JSON_LINE,
      CONSOLE_TAB,
      'I0927 06:28:03.970155       1 leaderelection.go:248] attempting to acquire leader lease karpenter/karpenter-leader-election...',
      '2022/04/12 07:03:52 INF Node successfully cordoned and drained node_name=ip-1 reason="Rebalance recommendation received. Instance will be cordoned at 2022-04-12T07:03:12Z \\n"',
      '',
      '----    ------',
    ].join('\r\n');
    const result = await explain(input);
    expect(result.stats.lines).toBe(7);
    expect(result.stats.formats).toMatchObject({
      'karpenter-json': 1,
      'karpenter-console': 1,
      klog: 1,
      'nth-console': 1,
    });
    expect(result.problems.find((p) => p.id === 'spot_quota_exceeded')?.count).toBe(2);
    expect(result.problems.map((p) => p.id)).toEqual(
      expect.arrayContaining(['rebalance_recommendation_drain', 'controller_startup']),
    );
    expect(result.stats.skipped).toBe(3);
  });

  it('joins continuation lines (stack traces, status code) to their record', async () => {
    const input = [
      'discovering amis from ssm, getting ssm parameter "/aws/x", ThrottlingException: Rate exceeded',
      '\tstatus code: 400, request id: 1',
      '2023-09-26T10:01:47.781Z\tERROR\tcontroller.provisioner\tCould not launch node, launching instances, All attempts fail:',
      '#1: got instance i-1 but PrivateDnsName was not set\t{"commit": "7e79a67"}',
    ].join('\n');
    const result = await explain(input);
    expect(result.stats.records).toBe(2);
    expect(result.problems.map((p) => p.id).sort()).toEqual([
      'ami_discovery_failed',
      'api_rate_limited',
      'private_dns_name_not_set',
    ]);
  });
});
