/**
 * Classifying AWS SDK errors for the Service Quotas and CloudWatch adapters: a refused call becomes a
 * PermissionDenied the core reports as "unknown"; missing or invalid credentials an auth failure (exit 4);
 * the rest an AWS failure (exit 5). Error codes are read and classified by the same code as every other
 * AWS call (call-errors.ts, core/aws/failures.ts).
 */
import { authError, awsError, type SpotctlError } from '../../core/errors.js';
import { PermissionDenied } from '../../core/quota/ports.js';
import { toAwsCallError } from './call-errors.js';
import { regionRequiredError } from '../../core/catalog/regions.js';

/** The AWS (or Node) error code of an SDK failure, e.g. `NoSuchResourceException`. */
export const errorName = (error: unknown): string => toAwsCallError('', error).code;

/** The SpotctlError (or PermissionDenied) for an SDK failure of `action`. */
export function classifyAwsError(error: unknown, action: string): SpotctlError | PermissionDenied {
  const failure = toAwsCallError(action, error);
  const message = failure.message || failure.code;
  if (failure.kind === 'access-denied') return new PermissionDenied(action, `${action} denied: ${message}`);
  if (failure.kind === 'auth' || /credential/i.test(message)) {
    return authError('NO_AWS_CREDENTIALS', `AWS credentials are missing or invalid (${message})`, {
      suggestions: [
        'Set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`.',
      ],
    });
  }
  if (/region is missing/i.test(message)) {
    return regionRequiredError();
  }
  return awsError('AWS_CALL_FAILED', `${action} failed: ${failure.code}: ${message}`, {
    suggestions: ['Check network access to AWS (or --endpoint-url) and retry.'],
  });
}
