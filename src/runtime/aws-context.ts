/**
 * The one place a command's AWS set-up is worked out: Region (flag, environment, profile), profile,
 * endpoint, credentials and the catalog source (live, snapshot, bundled). Everything is resolved lazily
 * and once, and the SDK is loaded only when a live call is really wanted — so `--offline` and
 * `--snapshot` runs never load it.
 */
import type { AwsOptions } from '../adapters/aws/options.js';
import { noCredentialsError } from '../core/aws/failures.js';
import { assertKnownRegion } from '../core/catalog/lookup.js';
import { regionRequiredError } from '../core/catalog/regions.js';
import { spotAdvisorFrom } from '../core/catalog/spot-advisor.js';
import type { CatalogAccess } from '../core/catalog/access.js';
import type { Catalog } from '../core/catalog/types.js';
import type { ServiceQuotasPort, UsagePort } from '../core/quota/ports.js';

/** The flags (or their absence) a command passes: see `awsFlags` and `catalogFlags`. */
export interface AwsFlags {
  region?: string;
  profile?: string;
  'endpoint-url'?: string;
  offline?: boolean;
  snapshot?: string;
  live?: boolean;
}

export interface AwsContextDeps {
  env: Record<string, string | undefined>;
  now: () => Date;
  /** Where to say that the bundled data stands in for live AWS (stderr). */
  note: (message: string) => void;
}

export interface AwsContext extends CatalogAccess {
  readonly flags: AwsFlags;
  /**
   * The Region to work in: the hint, else (unless --offline) the profile's `region` as the SDK resolves
   * it. Throws REGION_REQUIRED when there is none.
   * @param readProfile whether the shared config file may be read.
   */
  region(readProfile?: boolean): Promise<string>;
  /** SDK client options for `region`. */
  options(region?: string): AwsOptions;
  /**
   * The catalog for `region`: snapshot, bundled, or live — falling back to the bundled data, with a note.
   * Live AWS without a Region uses the profile's.
   */
  catalog(region: string | undefined): Promise<Catalog>;
  /** The live catalog, or NO_AWS_CREDENTIALS naming `purpose` (`snapshot reads live AWS`). */
  liveCatalog(region: string, purpose: string): Promise<Catalog>;
  serviceQuotas(region: string): Promise<ServiceQuotasPort>;
  usage(region: string): Promise<UsagePort>;
}

/** Whether the flags keep a run off live AWS entirely (for its catalog). */
export const isOffline = (flags: AwsFlags): boolean => Boolean(flags.offline || flags.snapshot);

/**
 * @throws UNKNOWN_REGION (input) at once, before any work, when --region or AWS_REGION names no Region.
 */
export function createAwsContext(flags: AwsFlags, deps: AwsContextDeps): AwsContext {
  const regionHint = flags.region || deps.env.AWS_REGION || deps.env.AWS_DEFAULT_REGION || undefined;
  if (regionHint)
    assertKnownRegion(
      regionHint,
      flags.region ? undefined : deps.env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION',
    );
  const catalogs = new Map<string, Promise<Catalog>>();
  let region: Promise<string> | undefined;

  const options = (forRegion?: string): AwsOptions => ({
    ...(forRegion ? { region: forRegion } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags['endpoint-url'] ? { endpointUrl: flags['endpoint-url'] } : {}),
  });

  const bundled = async () => (await import('../adapters/fs/snapshot-files.js')).loadBundledCatalog();

  const live = async (forRegion: string | undefined) => {
    const aws = await import('../adapters/aws/live-catalog.js');
    return aws.createLiveCatalog(options(forRegion), {
      spotAdvisor: spotAdvisorFrom(bundled),
      clock: deps.now,
    });
  };

  const resolveCatalog = async (forRegion: string | undefined): Promise<Catalog> => {
    if (flags.snapshot)
      return (await import('../adapters/fs/snapshot-files.js')).loadSnapshotCatalog(flags.snapshot);
    if (flags.offline) return bundled();
    const aws = await import('../adapters/aws/live-catalog.js');
    const credentials = await aws.probeCredentials(options(forRegion));
    if (credentials.ok) return live(forRegion);
    if (flags.live)
      throw noCredentialsError(`--live needs AWS credentials: ${credentials.reason}`, { offlineHint: true });
    const fallback = await bundled();
    deps.note(
      `No AWS credentials found (${credentials.reason}): using ${fallback.info.description}; prices are estimates. Pass --offline to silence this.`,
    );
    return fallback;
  };

  return {
    flags,
    regionHint,
    region(readProfile = !flags.offline) {
      region ??= (async () => {
        let found = regionHint;
        if (!found && readProfile) {
          const aws = await import('../adapters/aws/live-catalog.js');
          found = await aws.profileRegion(options());
        }
        if (!found) throw regionRequiredError();
        return found;
      })();
      return region;
    },
    options,
    catalog(forRegion) {
      // Snapshot and bundled catalogs serve every Region: one load.
      const key = isOffline(flags) ? '' : (forRegion ?? '');
      let catalog = catalogs.get(key);
      if (!catalog) {
        catalog = resolveCatalog(forRegion);
        catalogs.set(key, catalog);
      }
      return catalog;
    },
    async liveCatalog(forRegion, purpose) {
      const aws = await import('../adapters/aws/live-catalog.js');
      const credentials = await aws.probeCredentials(options(forRegion));
      if (!credentials.ok)
        throw noCredentialsError(`${purpose} and needs credentials: ${credentials.reason}`);
      return live(forRegion);
    },
    async serviceQuotas(forRegion) {
      const { createServiceQuotasPort } = await import('../adapters/aws/service-quotas.js');
      return createServiceQuotasPort(options(forRegion));
    },
    async usage(forRegion) {
      const { createUsagePort } = await import('../adapters/aws/cloudwatch-usage.js');
      return createUsagePort(options(forRegion));
    },
  };
}
