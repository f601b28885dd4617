/**
 * Chooses the catalog source for a command: a snapshot file, the bundled data, or live AWS — falling back
 * to the bundled data, and saying so, when no credentials can be found.
 */
import { readFile } from 'node:fs/promises';

import { SnapshotCatalog, parseSnapshot } from '../core/catalog/snapshot.js';
import type { Catalog } from '../core/catalog/types.js';
import { authError, inputError } from '../core/errors.js';
import type { AwsOptions } from '../adapters/aws/options.js';

export interface CatalogChoice {
  offline?: boolean;
  snapshot?: string;
  live?: boolean;
  region?: string;
  profile?: string;
  'endpoint-url'?: string;
}

const BUNDLED = new URL('../data/bundled-snapshot.json', import.meta.url);

export async function loadBundledCatalog(): Promise<SnapshotCatalog> {
  const text = await readFile(BUNDLED, 'utf8');
  return new SnapshotCatalog(parseSnapshot(text, 'bundled snapshot'), 'bundled', 'bundled');
}

export async function loadSnapshotCatalog(path: string): Promise<SnapshotCatalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      'SNAPSHOT_NOT_READABLE',
      `cannot read snapshot ${path}: ${code ?? (error as Error).message}`,
      {
        suggestions: [
          'Check the path, or write one with `spotctl snapshot --region <region> --output <file>`.',
        ],
      },
    );
  }
  return new SnapshotCatalog(parseSnapshot(text, path), 'snapshot', path);
}

export const awsOptionsFrom = (flags: CatalogChoice): AwsOptions => ({
  region: flags.region,
  profile: flags.profile,
  endpointUrl: flags['endpoint-url'],
});

/**
 * @param warn where to say that the bundled data is used instead of live AWS (stderr).
 */
export async function resolveCatalog(
  flags: CatalogChoice,
  warn: (message: string) => void,
): Promise<Catalog> {
  if (flags.snapshot) return loadSnapshotCatalog(flags.snapshot);
  if (flags.offline) return loadBundledCatalog();
  // The SDK is loaded only here, and only when live data is wanted.
  const aws = await import('../adapters/aws/live-catalog.js');
  const options = awsOptionsFrom(flags);
  const credentials = await aws.probeCredentials(options);
  if (!credentials.ok) {
    if (flags.live) {
      throw authError('NO_AWS_CREDENTIALS', `--live needs AWS credentials: ${credentials.reason}`, {
        suggestions: [
          'Set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`.',
          'Or drop --live to use the bundled offline data.',
        ],
      });
    }
    const bundled = await loadBundledCatalog();
    warn(
      `No AWS credentials found (${credentials.reason}): using ${bundled.info.description}; prices are estimates. Pass --offline to silence this.`,
    );
    return bundled;
  }
  return aws.createLiveCatalog(options);
}
