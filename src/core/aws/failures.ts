/**
 * AWS error codes classified as sets — the data that decides whether a failed call is degraded around or
 * reported, and with which exit code and next step.
 */
import { authError, awsError, inputError, type SpotctlError } from '../errors.js';
import { regionRequiredError } from '../catalog/regions.js';
import type { AwsCallError, AwsFailureKind } from './ports.js';

/** The identity may not call the API: IAM, SCPs, permission boundaries. */
export const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
]);

/** The credentials themselves are wrong: unknown key, bad signature, expired session. */
export const AUTH_CODES: ReadonlySet<string> = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'InvalidSignatureException',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'CredentialsProviderError',
  'OptInRequired',
]);

/** Throttling: the SDK retries these; one reaching spotctl means the retries ran out. */
export const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
]);

/** What the adapters call an answer that is not the protocol's (a proxy's HTML page, an empty body). */
export const NOT_AN_AWS_RESPONSE = 'NotAnAwsResponse';

/** The endpoint did not answer: refused, reset, unresolvable, or no answer before the deadline. */
export const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
  NOT_AN_AWS_RESPONSE,
]);

export const INVALID_REQUEST_CODES: ReadonlySet<string> = new Set([
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidParameter',
  'InvalidInstanceType',
  'InvalidParameterException',
  'ValidationException',
  'MissingParameter',
]);

/** Kind of failure for an error code (AWS's or Node's). */
export function classifyAwsErrorCode(code: string): AwsFailureKind {
  if (ACCESS_DENIED_CODES.has(code)) return 'access-denied';
  if (AUTH_CODES.has(code)) return 'auth';
  if (THROTTLING_CODES.has(code)) return 'throttled';
  if (NETWORK_CODES.has(code)) return 'network';
  if (INVALID_REQUEST_CODES.has(code)) return 'invalid-request';
  return 'service';
}

/**
 * The user-facing error for an AWS call that failed and cannot be degraded around: one line naming the
 * API and what happened, and the next step.
 *
 * @param region the Region the call was for, to make the next step concrete.
 */
export function awsFailureToError(failure: AwsCallError, region?: string): SpotctlError {
  const where = `${failure.operation}${region ? ` (${region})` : ''}`;
  const detail = failure.message ? `: ${failure.message}` : '';
  if (failure.code === NO_CREDENTIALS_CODE)
    return noCredentialsError(`AWS credentials are missing or invalid (${failure.message || where})`);
  if (/region is missing/i.test(failure.message)) return regionRequiredError();
  if (failure.code === NOT_AN_AWS_RESPONSE)
    return awsError('AWS_BAD_RESPONSE', `${where}: ${failure.message}`, {
      suggestions: [
        'Check HTTPS_PROXY/HTTP_PROXY and --endpoint-url: something other than AWS answered. Or pass --offline to use the bundled data.',
      ],
      cause: failure,
    });
  switch (failure.kind) {
    case 'access-denied':
      return authError('AWS_ACCESS_DENIED', `${where} was denied (${failure.code})${detail}`, {
        suggestions: [
          `Allow ${iamAction(failure.operation)} for this identity (see "IAM permissions" in the README), or pass --offline to use the bundled data.`,
        ],
        cause: failure,
      });
    case 'auth':
      return authError('AWS_AUTH_FAILED', `AWS rejected the credentials for ${where} (${failure.code})`, {
        suggestions: [
          'Refresh them (`aws sso login`, new keys), check --profile/AWS_PROFILE, or pass --offline to use the bundled data.',
        ],
        cause: failure,
      });
    case 'throttled':
      return awsError('AWS_THROTTLED', `${where} was still throttled after retries (${failure.code})`, {
        suggestions: [
          'Wait a minute and retry; other tools in this account may be using the same API rate. Or pass --offline.',
        ],
        cause: failure,
      });
    case 'network':
      return awsError('AWS_UNREACHABLE', `no answer from AWS for ${where} (${failure.code})${detail}`, {
        suggestions: [
          'Check network access to the AWS endpoint (proxy, VPN, --endpoint-url); retry, or pass --offline to use the bundled data.',
        ],
        cause: failure,
      });
    case 'invalid-request':
      return inputError('AWS_INVALID_REQUEST', `${where} rejected the request (${failure.code})${detail}`, {
        suggestions: ['Check the instance types and Region you passed.'],
        cause: failure,
      });
    default:
      return awsError('AWS_ERROR', `${where} failed (${failure.code})${detail}`, {
        suggestions: ['Retry in a moment; if it persists, pass --offline to use the bundled data.'],
        cause: failure,
      });
  }
}

/** The IAM service prefix of each operation spotctl calls outside EC2. */
const SERVICE_OF_OPERATION: Record<string, string> = {
  GetProducts: 'pricing',
  ListServiceQuotas: 'servicequotas',
  GetServiceQuota: 'servicequotas',
  GetMetricData: 'cloudwatch',
  FilterLogEvents: 'logs',
  DescribeLogGroups: 'logs',
  StartQuery: 'logs',
  GetQueryResults: 'logs',
};

/** `DescribeSpotPriceHistory` → `ec2:DescribeSpotPriceHistory`; `GetProducts` → `pricing:GetProducts`. */
export const iamAction = (operation: string): string =>
  `${SERVICE_OF_OPERATION[operation] ?? 'ec2'}:${operation}`;

/** The SDK's own words when no credential provider in the chain yields credentials. */
const NO_CREDENTIALS_CODE = 'CredentialsProviderError';

/** One error for "no credentials", wherever they were needed. */
export const noCredentialsError = (why: string, options: { offlineHint?: boolean } = {}): SpotctlError =>
  authError('NO_AWS_CREDENTIALS', why, {
    suggestions: [
      'Set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`.',
      ...(options.offlineHint ? ['Or drop --live to use the bundled offline data.'] : []),
    ],
  });
