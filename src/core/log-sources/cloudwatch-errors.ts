/**
 * A failed CloudWatch Logs call → the one-line error a user sees: which action to allow, which group
 * does not exist and how to list the real ones. Exit codes follow the table: usage 2, input 3, auth 4,
 * AWS failure 5.
 */
import type { AwsCallError } from '../aws/ports.js';
import { authError, awsError, inputError, type SpotctlError } from '../errors.js';
import { logGroupName } from './cloudwatch.js';

export interface LogsCallContext {
  /** The group the call was about (name or ARN), if one. */
  group?: string;
  region?: string;
  /** Existing groups whose names are close to `group`, for "did you mean". */
  similarGroups?: string[];
}

/**
 * The prefix to list a group's neighbours under, wide enough to hold the name meant when one segment is
 * mistyped: `/aws/containerinsights/prd/application` → `/aws/containerinsights/`.
 */
export function groupListingPrefix(group: string): string {
  const name = logGroupName(group);
  const segments = name.split('/');
  const keep = segments.length > 3 ? segments.length - 2 : segments.length - 1;
  return keep > 0 && segments.slice(0, keep).join('') !== ''
    ? `${segments.slice(0, keep).join('/')}/`
    : name.slice(0, 3);
}

/** `FilterLogEvents` → `logs:FilterLogEvents`. */
export const logsAction = (operation: string): string => `logs:${operation}`;

const isNotFound = (failure: AwsCallError): boolean => failure.code === 'ResourceNotFoundException';

export function logsFailureToError(failure: AwsCallError, context: LogsCallContext = {}): SpotctlError {
  const group = context.group ? logGroupName(context.group) : undefined;
  const inRegion = context.region ? ` in ${context.region}` : '';
  const regionFlag = context.region ? ` --region ${context.region}` : '';
  const about = group ? ` on ${group}` : '';
  const detail = failure.message ? `: ${failure.message}` : '';
  if (isNotFound(failure) && !group) {
    return inputError(
      'LOG_GROUP_NOT_FOUND',
      `${failure.operation} found no such log group${inRegion}${detail}`,
      {
        suggestions: [
          `List the groups: \`aws logs describe-log-groups${regionFlag}\`, and check each --log-group.`,
        ],
        cause: failure,
      },
    );
  }
  if (isNotFound(failure) && group) {
    const similar = context.similarGroups ?? [];
    return inputError('LOG_GROUP_NOT_FOUND', `log group ${group} does not exist${inRegion}`, {
      suggestions: [
        ...(similar.length > 0 ? [`Did you mean ${similar.join(' or ')}?`] : []),
        `List the groups: \`aws logs describe-log-groups --log-group-name-prefix ${groupListingPrefix(group)}${regionFlag}\` (or pass --region for another Region).`,
      ],
      cause: failure,
    });
  }
  switch (failure.kind) {
    case 'access-denied':
      return authError(
        'AWS_ACCESS_DENIED',
        `${failure.operation}${about} was denied (${failure.code})${detail}`,
        {
          suggestions: [
            `Allow ${logsAction(failure.operation)}${group ? ` on arn:aws:logs:<region>:<account>:log-group:${group}:*` : ''} for this identity (see "Reading logs from CloudWatch" in the README).`,
          ],
          cause: failure,
        },
      );
    case 'auth':
      return authError(
        'AWS_AUTH_FAILED',
        `AWS rejected the credentials for ${failure.operation} (${failure.code})`,
        {
          suggestions: ['Refresh them (`aws sso login`, new keys), or check --profile/AWS_PROFILE.'],
          cause: failure,
        },
      );
    case 'throttled':
      return awsError(
        'AWS_THROTTLED',
        `${failure.operation}${about} was still throttled after retries (${failure.code})`,
        {
          suggestions: [
            'Wait a minute and retry with fewer log groups or a shorter window; --insights scans in one query.',
          ],
          cause: failure,
        },
      );
    case 'network':
      return awsError(
        'AWS_UNREACHABLE',
        `no answer from CloudWatch Logs for ${failure.operation}${inRegion} (${failure.code})${detail}`,
        {
          suggestions: ['Check network access to the CloudWatch Logs endpoint (proxy, VPN, --endpoint-url).'],
          cause: failure,
        },
      );
    case 'invalid-request':
      return inputError(
        'AWS_INVALID_REQUEST',
        `CloudWatch Logs rejected ${failure.operation}${about} (${failure.code})${detail}`,
        {
          suggestions: ['Check --log-group, --log-stream-prefix and the time window.'],
          cause: failure,
        },
      );
    default:
      if (failure.code === 'LimitExceededException') {
        return awsError(
          'INSIGHTS_LIMIT',
          `too many Logs Insights queries are running in this account (${failure.code})`,
          {
            suggestions: ['Wait for other queries to finish and retry, or run without --insights.'],
            cause: failure,
          },
        );
      }
      if (failure.code === 'MalformedQueryException') {
        return inputError('INSIGHTS_QUERY_REJECTED', `Logs Insights rejected the query${detail}`, {
          suggestions: ['Check --log-stream-prefix, or run without --insights.'],
          cause: failure,
        });
      }
      return awsError('AWS_ERROR', `${failure.operation}${about} failed (${failure.code})${detail}`, {
        suggestions: ['Retry in a moment; if it persists, check the CloudWatch Logs service health.'],
        cause: failure,
      });
  }
}

/** A Logs Insights query the service ended without results (Failed, Cancelled, Timeout). */
export function insightsEndedError(status: string): SpotctlError {
  return awsError('INSIGHTS_QUERY_ENDED', `the Logs Insights query ended with status ${status}`, {
    suggestions: [
      status === 'Timeout'
        ? 'The service stops queries after 60 minutes: narrow --since/--start/--end, or query fewer groups.'
        : 'Retry; if it fails again, run without --insights to page through the events instead.',
    ],
  });
}

/** The query was still running when spotctl stopped waiting (and asked the service to stop it). */
export function insightsTimeoutError(seconds: number): SpotctlError {
  return awsError('INSIGHTS_TIMEOUT', `the Logs Insights query did not finish within ${seconds} s`, {
    suggestions: ['Narrow the window (--since/--start/--end) or query fewer groups, and retry.'],
  });
}
