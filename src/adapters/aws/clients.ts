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

async function baseConfig(options: AwsOptions, regionOverride?: string) {
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  return {
    ...((regionOverride ?? options.region) ? { region: regionOverride ?? options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'adaptive',
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 20_000 }),
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
