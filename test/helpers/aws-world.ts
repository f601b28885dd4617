/**
 * An EC2 + Pricing "world" for the local AWS server, built from real API responses in ../shared (read in
 * place): DescribeInstanceTypes records, DescribeInstanceTypeOfferings for us-east-1, the real m5.large
 * Spot price history, and the real m5.large Price List item. Handlers apply the request's filters the way
 * the APIs do, so what the CLI gets back depends on what it asked for.
 *
 * Synthesised on top (for types the reference has no recorded response for, and marked here):
 * - Spot price history of other types = the m5.large series of the same zone scaled by the ratio of
 *   On-Demand prices (Karpenter's us-east-1 table), shifted in time so the newest record falls one hour
 *   before the request's EndTime;
 * - Price List items of other types = the m5.large item with instanceType/usagetype/price substituted;
 * - us-east-1 zone IDs (`use1-az1` …): the AZ record shape is the real us-east-2 response, the IDs are
 *   illustrative (zone name ↔ ID mappings differ per account);
 * - Spot placement scores: AWS publishes no recorded answers, so a score is computed from the request
 *   (more types score higher, more capacity lower; per zone, one point lower in each further zone).
 */
import { readSharedData } from './shared-data.js';
import { type AwsHandler, type AwsRequest, type AwsTestServer, ec2Filter, paginated } from './aws-server.js';
import { wildcardMatch } from './ec2-wildcard.js';

interface InstanceTypeRecord {
  InstanceType: string;
  SupportedUsageClasses?: string[];
  [key: string]: unknown;
}
interface SpotRecord {
  AvailabilityZone: string;
  InstanceType: string;
  ProductDescription: string;
  SpotPrice: string;
  Timestamp: string;
}

export interface WorldOptions {
  region?: 'us-east-1';
  /** Zones that exist in this world (the first three of the Region by default). */
  zones?: string[];
  /** Largest page each API serves (the SDK asks for more; smaller pages exercise pagination). */
  pageSize?: Partial<Record<string, number>>;
}

export interface World {
  instanceTypes: Map<string, InstanceTypeRecord>;
  zones: string[];
  onDemand: Record<string, number>;
  /** The score the world gives a list of `types` types for `capacity` instances (per zone: minus its index). */
  placementScore(types: number, capacity: number, zoneIndex?: number): number;
  handlers: Record<string, AwsHandler>;
}

const ZONE_IDS: Record<string, string> = {
  'us-east-1a': 'use1-az1',
  'us-east-1b': 'use1-az2',
  'us-east-1c': 'use1-az4',
  'us-east-1d': 'use1-az6',
  'us-east-1e': 'use1-az3',
  'us-east-1f': 'use1-az5',
};

const HOUR = 3_600_000;

/** Build the world and register its handlers on `server`. */
export function installWorld(server: AwsTestServer, options: WorldOptions = {}): World {
  const world = buildWorld(options);
  for (const [operation, handler] of Object.entries(world.handlers)) server.on(operation, handler);
  return world;
}

export function buildWorld(options: WorldOptions = {}): World {
  const region = options.region ?? 'us-east-1';
  const zones = options.zones ?? ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  const page = (operation: string) => options.pageSize?.[operation];

  const described = readSharedData<{ InstanceTypes: Record<string, InstanceTypeRecord> }>(
    'reference/instance-data/describe-instance-types.selected-families.json',
  ).InstanceTypes;
  const instanceTypes = new Map(Object.entries(described));
  const offeringsInRegion = readSharedData<Array<{ InstanceType: string; Location: string }>>(
    `reference/instance-data/offerings-moto/availability-zone.${region}.json`,
  ).filter((offering) => zones.includes(offering.Location) && instanceTypes.has(offering.InstanceType));
  const onDemand = readSharedData<{ prices: Record<string, Record<string, number>> }>(
    'reference/instance-data/on-demand-prices.karpenter-v1.14.1.json',
  ).prices[region]!;
  const spotTemplate = readSharedData<{ SpotPriceHistory: SpotRecord[] }>(
    'reference/ec2-api/describe-spot-price-history/instance-selector.m5.large.json',
  ).SpotPriceHistory;
  const priceItemTemplate = readSharedData<Record<string, unknown>>(
    'reference/ec2-api/pricing/instance-selector.get-products.price-list-item.m5.large.json',
  );
  const zoneTemplate = readSharedData<{ AvailabilityZones: Array<Record<string, unknown>> }>(
    'reference/ec2-api/describe-availability-zones/instance-selector.us-east-2.json',
  ).AvailabilityZones[0]!;

  const matchesTypes = (request: AwsRequest, type: string) => {
    const patterns = ec2Filter(request, 'instance-type');
    return !patterns || patterns.some((pattern) => wildcardMatch(pattern, type));
  };

  const describeInstanceTypes = paginated(
    (request) => {
      const names = (request.params.InstanceType as string[] | undefined) ?? undefined;
      return [...instanceTypes.values()].filter(
        (record) =>
          matchesTypes(request, record.InstanceType) && (!names || names.includes(record.InstanceType)),
      );
    },
    { key: 'InstanceTypes', pageSize: page('DescribeInstanceTypes') ?? 100 },
  );

  const describeOfferings = paginated(
    (request) => {
      const byId = request.params.LocationType === 'availability-zone-id';
      const locations = ec2Filter(request, 'location');
      return offeringsInRegion
        .map((offering) => ({
          InstanceType: offering.InstanceType,
          LocationType: byId ? 'availability-zone-id' : 'availability-zone',
          Location: byId ? ZONE_IDS[offering.Location]! : offering.Location,
        }))
        .filter(
          (offering) =>
            matchesTypes(request, offering.InstanceType) &&
            (!locations || locations.includes(offering.Location)),
        );
    },
    { key: 'InstanceTypeOfferings', pageSize: page('DescribeInstanceTypeOfferings') ?? 1000 },
  );

  const describeZones: AwsHandler = () => ({
    body: {
      AvailabilityZones: zones.map((name) => ({
        ...zoneTemplate,
        RegionName: region,
        ZoneName: name,
        ZoneId: ZONE_IDS[name],
        GroupName: region,
        NetworkBorderGroup: region,
        ZoneType: 'availability-zone',
      })),
    },
  });

  const templateNewest = Math.max(...spotTemplate.map((record) => Date.parse(record.Timestamp)));
  const m5Price = onDemand['m5.large']!;
  const describeSpotPriceHistory = paginated(
    (request) => {
      const start = request.params.StartTime ? Date.parse(String(request.params.StartTime)) : 0;
      const end = request.params.EndTime ? Date.parse(String(request.params.EndTime)) : Date.now();
      const shift = end - HOUR - templateNewest;
      const descriptions = ec2Filter(request, 'product-description');
      if (descriptions && !descriptions.includes('Linux/UNIX')) return [];
      const offered = new Set(offeringsInRegion.map((o) => `${o.InstanceType}|${o.Location}`));
      const records: SpotRecord[] = [];
      for (const record of instanceTypes.values()) {
        const type = record.InstanceType;
        const od = onDemand[type];
        if (!matchesTypes(request, type) || !od || !record.SupportedUsageClasses?.includes('spot')) continue;
        for (const zone of zones) {
          if (!offered.has(`${type}|${zone}`)) continue;
          const series = spotTemplate
            .filter((point) => point.AvailabilityZone === zone)
            .map((point) => ({ ...point, t: Date.parse(point.Timestamp) + shift }))
            .sort((a, b) => b.t - a.t);
          // Like EC2: the records inside the window, and the one in force at its start.
          const inside = series.filter((point) => point.t >= start && point.t <= end);
          const atStart = series.find((point) => point.t < start);
          for (const point of atStart ? [...inside, atStart] : inside) {
            records.push({
              AvailabilityZone: zone,
              InstanceType: type,
              ProductDescription: 'Linux/UNIX',
              SpotPrice: ((Number(point.SpotPrice) * od) / m5Price).toFixed(6),
              Timestamp: new Date(point.t).toISOString(),
            });
          }
        }
      }
      return records.sort((a, b) => Date.parse(b.Timestamp) - Date.parse(a.Timestamp));
    },
    { key: 'SpotPriceHistory', pageSize: page('DescribeSpotPriceHistory') ?? 1000 },
  );

  const getProducts = paginated(
    (request) => {
      const filters = (request.params.Filters as Array<{ Type: string; Field: string; Value: string }>) ?? [];
      const wanted = (field: string): string[] | undefined => {
        const filter = filters.find((f) => f.Field === field);
        if (!filter) return undefined;
        return filter.Type === 'ANY_OF' ? filter.Value.split(',') : [filter.Value];
      };
      const regions = wanted('regionCode');
      if (regions && !regions.includes(region)) return [];
      const types = wanted('instanceType') ?? Object.keys(onDemand);
      return types
        .filter((type) => onDemand[type] !== undefined && instanceTypes.has(type))
        .map((type) => priceListItem(priceItemTemplate, type, onDemand[type]!));
    },
    { key: 'PriceList', pageSize: page('GetProducts') ?? 100 },
  );

  // Synthesised (AWS publishes no recorded answers): a score that rises with the number of types and falls
  // with the capacity asked for, a point lower in each further zone — enough to tell lists apart.
  const getSpotPlacementScores: AwsHandler = (request) => {
    const types = new Set(((request.params.InstanceType as string[] | undefined) ?? []).filter(Boolean));
    const capacity = Number(request.params.TargetCapacity ?? 0);
    const regions = (request.params.RegionName as string[] | undefined) ?? [region];
    const base = Math.round(2 * types.size - capacity / 10);
    const clamp = (value: number) => Math.max(1, Math.min(10, value));
    const singleAz = request.params.SingleAvailabilityZone === 'true';
    const scores = regions.includes(region)
      ? singleAz
        ? zones.map((zone, i) => ({ AvailabilityZoneId: ZONE_IDS[zone], Score: clamp(base - i) }))
        : [{ Region: region, Score: clamp(base) }]
      : [];
    return { body: { SpotPlacementScores: scores } };
  };

  return {
    instanceTypes,
    zones,
    onDemand,
    placementScore: (types: number, capacity: number, zoneIndex = 0) =>
      Math.max(1, Math.min(10, Math.round(2 * types - capacity / 10) - zoneIndex)),
    handlers: {
      DescribeInstanceTypes: describeInstanceTypes,
      DescribeInstanceTypeOfferings: describeOfferings,
      DescribeAvailabilityZones: describeZones,
      DescribeSpotPriceHistory: describeSpotPriceHistory,
      GetProducts: getProducts,
      GetSpotPlacementScores: getSpotPlacementScores,
    },
  };
}

/** The real m5.large Price List item with another type and price substituted, JSON-encoded as GetProducts sends it. */
function priceListItem(template: Record<string, unknown>, type: string, usd: number): string {
  const item = structuredClone(template) as {
    product: { attributes: Record<string, string> };
    terms: {
      OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }>;
    };
  };
  item.product.attributes.instanceType = type;
  item.product.attributes.usagetype = `BoxUsage:${type}`;
  for (const term of Object.values(item.terms.OnDemand)) {
    for (const dimension of Object.values(term.priceDimensions)) dimension.pricePerUnit.USD = usd.toFixed(10);
  }
  return JSON.stringify(item);
}
