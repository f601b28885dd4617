/**
 * The catalog: what spotctl knows about instance types, where they are offered and what they cost.
 * One interface, two sources — live AWS (EC2 + Pricing) or a snapshot file (the bundled one by default).
 */

export type Architecture = 'x86_64' | 'arm64' | 'i386' | 'x86_64_mac' | 'arm64_mac';

export interface GpuSpec {
  count: number;
  manufacturer: string;
  /** As EC2 names it, e.g. `T4`, `A10G`, `L4`, `V100`. */
  name: string;
  memoryMiBPerGpu: number;
}

export interface InstanceTypeSpec {
  instanceType: string;
  /** `g4dn` for `g4dn.xlarge`; `u-6tb1` for `u-6tb1.56xlarge`. */
  family: string;
  /** `xlarge` for `g4dn.xlarge`. */
  size: string;
  vcpus: number;
  memoryMiB: number;
  architectures: Architecture[];
  gpu?: GpuSpec;
  /** Inferentia/Trainium devices (NeuronInfo), when present. */
  neuronDevices?: number;
  supportsSpot: boolean;
  currentGeneration: boolean;
  bareMetal: boolean;
  burstable: boolean;
}

export interface ZoneInfo {
  /** Account-specific name, e.g. `us-east-1a`. */
  name: string;
  /** Account-independent ID, e.g. `use1-az4`, when known. */
  id?: string;
}

export interface SpotPricePoint {
  instanceType: string;
  zone: string;
  /** USD per hour. */
  price: number;
  /** ISO 8601. */
  timestamp: string;
}

/** Interruption-frequency bucket index from the Spot Instance Advisor: 0 `<5%` … 4 `>20%`. */
export type InterruptionBucket = 0 | 1 | 2 | 3 | 4;

export const INTERRUPTION_LABELS: Record<InterruptionBucket, string> = {
  0: '<5%',
  1: '5-10%',
  2: '10-15%',
  3: '15-20%',
  4: '>20%',
};

export interface SpotAdvisorEntry {
  interruptionBucket: InterruptionBucket;
  /** Savings over On-Demand in percent, as the Advisor publishes it (regional, trailing month). */
  savingsPct: number;
}

export type CatalogSourceKind = 'live' | 'snapshot' | 'bundled';

export interface CatalogInfo {
  kind: CatalogSourceKind;
  /** Human description, e.g. `live AWS (us-east-1)` or `bundled data from 2026-07-06`. */
  description: string;
  /** When the data was captured (ISO 8601). For live data: now. */
  generatedAt: string;
  /** Whether Spot prices are measured (price history) or derived estimates. */
  spotPricesDerived: boolean;
}

/** Everything known about a set of instance types in one region. Plain data: analysis is pure over it. */
export interface RegionView {
  region: string;
  info: CatalogInfo;
  zones: ZoneInfo[];
  types: InstanceTypeSpec[];
  /** Instance type → zone names where it is offered. Absent key: not offered in this region. */
  offerings: Record<string, string[]>;
  /** Spot price points in the requested window, plus the latest point before it for each type × zone. */
  spotPrices: SpotPricePoint[];
  /** Instance type → On-Demand USD per hour (Linux, shared tenancy). */
  onDemandPrices: Record<string, number>;
  spotAdvisor: Record<string, SpotAdvisorEntry>;
  /** Things the user should know about this data: missing prices, denied APIs, estimates. */
  notes: string[];
}

export interface TypeQuery {
  /** Exact instance type names. */
  types?: string[];
  /** Whole families, e.g. `g4dn`. */
  families?: string[];
  /**
   * Whole categories — the letters before a family's generation digit, e.g. `g` matches g4dn, g5, g6e —
   * so sibling families can be found without listing every type (live: one `instance-type` filter `g*`).
   */
  categories?: string[];
}

export interface PriceWindow {
  start: Date;
  end: Date;
}

export interface Catalog {
  readonly info: CatalogInfo;
  /** Regions the source can answer for (a snapshot knows a fixed set; live AWS answers for any). */
  regions(): Promise<string[]>;
  /** Specs of the types matching the query; with an empty query, every type the source knows. */
  instanceTypes(query: TypeQuery): Promise<InstanceTypeSpec[]>;
  /** Offerings, prices and advisor data for the given types in one region. */
  regionView(region: string, instanceTypes: string[], window: PriceWindow): Promise<RegionView>;
}

/** `g4dn.xlarge` → `{ family: 'g4dn', size: 'xlarge' }`. */
export function splitInstanceType(instanceType: string): { family: string; size: string } {
  const dot = instanceType.indexOf('.');
  if (dot < 0) return { family: instanceType, size: '' };
  return { family: instanceType.slice(0, dot), size: instanceType.slice(dot + 1) };
}
