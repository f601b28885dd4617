/**
 * The catalog over live AWS: EC2 for specs, offerings, zones and Spot price history; the Price List API
 * for On-Demand prices; Spot Instance Advisor figures from an injected source (AWS has no API for them).
 *
 * Calls are batched to the floor: every instance type of a question goes into one filtered, paginated
 * call per API (split only past the API's filter limits), never one call per type or zone; independent
 * calls run side by side through a small pool. Optional data degrades: a denied Pricing or Spot price
 * history call becomes a note on the view, the rest is kept.
 */
import { AwsCallError, type Ec2CatalogPorts, type Ec2Filter, type GetProductsPort } from '../aws/ports.js';
import { awsFailureToError, iamAction } from '../aws/failures.js';
import { onDemandProductFilters, parsePriceList } from '../aws/on-demand-prices.js';
import { AWS_CONCURRENCY, createLimiter, type Limiter } from '../aws/pool.js';
import { inputError } from '../errors.js';
import { nearest } from '../text/nearest.js';
import { familyCategory } from './family.js';
import { specFromRecord } from './instance-spec.js';
import { isKnownRegion, KNOWN_REGIONS } from './regions.js';
import type {
  Catalog,
  CatalogInfo,
  InstanceTypeSpec,
  PriceWindow,
  RegionView,
  SpotAdvisorEntry,
  SpotPricePoint,
  TypeQuery,
  ZoneInfo,
} from './types.js';

/** Spot Instance Advisor figures for some types of a Region, and what to tell the user about them. */
export interface SpotAdvisorData {
  entries: Record<string, SpotAdvisorEntry>;
  note?: string;
}

export type SpotAdvisorLookup = (
  region: string,
  instanceTypes: readonly string[],
) => Promise<SpotAdvisorData>;

export interface LiveCatalogOptions {
  /** The Region `instanceTypes()` answers for. */
  homeRegion: string;
  /** EC2 ports bound to a Region. */
  ec2: (region: string) => Ec2CatalogPorts;
  /** Pricing is global (its endpoint is in us-east-1); the Region is a filter. */
  pricing: GetProductsPort;
  clock: () => Date;
  spotAdvisor?: SpotAdvisorLookup;
  /** Most calls in flight at once per service (EC2, Pricing); default AWS_CONCURRENCY. */
  concurrency?: number;
}

/** Filter values per call. EC2 takes many values per filter; this keeps requests well inside its limits. */
export const MAX_FILTER_VALUES = 100;

/** Spot prices for Linux: EC2 still reports some records under the pre-VPC description. */
export const LINUX_PRODUCT_DESCRIPTIONS = ['Linux/UNIX', 'Linux/UNIX (Amazon VPC)'];

interface RegionSpecs {
  byName: Map<string, InstanceTypeSpec>;
  /** Every type of the Region has been listed. */
  complete: boolean;
  families: Set<string>;
  categories: Set<string>;
  /** Names asked for that the Region does not have. */
  absent: Set<string>;
}

export class LiveCatalog implements Catalog {
  readonly info: CatalogInfo;
  /** EC2 calls in flight. */
  private readonly limit: Limiter;
  /** Pricing calls in flight: another service, with its own rate limits, so its own pool. */
  private readonly limitPricing: Limiter;
  private readonly specs = new Map<string, RegionSpecs>();

  constructor(private readonly options: LiveCatalogOptions) {
    this.limit = createLimiter(options.concurrency ?? AWS_CONCURRENCY);
    this.limitPricing = createLimiter(options.concurrency ?? AWS_CONCURRENCY);
    this.info = liveInfo(options.homeRegion, options.clock());
  }

  async regions(): Promise<string[]> {
    return [...KNOWN_REGIONS].sort();
  }

  async instanceTypes(query: TypeQuery): Promise<InstanceTypeSpec[]> {
    assertRegion(this.options.homeRegion);
    return this.failuresReported(this.options.homeRegion, () =>
      this.instanceTypesIn(this.options.homeRegion, query),
    );
  }

  async regionView(region: string, instanceTypes: string[], window: PriceWindow): Promise<RegionView> {
    assertRegion(region);
    return this.failuresReported(region, () => this.fetchRegionView(region, instanceTypes, window));
  }

  /** AWS failures that were not degraded around become one user-facing error naming the call. */
  private async failuresReported<T>(region: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AwsCallError) throw awsFailureToError(error, region);
      throw error;
    }
  }

  private specsOf(region: string): RegionSpecs {
    let specs = this.specs.get(region);
    if (!specs) {
      specs = {
        byName: new Map(),
        complete: false,
        families: new Set(),
        categories: new Set(),
        absent: new Set(),
      };
      this.specs.set(region, specs);
    }
    return specs;
  }

  /**
   * Specs matching the query in one Region, fetching only what earlier answers do not already cover:
   * exact names, `family.*` and `category*` wildcards go into one `instance-type` filter.
   */
  private async instanceTypesIn(region: string, query: TypeQuery): Promise<InstanceTypeSpec[]> {
    const cache = this.specsOf(region);
    const ports = this.options.ec2(region);
    const everything = !query.types && !query.families && !query.categories;
    if (everything && !cache.complete) {
      const records = await this.limit(() => ports.instanceTypes.describeInstanceTypes({}));
      this.remember(
        cache,
        records.flatMap((record) => specFromRecord(record) ?? []),
      );
      cache.complete = true;
    }
    if (everything) return sortedSpecs(cache.byName.values());

    const covered = (name: string) => {
      const { family } = splitName(name);
      return (
        cache.complete ||
        cache.byName.has(name) ||
        cache.absent.has(name) ||
        cache.families.has(family) ||
        cache.categories.has(familyCategory(family))
      );
    };
    const names = (query.types ?? []).filter((name) => !covered(name));
    const families = (query.families ?? []).filter(
      (family) =>
        !cache.complete && !cache.families.has(family) && !cache.categories.has(familyCategory(family)),
    );
    const categories = (query.categories ?? []).filter(
      (category) => !cache.complete && !cache.categories.has(category),
    );
    const values = [...new Set([...names, ...families.map((family) => `${family}.*`)])];
    // A whole category is hundreds of types (`m*`): one request each lets their pages arrive side by side.
    const batches = [
      ...chunk(
        categories.length > 1 ? values : [...values, ...categories.map((c) => `${c}*`)],
        MAX_FILTER_VALUES,
      ),
      ...(categories.length > 1 ? categories.map((category) => [`${category}*`]) : []),
    ];
    if (batches.length > 0) {
      const pages = await Promise.all(
        batches.map((batch) =>
          this.limit(() =>
            ports.instanceTypes.describeInstanceTypes({
              Filters: [{ Name: 'instance-type', Values: batch }],
            }),
          ),
        ),
      );
      this.remember(
        cache,
        pages.flat().flatMap((record) => specFromRecord(record) ?? []),
      );
      families.forEach((family) => cache.families.add(family));
      categories.forEach((category) => cache.categories.add(category));
      names.filter((name) => !cache.byName.has(name)).forEach((name) => cache.absent.add(name));
    }

    const wantedNames = new Set(query.types ?? []);
    const wantedFamilies = new Set(query.families ?? []);
    const wantedCategories = new Set(query.categories ?? []);
    return sortedSpecs(
      [...cache.byName.values()].filter(
        (spec) =>
          wantedNames.has(spec.instanceType) ||
          wantedFamilies.has(spec.family) ||
          wantedCategories.has(familyCategory(spec.family)),
      ),
    );
  }

  private remember(cache: RegionSpecs, specs: InstanceTypeSpec[]): void {
    for (const spec of specs) cache.byName.set(spec.instanceType, spec);
  }

  private async fetchRegionView(
    region: string,
    instanceTypes: string[],
    window: PriceWindow,
  ): Promise<RegionView> {
    const names = [...new Set(instanceTypes)];
    const info = liveInfo(region, this.options.clock());
    if (names.length === 0) {
      return {
        region,
        info,
        zones: [],
        types: [],
        offerings: {},
        spotPrices: [],
        onDemandPrices: {},
        spotAdvisor: {},
        notes: [],
      };
    }
    const ports = this.options.ec2(region);
    const wanted = new Set(names);
    // Past MAX_FILTER_VALUES names, whole-family wildcards keep the call count down; the extra records
    // they bring are dropped below.
    const typeFilterValues =
      names.length <= MAX_FILTER_VALUES
        ? names
        : [...new Set(names.map((name) => `${splitName(name).family}.*`))];
    const typeFilters = chunk(typeFilterValues, MAX_FILTER_VALUES);
    const historyFilters = historyRequests(names, this.options.concurrency ?? AWS_CONCURRENCY);
    const notes: string[] = [];

    const [specs, zones, offeringRecords, spot, onDemand, advisor] = await Promise.all([
      this.instanceTypesIn(region, { types: names }),
      this.limit(() =>
        ports.zones.describeAvailabilityZones({
          Filters: [{ Name: 'zone-type', Values: ['availability-zone'] }],
        }),
      ).then(
        (records) => ({ ok: true as const, records }),
        (error: unknown) =>
          degradeOnDenied(error, () => ({ ok: false as const, error: error as AwsCallError })),
      ),
      Promise.all(
        typeFilters.map((values) =>
          this.limit(() =>
            ports.offerings.describeInstanceTypeOfferings({
              LocationType: 'availability-zone',
              Filters: [{ Name: 'instance-type', Values: values }],
            }),
          ),
        ),
      ).then((pages) => pages.flat()),
      Promise.all(
        historyFilters.map((values) =>
          this.limit(() =>
            ports.spotPriceHistory.describeSpotPriceHistory({
              Filters: [
                { Name: 'instance-type', Values: values },
                { Name: 'product-description', Values: LINUX_PRODUCT_DESCRIPTIONS },
              ] satisfies Ec2Filter[],
              StartTime: window.start,
              EndTime: window.end,
            }),
          ),
        ),
      ).then(
        (pages) => ({ ok: true as const, records: pages.flat() }),
        (error: unknown) =>
          degradeOnDenied(error, () => ({ ok: false as const, error: error as AwsCallError })),
      ),
      Promise.all(
        onDemandProductFilters(region, names).map((filters) =>
          this.limitPricing(() =>
            this.options.pricing.getProducts({ ServiceCode: 'AmazonEC2', Filters: filters }),
          ),
        ),
      ).then(
        (pages) => ({ ok: true as const, items: pages.flat() }),
        (error: unknown) =>
          degradeOnDenied(error, () => ({ ok: false as const, error: error as AwsCallError })),
      ),
      this.options.spotAdvisor?.(region, names) ?? Promise.resolve<SpotAdvisorData>({ entries: {} }),
    ]);

    const offerings: Record<string, string[]> = {};
    for (const record of offeringRecords) {
      if (!record.InstanceType || !record.Location || !wanted.has(record.InstanceType)) continue;
      (offerings[record.InstanceType] ??= []).push(record.Location);
    }
    for (const type of Object.keys(offerings)) offerings[type] = [...new Set(offerings[type])].sort();

    let zoneList: ZoneInfo[];
    if (zones.ok) {
      zoneList = zones.records
        .filter((zone): zone is typeof zone & { ZoneName: string } => Boolean(zone.ZoneName))
        .map((zone) => ({ name: zone.ZoneName, ...(zone.ZoneId ? { id: zone.ZoneId } : {}) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    } else {
      zoneList = [...new Set(Object.values(offerings).flat())].sort().map((name) => ({ name }));
      notes.push(deniedNote(zones.error, 'zone IDs are unknown; zones are the ones types are offered in'));
    }

    let spotPrices: SpotPricePoint[] = [];
    if (spot.ok) {
      spotPrices = clipToWindow(
        spot.records.flatMap((record) => {
          const price = Number(record.SpotPrice);
          if (!record.InstanceType || !wanted.has(record.InstanceType) || !record.AvailabilityZone) return [];
          if (!record.Timestamp || !Number.isFinite(price)) return [];
          return [
            {
              instanceType: record.InstanceType,
              zone: record.AvailabilityZone,
              price,
              timestamp: new Date(record.Timestamp).toISOString(),
            },
          ];
        }),
        window,
        names,
      );
      const priced = new Set(spotPrices.map((point) => point.instanceType));
      const unpriced = specs
        .filter((spec) => spec.supportsSpot && offerings[spec.instanceType] && !priced.has(spec.instanceType))
        .map((spec) => spec.instanceType);
      if (priced.size > 0 && unpriced.length > 0) {
        notes.push(`No Spot price history in ${region} for ${unpriced.join(', ')} in this window.`);
      }
    } else {
      notes.push(deniedNote(spot.error, 'no Spot prices; offerings and On-Demand prices are shown'));
    }

    let onDemandPrices: Record<string, number> = {};
    if (onDemand.ok) {
      onDemandPrices = Object.fromEntries(
        Object.entries(parsePriceList(onDemand.items).prices).filter(([type]) => wanted.has(type)),
      );
      const missing = specs
        .map((spec) => spec.instanceType)
        .filter((type) => onDemandPrices[type] === undefined);
      if (missing.length > 0) notes.push(`No On-Demand price found for ${missing.join(', ')} in ${region}.`);
    } else {
      notes.push(deniedNote(onDemand.error, 'no On-Demand prices, so no savings figures; Spot data is kept'));
    }

    if (advisor.note) notes.push(advisor.note);
    const found = new Map(specs.map((spec) => [spec.instanceType, spec]));
    return {
      region,
      info,
      zones: zoneList,
      types: names.flatMap((name) => found.get(name) ?? []),
      offerings,
      spotPrices,
      onDemandPrices,
      spotAdvisor: Object.fromEntries(Object.entries(advisor.entries).filter(([type]) => wanted.has(type))),
      notes,
    };
  }
}

function liveInfo(region: string, now: Date): CatalogInfo {
  return {
    kind: 'live',
    description: `live AWS (${region})`,
    generatedAt: now.toISOString(),
    spotPricesDerived: false,
  };
}

/** An unknown Region fails before any call, naming the closest real ones. */
function assertRegion(region: string): void {
  if (isKnownRegion(region)) return;
  const close = nearest(region, KNOWN_REGIONS);
  throw inputError('UNKNOWN_REGION', `unknown AWS Region "${region}"`, {
    suggestions: [
      close.length > 0 ? `Did you mean ${close.join(', ')}?` : 'Pass a Region code such as us-east-1.',
    ],
  });
}

/** Access denied on an optional API becomes `fallback()`; every other failure propagates. */
function degradeOnDenied<T>(error: unknown, fallback: () => T): T {
  if (error instanceof AwsCallError && error.kind === 'access-denied') return fallback();
  throw error;
}

function deniedNote(error: AwsCallError, consequence: string): string {
  return `${iamAction(error.operation)} was denied (${error.code}): ${consequence}. Allow it for the full picture.`;
}

/**
 * The points inside the window, plus each type × zone's latest point before it (the price in force at
 * the window's start), ordered by the requested types, then time, then zone; duplicates (the same price
 * reported under both Linux product descriptions) dropped.
 */
function clipToWindow(points: SpotPricePoint[], window: PriceWindow, order: string[]): SpotPricePoint[] {
  const start = window.start.getTime();
  const end = window.end.getTime();
  const seen = new Set<string>();
  const before = new Map<string, SpotPricePoint>();
  const inside: SpotPricePoint[] = [];
  for (const point of points) {
    const key = `${point.instanceType}|${point.zone}|${point.timestamp}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = Date.parse(point.timestamp);
    if (t > end) continue;
    if (t >= start) {
      inside.push(point);
      continue;
    }
    const slot = `${point.instanceType}|${point.zone}`;
    const current = before.get(slot);
    if (!current || Date.parse(current.timestamp) < t) before.set(slot, point);
  }
  const rank = new Map(order.map((type, index) => [type, index]));
  return [...before.values(), ...inside].sort(
    (a, b) =>
      rank.get(a.instanceType)! - rank.get(b.instanceType)! ||
      Date.parse(a.timestamp) - Date.parse(b.timestamp) ||
      a.zone.localeCompare(b.zone),
  );
}

/** Types past which a Spot price history request is split so its pages arrive in parallel. */
export const HISTORY_SPLIT_AT = 40;

/**
 * The `instance-type` filter values of the Spot price history requests. Its answer grows with every
 * price change of every type × zone — hundreds of types mean a dozen pages, one after another. Past
 * HISTORY_SPLIT_AT types the request is split into up to `parts` requests of whole families, balanced by
 * type count, so the pages arrive side by side; the page count stays the same, give or take one per
 * request.
 */
function historyRequests(names: string[], parts: number): string[][] {
  if (names.length <= HISTORY_SPLIT_AT) return chunk(names, MAX_FILTER_VALUES);
  const byFamily = new Map<string, string[]>();
  for (const name of names) {
    const { family } = splitName(name);
    byFamily.set(family, [...(byFamily.get(family) ?? []), name]);
  }
  const groups = Array.from({ length: Math.max(1, parts) }, () => ({
    names: [] as string[],
    families: [] as string[],
  }));
  for (const [family, members] of [...byFamily].sort((a, b) => b[1].length - a[1].length)) {
    const lightest = groups.reduce((a, b) => (b.names.length < a.names.length ? b : a));
    lightest.names.push(...members);
    lightest.families.push(family);
  }
  return groups
    .filter((group) => group.names.length > 0)
    .flatMap((group) =>
      group.names.length <= MAX_FILTER_VALUES
        ? [group.names]
        : chunk(
            group.families.map((family) => `${family}.*`),
            MAX_FILTER_VALUES,
          ),
    );
}

const splitName = (name: string): { family: string } => ({ family: name.split('.')[0] ?? name });

const sortedSpecs = (specs: Iterable<InstanceTypeSpec>): InstanceTypeSpec[] =>
  [...specs].sort((a, b) => a.instanceType.localeCompare(b.instanceType));

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
