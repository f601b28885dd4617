/**
 * The one place AWS SDK clients are built. Every SDK package is imported dynamically, so commands that do
 * not reach AWS (and `--help`) never load it. Clients share one configuration: the standard credential
 * chain, `--region`/`--profile`/`--endpoint-url`, the SDK's adaptive retry (throttling is retried, not
 * reported), and connection/request timeouts so a dead endpoint fails instead of hanging.
 */
import type { AwsOptions } from './options.js';

/** Pricing's API lives in a few regions only; us-east-1 serves every region's prices. */
export const PRICING_API_REGION = 'us-east-1';

const MAX_ATTEMPTS = 6;

/** How long an AWS call may go without an answer before it is abandoned. */
const DEFAULT_AWS_TIMEOUT_MS = 30_000;

/**
 * The idle deadline for AWS calls: `SPOTCTL_AWS_TIMEOUT_MS` (for slow links, and for tests that need a
 * silent endpoint to fail fast), else 30 s. Each attempt's socket timeouts never exceed it.
 */
export function awsTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SPOTCTL_AWS_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_AWS_TIMEOUT_MS;
}

async function baseConfig(options: AwsOptions, regionOverride?: string) {
  // The SDK warns on Node < 22 about SDK releases after January 2027; spotctl pins its SDK in the lockfile,
  // so the warning tells a spotctl user nothing they can act on and would clutter stderr. Set the variable
  // yourself to see it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const timeout = awsTimeoutMs();
  return {
    ...((regionOverride ?? options.region) ? { region: regionOverride ?? options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'adaptive',
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(5_000, timeout),
      requestTimeout: Math.min(20_000, timeout),
    }),
  };
}

export async function ec2Client(options: AwsOptions) {
  const { EC2Client } = await import('@aws-sdk/client-ec2');
  return new EC2Client(await baseConfig(options));
}

export async function pricingClient(options: AwsOptions) {
  const { PricingClient } = await import('@aws-sdk/client-pricing');
  return new PricingClient(await baseConfig(options, PRICING_API_REGION));
}

export async function serviceQuotasClient(options: AwsOptions) {
  const { ServiceQuotasClient } = await import('@aws-sdk/client-service-quotas');
  return new ServiceQuotasClient(await baseConfig(options));
}

export async function cloudWatchClient(options: AwsOptions) {
  const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch');
  return new CloudWatchClient(await baseConfig(options));
}

export async function cloudWatchLogsClient(options: AwsOptions) {
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
  return new CloudWatchLogsClient(await baseConfig(options));
}
