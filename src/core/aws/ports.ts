/**
 * Every AWS call spotctl's catalog makes, each as an interface as narrow as the call — the core depends on
 * these, never on the SDK. Shapes mirror the API's own field names (a structural subset of the SDK's
 * types) so an adapter passes requests and records through unchanged and a test fake is a plain object.
 *
 * A port returns every page of a paginated call: pagination, retries (throttling) and timeouts are the
 * adapter's job. A port fails with `AwsCallError`, so the core can decide what to degrade and what to
 * report without knowing how the SDK shapes its errors.
 */

/** An EC2 `Filter`: values are OR-ed, filters are AND-ed; `*` and `?` are wildcards where the API allows. */
export interface Ec2Filter {
  Name: string;
  Values: string[];
}

// --- DescribeInstanceTypes ---------------------------------------------------------------------------

export interface InstanceTypeRecord {
  InstanceType?: string;
  CurrentGeneration?: boolean;
  BareMetal?: boolean;
  BurstablePerformanceSupported?: boolean;
  SupportedUsageClasses?: string[];
  ProcessorInfo?: { SupportedArchitectures?: string[] };
  VCpuInfo?: { DefaultVCpus?: number };
  MemoryInfo?: { SizeInMiB?: number };
  GpuInfo?: {
    Gpus?: { Name?: string; Manufacturer?: string; Count?: number; MemoryInfo?: { SizeInMiB?: number } }[];
  };
  NeuronInfo?: { NeuronDevices?: { Count?: number }[] };
}

export interface DescribeInstanceTypesInput {
  /** `instance-type` accepts exact names and wildcards (`g4dn.*`, `g*`), many values in one filter. */
  Filters?: Ec2Filter[];
}

export interface DescribeInstanceTypesPort {
  describeInstanceTypes(input: DescribeInstanceTypesInput): Promise<InstanceTypeRecord[]>;
}

// --- DescribeInstanceTypeOfferings -------------------------------------------------------------------

export type OfferingLocationType = 'availability-zone' | 'availability-zone-id';

export interface InstanceTypeOfferingRecord {
  InstanceType?: string;
  LocationType?: string;
  /** A zone name (`us-east-1a`) or zone ID (`use1-az4`), per the location type asked for. */
  Location?: string;
}

export interface DescribeInstanceTypeOfferingsInput {
  LocationType: OfferingLocationType;
  Filters?: Ec2Filter[];
}

export interface DescribeInstanceTypeOfferingsPort {
  describeInstanceTypeOfferings(
    input: DescribeInstanceTypeOfferingsInput,
  ): Promise<InstanceTypeOfferingRecord[]>;
}

// --- DescribeAvailabilityZones -----------------------------------------------------------------------

export interface AvailabilityZoneRecord {
  ZoneName?: string;
  ZoneId?: string;
  ZoneType?: string;
  State?: string;
  RegionName?: string;
}

export interface DescribeAvailabilityZonesInput {
  Filters?: Ec2Filter[];
}

export interface DescribeAvailabilityZonesPort {
  describeAvailabilityZones(input: DescribeAvailabilityZonesInput): Promise<AvailabilityZoneRecord[]>;
}

// --- DescribeSpotPriceHistory ------------------------------------------------------------------------

export interface SpotPriceRecord {
  AvailabilityZone?: string;
  InstanceType?: string;
  ProductDescription?: string;
  /** USD per hour, as a decimal string. */
  SpotPrice?: string;
  Timestamp?: Date;
}

export interface DescribeSpotPriceHistoryInput {
  Filters?: Ec2Filter[];
  StartTime?: Date;
  EndTime?: Date;
}

export interface DescribeSpotPriceHistoryPort {
  describeSpotPriceHistory(input: DescribeSpotPriceHistoryInput): Promise<SpotPriceRecord[]>;
}

// --- Pricing GetProducts -----------------------------------------------------------------------------

export type PricingFilterType = 'TERM_MATCH' | 'EQUALS' | 'CONTAINS' | 'ANY_OF' | 'NONE_OF';

export interface PricingFilter {
  Type: PricingFilterType;
  Field: string;
  /** For ANY_OF/NONE_OF: comma-separated values. At most 1024 characters. */
  Value: string;
}

export interface GetProductsInput {
  ServiceCode: string;
  Filters: PricingFilter[];
}

export interface GetProductsPort {
  /** The `PriceList` items of every page: each a JSON document encoded as a string. */
  getProducts(input: GetProductsInput): Promise<string[]>;
}

// --- GetSpotPlacementScores --------------------------------------------------------------------------

/** How `TargetCapacity` counts: instances (`units`), vCPUs, or MiB of memory. */
export type TargetCapacityUnitType = 'units' | 'vcpu' | 'memory-mib';

export interface GetSpotPlacementScoresInput {
  /** The whole list, scored as one set: AWS rates whether a fleet over all of them reaches the target. */
  InstanceTypes: string[];
  TargetCapacity: number;
  TargetCapacityUnitType?: TargetCapacityUnitType;
  /** true: one score per Availability Zone (a fleet in one zone); false: one per Region (all zones). */
  SingleAvailabilityZone?: boolean;
  RegionNames?: string[];
}

export interface SpotPlacementScoreRecord {
  Region?: string;
  /** Only with SingleAvailabilityZone: the zone ID (`use1-az4`), never the account's zone name. */
  AvailabilityZoneId?: string;
  /** 1 (unlikely to succeed) … 10 (highly likely). */
  Score?: number;
}

export interface GetSpotPlacementScoresPort {
  getSpotPlacementScores(input: GetSpotPlacementScoresInput): Promise<SpotPlacementScoreRecord[]>;
}

// --- All of them -------------------------------------------------------------------------------------

/** The EC2 calls the live catalog makes, all bound to one Region. */
export interface Ec2CatalogPorts {
  instanceTypes: DescribeInstanceTypesPort;
  offerings: DescribeInstanceTypeOfferingsPort;
  zones: DescribeAvailabilityZonesPort;
  spotPriceHistory: DescribeSpotPriceHistoryPort;
}

// --- Failures ----------------------------------------------------------------------------------------

/**
 * How an AWS call failed, as far as the caller needs to know:
 * - `access-denied`: the identity may not call this API (degrade where the data is optional);
 * - `auth`: the credentials themselves are missing, invalid or expired;
 * - `throttled`: still throttled after the SDK's retries ran out;
 * - `network`: endpoint unreachable or no answer before the deadline;
 * - `invalid-request`: the API rejected the request's parameters;
 * - `service`: anything else AWS answered with.
 */
export type AwsFailureKind =
  'access-denied' | 'auth' | 'throttled' | 'network' | 'invalid-request' | 'service';

/** A failed AWS call, translated by the adapter from whatever the SDK threw. */
export class AwsCallError extends Error {
  constructor(
    /** The API operation, e.g. `DescribeSpotPriceHistory`, `GetProducts`. */
    readonly operation: string,
    readonly kind: AwsFailureKind,
    /** The AWS error code (`UnauthorizedOperation`, `RequestLimitExceeded`) or a Node one (`ECONNREFUSED`). */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AwsCallError';
  }
}

export const isAwsCallError = (error: unknown): error is AwsCallError => error instanceof AwsCallError;
