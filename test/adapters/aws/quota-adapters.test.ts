import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetServiceQuotaCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import { createUsagePort } from '../../../src/adapters/aws/cloudwatch-usage.js';
import { createServiceQuotasPort } from '../../../src/adapters/aws/service-quotas.js';
import { awsFailureToError, iamAction } from '../../../src/core/aws/failures.js';
import { AwsCallError } from '../../../src/core/aws/ports.js';

const sq = mockClient(ServiceQuotasClient);
const cw = mockClient(CloudWatchClient);
const options = { region: 'us-east-1' };

const sdkError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

afterEach(() => {
  sq.reset();
  cw.reset();
});
// mockClient replaces the client class's send() for the whole process: give it back for the next file.
afterAll(() => {
  sq.restore();
  cw.restore();
});

describe('Service Quotas adapter', () => {
  it('reads every page of ListServiceQuotas for ec2', async () => {
    sq.on(ListServiceQuotasCommand, { ServiceCode: 'ec2', NextToken: undefined })
      .resolves({
        Quotas: [
          {
            QuotaCode: 'L-34B43A08',
            QuotaName: 'All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests',
            Value: 640,
          },
        ],
        NextToken: 'p2',
      })
      .on(ListServiceQuotasCommand, { ServiceCode: 'ec2', NextToken: 'p2' })
      .resolves({
        Quotas: [{ QuotaCode: 'L-3819A6DF', QuotaName: 'All G and VT Spot Instance Requests', Value: 8 }],
      });
    const port = await createServiceQuotasPort(options);
    expect((await port.listEc2Quotas()).map((q) => [q.code, q.value])).toEqual([
      ['L-34B43A08', 640],
      ['L-3819A6DF', 8],
    ]);
    expect(sq.commandCalls(ListServiceQuotasCommand)).toHaveLength(2);
  });

  it('AccessDeniedException → an access-denied call error for servicequotas:ListServiceQuotas (unknown, not zero)', async () => {
    sq.on(ListServiceQuotasCommand).rejects(sdkError('AccessDeniedException'));
    const port = await createServiceQuotasPort(options);
    const thrown = await port.listEc2Quotas().catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AwsCallError);
    expect(thrown).toMatchObject({ kind: 'access-denied', operation: 'ListServiceQuotas' });
    expect(iamAction((thrown as AwsCallError).operation)).toBe('servicequotas:ListServiceQuotas');
  });

  it.each([
    { error: 'CredentialsProviderError', code: 'NO_AWS_CREDENTIALS', exitCode: 4 },
    { error: 'UnrecognizedClientException', code: 'AWS_AUTH_FAILED', exitCode: 4 },
    { error: 'ServiceUnavailableException', code: 'AWS_ERROR', exitCode: 5 },
  ])('$error → $code (exit $exitCode) through the one classifier', async ({ error, code, exitCode }) => {
    sq.on(GetServiceQuotaCommand).rejects(sdkError(error));
    const port = await createServiceQuotasPort(options);
    const thrown = await port.getEc2Quota('L-3819A6DF').catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AwsCallError);
    expect(awsFailureToError(thrown as AwsCallError)).toMatchObject({ code, exitCode });
  });

  it('GetServiceQuota NoSuchResourceException → undefined', async () => {
    sq.on(GetServiceQuotaCommand).rejects(sdkError('NoSuchResourceException'));
    const port = await createServiceQuotasPort(options);
    expect(await port.getEc2Quota('L-C4BD4855')).toBeUndefined();
  });
});

describe('CloudWatch usage adapter', () => {
  it('asks GetMetricData for the metric and returns the latest value', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: 'usage', Values: [48, 32], Timestamps: [] }],
    });
    const port = await createUsagePort(options);
    const metric = {
      namespace: 'AWS/Usage',
      name: 'ResourceCount',
      dimensions: { Class: 'G/Spot', Resource: 'vCPU', Service: 'EC2', Type: 'Resource' },
      statistic: 'Maximum',
    };
    const end = new Date('2026-07-01T00:00:00Z');
    expect(await port.latest(metric, { start: new Date(end.getTime() - 900_000), end })).toBe(48);
    const input = cw.commandCalls(GetMetricDataCommand)[0]!.args[0].input;
    expect(input.ScanBy).toBe('TimestampDescending');
    expect(input.MetricDataQueries![0]!.MetricStat).toMatchObject({
      Metric: {
        Namespace: 'AWS/Usage',
        MetricName: 'ResourceCount',
        Dimensions: expect.arrayContaining([{ Name: 'Class', Value: 'G/Spot' }]),
      },
      Stat: 'Maximum',
    });
  });

  it('AccessDenied → an access-denied call error for cloudwatch:GetMetricData', async () => {
    cw.on(GetMetricDataCommand).rejects(sdkError('AccessDenied'));
    const port = await createUsagePort(options);
    await expect(
      port.latest(
        { namespace: 'AWS/Usage', name: 'ResourceCount', dimensions: {} },
        { start: new Date(0), end: new Date(1) },
      ),
    ).rejects.toMatchObject({ kind: 'access-denied', operation: 'GetMetricData' });
  });
});
