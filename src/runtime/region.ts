import { usageError } from '../core/errors.js';

/** --region, then AWS_REGION, then AWS_DEFAULT_REGION. */
export function requireRegion(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const region = flag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw usageError('REGION_REQUIRED', 'no AWS Region given', {
      suggestions: ['Pass --region us-east-1 (or set AWS_REGION).'],
    });
  }
  return region;
}
