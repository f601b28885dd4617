/**
 * Live AWS for the catalog: credential and Region discovery through the SDK's standard chains, and the
 * LiveCatalog wired to EC2 and Pricing ports (Spot Advisor figures are injected: AWS has no API for them).
 * Loaded only by a dynamic import, and it loads the SDK the same way, so commands that stay offline never
 * pay for it.
 */
import type { Ec2CatalogPorts } from '../../core/aws/ports.js';
import { LiveCatalog, type SpotAdvisorLookup } from '../../core/catalog/live.js';
import type { Catalog } from '../../core/catalog/types.js';
import { awsTimeoutMs, ec2Client, pricingClient } from './clients.js';
import { ec2CatalogPorts } from './ec2-ports.js';
import type { AwsOptions } from './options.js';
import type { PageOptions } from './pages.js';
import { getProductsPort } from './pricing-port.js';
import { regionRequiredError } from '../../core/catalog/regions.js';

export type CredentialProbe = { ok: true } | { ok: false; reason: string };

/** Env and profile credentials resolve locally; this only bounds SSO/IMDS lookups that go wrong. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Whether the standard credential chain (env, `--profile`/AWS_PROFILE, SSO, process, web identity,
 * container/instance metadata) yields credentials. No AWS API call is made.
 */
export async function probeCredentials(options: AwsOptions): Promise<CredentialProbe> {
  const client = await ec2Client(options);
  let timer: NodeJS.Timeout | undefined;
  try {
    const credentials = await Promise.race([
      client.config.credentials(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no credentials within ${PROBE_TIMEOUT_MS / 1000} s`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return credentials?.accessKeyId
      ? { ok: true }
      : { ok: false, reason: 'the credentials have no access key' };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
    return { ok: false, reason: message || 'no credentials found' };
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

/** The Region of the profile (`region` in the shared config file), as the SDK resolves it; no call made. */
export async function profileRegion(options: AwsOptions): Promise<string | undefined> {
  const client = await ec2Client({ ...options, region: undefined });
  try {
    return (await client.config.region()) || undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** The live catalog for `options.region` (else the profile's Region). */
export async function createLiveCatalog(
  options: AwsOptions,
  deps: { spotAdvisor: SpotAdvisorLookup; clock: () => Date },
): Promise<Catalog> {
  const region = options.region ?? (await profileRegion(options));
  if (!region) {
    throw regionRequiredError();
  }
  const pages: PageOptions = { idleTimeoutMs: awsTimeoutMs() };
  const pricing = await getProductsPort(await pricingClient(options), pages);
  const byRegion = new Map<string, Ec2CatalogPorts>();
  return new LiveCatalog({
    homeRegion: region,
    ec2: (name) => {
      let ports = byRegion.get(name);
      if (!ports) {
        ports = lazyEc2Ports(async () =>
          ec2CatalogPorts(await ec2Client({ ...options, region: name }), pages),
        );
        byRegion.set(name, ports);
      }
      return ports;
    },
    pricing,
    clock: deps.clock,
    spotAdvisor: deps.spotAdvisor,
  });
}

/** Ports whose client is built on first use: a Region the catalog never asks about costs nothing. */
function lazyEc2Ports(build: () => Promise<Ec2CatalogPorts>): Ec2CatalogPorts {
  let ports: Promise<Ec2CatalogPorts> | undefined;
  const get = () => (ports ??= build());
  return {
    instanceTypes: {
      describeInstanceTypes: async (input) => (await get()).instanceTypes.describeInstanceTypes(input),
    },
    offerings: {
      describeInstanceTypeOfferings: async (input) =>
        (await get()).offerings.describeInstanceTypeOfferings(input),
    },
    zones: {
      describeAvailabilityZones: async (input) => (await get()).zones.describeAvailabilityZones(input),
    },
    spotPriceHistory: {
      describeSpotPriceHistory: async (input) =>
        (await get()).spotPriceHistory.describeSpotPriceHistory(input),
    },
  };
}
