/**
 * Hand-written fakes of the AWS ports for core tests: they answer from fixed records, apply EC2's
 * `instance-type` filter (exact names and wildcards) and Pricing's instanceType filter, log every call, and
 * fail on demand with the AwsCallError an adapter would raise. `realAwsData()` loads real API responses
 * from ../shared (read in place).
 */
import {
  type AvailabilityZoneRecord,
  AwsCallError,
  type DescribeInstanceTypeOfferingsInput,
  type DescribeInstanceTypesInput,
  type DescribeSpotPriceHistoryInput,
  type Ec2CatalogPorts,
  type GetProductsInput,
  type GetProductsPort,
  type InstanceTypeOfferingRecord,
  type InstanceTypeRecord,
  type SpotPriceRecord,
} from '../../src/core/aws/ports.js';
import { wildcardMatch } from './ec2-wildcard.js';
import { readSharedJson } from './shared.js';

export interface FakeAwsData {
  instanceTypes: InstanceTypeRecord[];
  offerings: InstanceTypeOfferingRecord[];
  zones: AvailabilityZoneRecord[];
  spot: SpotPriceRecord[];
  priceList: string[];
}

interface Recorded {
  operation: string;
  input: unknown;
}

/** Fakes that answer from fixed records, apply the filters the way EC2 does, and log every call. */
export class FakeAws {
  readonly calls: Recorded[] = [];
  failures: Partial<Record<string, AwsCallError>> = {};

  constructor(private readonly data: FakeAwsData) {}

  private record(operation: string, input: unknown): void {
    this.calls.push({ operation, input });
    const failure = this.failures[operation];
    if (failure) throw failure;
  }

  count(operation: string): number {
    return this.calls.filter((call) => call.operation === operation).length;
  }

  ec2(): Ec2CatalogPorts {
    return {
      instanceTypes: {
        describeInstanceTypes: async (input: DescribeInstanceTypesInput) => {
          this.record('DescribeInstanceTypes', input);
          return this.data.instanceTypes.filter((r) =>
            matches(input.Filters, 'instance-type', r.InstanceType!),
          );
        },
      },
      offerings: {
        describeInstanceTypeOfferings: async (input: DescribeInstanceTypeOfferingsInput) => {
          this.record('DescribeInstanceTypeOfferings', input);
          return this.data.offerings.filter((r) => matches(input.Filters, 'instance-type', r.InstanceType!));
        },
      },
      zones: {
        describeAvailabilityZones: async (input) => {
          this.record('DescribeAvailabilityZones', input);
          return this.data.zones;
        },
      },
      spotPriceHistory: {
        describeSpotPriceHistory: async (input: DescribeSpotPriceHistoryInput) => {
          this.record('DescribeSpotPriceHistory', input);
          return this.data.spot.filter((r) => matches(input.Filters, 'instance-type', r.InstanceType!));
        },
      },
    };
  }

  pricing(): GetProductsPort {
    return {
      getProducts: async (input: GetProductsInput) => {
        this.record('GetProducts', input);
        const types = input.Filters.find((f) => f.Field === 'instanceType')?.Value.split(',') ?? [];
        return this.data.priceList.filter((item) =>
          types.some((type) => item.includes(`"instanceType":"${type}"`)),
        );
      },
    };
  }
}

const matches = (filters: { Name: string; Values: string[] }[] | undefined, name: string, value: string) => {
  const filter = filters?.find((f) => f.Name === name);
  return !filter || filter.Values.some((pattern) => wildcardMatch(pattern, value));
};

export const denied = (operation: string, code = 'UnauthorizedOperation') =>
  new AwsCallError(operation, 'access-denied', code, 'not authorized');

/**
 * Real responses: DescribeInstanceTypes records (492 types), us-east-1 offerings, the m5.large Spot price
 * history (us-east-1, Jan–Feb 2021), the m5.large Price List item; AZ records are the real us-east-2
 * response renamed to us-east-1 zones (IDs illustrative: mappings are per account).
 */
export function realAwsData(): FakeAwsData {
  const described = readSharedJson<{ InstanceTypes: Record<string, InstanceTypeRecord> }>(
    'reference/instance-data/describe-instance-types.selected-families.json',
  ).InstanceTypes;
  const offerings = readSharedJson<{ InstanceTypeOfferings: InstanceTypeOfferingRecord[] }>(
    'reference/ec2-api/describe-instance-type-offerings/moto-derived.az.us-east-1.listed-families.json',
  ).InstanceTypeOfferings;
  const spot = readSharedJson<{ SpotPriceHistory: Array<SpotPriceRecord & { Timestamp: string }> }>(
    'reference/ec2-api/describe-spot-price-history/instance-selector.m5.large.json',
  ).SpotPriceHistory.map((record) => ({ ...record, Timestamp: new Date(record.Timestamp) }));
  const zones = readSharedJson<{ AvailabilityZones: AvailabilityZoneRecord[] }>(
    'reference/ec2-api/describe-availability-zones/instance-selector.us-east-2.json',
  ).AvailabilityZones;
  return {
    instanceTypes: Object.values(described),
    offerings,
    // The only real AZ response is for us-east-2; its records stand in with us-east-1 names.
    zones: zones.map((zone, i) => ({
      ...zone,
      ZoneName: `us-east-1${'abc'[i]}`,
      ZoneId: `use1-az${i + 1}`,
    })),
    spot,
    priceList: [
      JSON.stringify(
        readSharedJson(
          'reference/ec2-api/pricing/instance-selector.get-products.price-list-item.m5.large.json',
        ),
      ),
    ],
  };
}
