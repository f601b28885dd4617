/**
 * Whatever the SDK (or Node underneath it) threw → the core's AwsCallError, classified by error code.
 */
import { classifyAwsErrorCode } from '../../core/aws/failures.js';
import { AwsCallError } from '../../core/aws/ports.js';

interface SdkErrorLike {
  name?: string;
  message?: string;
  /** Node system errors: ECONNREFUSED, ENOTFOUND, … */
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: 'client' | 'server';
  cause?: unknown;
}

/** The most specific error code in the error or its causes. */
function errorCode(error: SdkErrorLike): string {
  const nodeCode = typeof error.code === 'string' ? error.code : undefined;
  const cause = error.cause as SdkErrorLike | undefined;
  const causeCode = cause && typeof cause.code === 'string' ? cause.code : undefined;
  // The SDK names service errors after their code; Node's own network errors are plain `Error`s with a code.
  if (error.Code) return error.Code;
  if (nodeCode) return nodeCode;
  if (error.name && error.name !== 'Error') return error.name;
  return causeCode ?? 'UnknownError';
}

export function toAwsCallError(operation: string, error: unknown): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const sdk = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as SdkErrorLike;
  const code = errorCode(sdk);
  const kind = classifyAwsErrorCode(code);
  const message = (sdk.message ?? '').split('\n')[0]!.trim();
  return new AwsCallError(operation, kind, code, message, { cause: error });
}
