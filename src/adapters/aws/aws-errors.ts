/**
 * Classifying AWS SDK errors the way spotctl reports them: missing or invalid credentials are an auth
 * failure (exit 4), a refused call is a PermissionDenied the core turns into "unknown", the rest is an AWS
 * failure (exit 5).
 */
import { authError, awsError, usageError, type SpotctlError } from '../../core/errors.js';
import { PermissionDenied } from '../../core/quota/ports.js';

const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
]);
const BAD_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'AuthFailure',
]);

export const errorName = (error: unknown): string =>
  (error as { name?: string; Code?: string } | null)?.name ?? (error as { Code?: string } | null)?.Code ?? '';

export const isDenied = (error: unknown): boolean => DENIED.has(errorName(error));

/** The SpotctlError (or PermissionDenied) for an SDK failure of `action`. */
export function classifyAwsError(error: unknown, action: string): SpotctlError | PermissionDenied {
  const name = errorName(error);
  const message = (error as Error | null)?.message?.split('\n')[0] ?? String(error);
  if (DENIED.has(name)) return new PermissionDenied(action, `${action} denied: ${message}`);
  if (BAD_CREDENTIALS.has(name) || /credential/i.test(message)) {
    return authError('NO_AWS_CREDENTIALS', `AWS credentials are missing or invalid (${message})`, {
      suggestions: [
        'Set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`.',
      ],
    });
  }
  if (/region is missing/i.test(message)) {
    return usageError('REGION_REQUIRED', 'no AWS Region given', {
      suggestions: ['Pass --region us-east-1 (or set AWS_REGION).'],
    });
  }
  return awsError('AWS_CALL_FAILED', `${action} failed: ${name ? `${name}: ` : ''}${message}`, {
    suggestions: ['Check network access to AWS (or --endpoint-url) and retry.'],
  });
}
