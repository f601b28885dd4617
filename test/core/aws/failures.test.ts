/**
 * AWS error codes → what spotctl does about them: degrade, or one error with an exit code and next step.
 */
import { describe, expect, it } from 'vitest';

import { awsFailureToError, classifyAwsErrorCode } from '../../../src/core/aws/failures.js';
import { AwsCallError } from '../../../src/core/aws/ports.js';
import { describeShared, readSharedJson } from '../../helpers/shared.js';

describe('classifyAwsErrorCode', () => {
  it.each([
    ['UnauthorizedOperation', 'access-denied'],
    ['AccessDeniedException', 'access-denied'],
    ['AuthFailure', 'auth'],
    ['ExpiredToken', 'auth'],
    ['UnrecognizedClientException', 'auth'],
    ['RequestLimitExceeded', 'throttled'],
    ['ThrottlingException', 'throttled'],
    ['ECONNREFUSED', 'network'],
    ['ENOTFOUND', 'network'],
    ['TimeoutError', 'network'],
    ['InvalidParameterValue', 'invalid-request'],
    ['InternalError', 'service'],
  ])('%s → %s', (code, kind) => {
    expect(classifyAwsErrorCode(code)).toBe(kind);
  });
});

describeShared('Karpenter and EC2 agree', () => {
  it('none of the error codes Karpenter treats as capacity problems is mistaken for access or throttling', () => {
    const classes = readSharedJson<Record<string, unknown>>(
      'reference/ec2-api/create-fleet/karpenter-v1.14.1.error-code-classes.json',
    );
    const codes = JSON.stringify(classes)
      .match(/"[A-Z][A-Za-z.]+"/g)!
      .map((c) => c.slice(1, -1));
    expect(codes).toContain('InsufficientInstanceCapacity');
    for (const code of ['InsufficientInstanceCapacity', 'MaxSpotInstanceCountExceeded', 'VcpuLimitExceeded'])
      expect(classifyAwsErrorCode(code)).toBe('service');
  });
});

describe('awsFailureToError', () => {
  it.each([
    ['access-denied', 'UnauthorizedOperation', 4, 'AWS_ACCESS_DENIED', /Allow ec2:DescribeSpotPriceHistory/],
    ['auth', 'ExpiredToken', 4, 'AWS_AUTH_FAILED', /aws sso login/],
    ['throttled', 'RequestLimitExceeded', 5, 'AWS_THROTTLED', /retry/],
    ['network', 'ECONNREFUSED', 5, 'AWS_UNREACHABLE', /--endpoint-url/],
    ['invalid-request', 'InvalidParameterValue', 3, 'AWS_INVALID_REQUEST', /instance types and Region/],
    ['service', 'InternalError', 5, 'AWS_ERROR', /--offline/],
  ] as const)('%s (%s) → exit %i %s with a next step', (kind, code, exitCode, errorCode, step) => {
    const error = awsFailureToError(
      new AwsCallError('DescribeSpotPriceHistory', kind, code, 'detail'),
      'us-east-1',
    );
    expect(error).toMatchObject({ exitCode, code: errorCode });
    expect(error.message).toContain('DescribeSpotPriceHistory (us-east-1)');
    expect(error.message).toContain(code);
    expect(error.suggestions[0]).toMatch(step);
  });

  it('names the pricing IAM action for GetProducts', () => {
    const error = awsFailureToError(
      new AwsCallError('GetProducts', 'access-denied', 'AccessDeniedException', ''),
    );
    expect(error.suggestions[0]).toMatch(/Allow pricing:GetProducts/);
  });
});
