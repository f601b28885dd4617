import type { AwsOptions } from '../adapters/aws/options.js';
import { regionRequiredError } from '../core/catalog/regions.js';

export interface RegionSources {
  region?: string;
  profile?: string;
  'endpoint-url'?: string;
  /** Offline runs never read the AWS config files. */
  offline?: boolean;
}

/**
 * --region, then AWS_REGION, then AWS_DEFAULT_REGION, then (unless offline) the profile's `region` as the
 * SDK resolves it from the shared config file — the same order the AWS CLI uses.
 */
export async function resolveRegion(
  flags: RegionSources,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  let region = flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region && !flags.offline) {
    const aws = await import('../adapters/aws/live-catalog.js');
    const options: AwsOptions = { profile: flags.profile, endpointUrl: flags['endpoint-url'] };
    region = await aws.profileRegion(options);
  }
  if (!region) {
    throw regionRequiredError();
  }
  return region;
}
