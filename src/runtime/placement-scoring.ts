/**
 * The placement-score port and its on-disk cache for one run: the EC2 call is the AWS adapter's (loaded
 * only when a score is really asked for), the cache lives under the user's cache directory
 * (`XDG_CACHE_HOME/spotctl`, else `~/.cache/spotctl`).
 */
import { join } from 'node:path';

import type { PlacementScoring } from '../core/suggest/placement.js';
import type { AwsContext } from './aws-context.js';

/** Where spotctl keeps what it may reuse between runs; undefined when there is no home to put it in. */
export function cacheDirectory(env: Record<string, string | undefined>): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'spotctl');
  return env.HOME ? join(env.HOME, '.cache', 'spotctl') : undefined;
}

export function placementScoring(
  context: AwsContext,
  env: Record<string, string | undefined>,
): PlacementScoring {
  const directory = cacheDirectory(env);
  // Answers from another endpoint or profile are another account's (or a test server's): never shared.
  const scope = {
    profile: context.flags.profile ?? env.AWS_PROFILE ?? '',
    endpoint: context.flags['endpoint-url'] ?? '',
  };
  return {
    port: async (region) => {
      const { spotPlacementScoresPort } = await import('../adapters/aws/placement-scores.js');
      return spotPlacementScoresPort(context.options(region));
    },
    ...(directory ? { cache: lazyCache(directory, scope) } : {}),
  };
}

function lazyCache(directory: string, scope: Record<string, string>): NonNullable<PlacementScoring['cache']> {
  const load = async () =>
    (await import('../adapters/fs/placement-cache.js')).fileScoreCache(directory, scope);
  return {
    read: async (config) => (await load()).read(config),
    write: async (entry) => (await load()).write(entry),
  };
}
