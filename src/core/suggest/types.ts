/**
 * The shapes of a suggestion: what `suggest` returns (the JSON contract of `spotctl suggest --json`) and the
 * constants its rules come from.
 */
import type { InterruptionInfo, TypePriceAnalysis } from '../prices/analyse.js';
import type { ExclusionCode } from './candidates.js';

/** One signal that moved a type down the ranking, in percent of its per-unit price. */
export interface RankFactor {
  id: 'interruption' | 'zones' | 'volatility' | 'size';
  pct: number;
  text: string;
}

/** Why a type is on the list. */
export type TypeRole = 'seed' | 'cheaper' | 'diversity' | 'unpriced';

/** Why a candidate is not. */
export type LeftOutCode =
  | 'previous-generation'
  | 'burstable'
  | 'not-offered'
  | 'on-demand-cap'
  | 'size-cap'
  | 'not-equivalent'
  | 'beyond-max'
  | 'unpriced';

/** Types left out for one reason, as one line. */
export interface LeftOutGroup {
  code: LeftOutCode;
  reason: string;
  instanceTypes: string[];
  /** What made the reason apply to a type, e.g. its price or size. */
  details?: Record<string, string>;
}

/** Karpenter warns when Spot falls back to On-Demand with fewer types than this (instanceTypeFlexibilityThreshold). */
export const ON_DEMAND_FALLBACK_FLOOR = 5;
/** Spot-to-Spot consolidation needs at least this many cheaper types for a 1→1 replacement. */
export const SPOT_TO_SPOT_FLOOR = 15;

/** Larger nodes than this multiple of the largest seed are not suggested, however cheap per unit. */
export const MAX_SIZE_FACTOR = 4;

export type CapacityStrategy = 'spot-and-on-demand' | 'spot' | 'on-demand';
export type PriceUnit = 'gpu' | 'vcpu';

export interface SuggestOptions {
  capacity: CapacityStrategy;
  /** Most suggestions to add beyond the seeds. */
  maxSuggestions: number;
  /** Days of price history behind the analysis (for the volatility factor's wording). */
  days?: number;
  /** Equivalent types kept out before pricing (previous generation, burstable), reported as left out. */
  excluded?: ReadonlyArray<{ instanceType: string; code: ExclusionCode }>;
  /** The vCPUs node size is compared with when there are no seeds (the requirement). */
  baseVcpus?: number;
  /** Per-zone placement scores of the list, by zone name: weigh zone coverage by them. */
  zoneScores?: ReadonlyMap<string, number>;
  /** Keep exactly these additions (a list already scored as a set): only the order may change. */
  members?: readonly string[];
}

export interface SuggestedType {
  instanceType: string;
  /** Given by the user. */
  seed: boolean;
  /** Why it is on the list: a seed, cheaper per unit than the seeds, or added for capacity diversity. */
  role: TypeRole;
  /** 1 = best. Seeds keep their place in the ranking too. */
  rank: number;
  vcpus: number;
  memoryGiB: number;
  gpus: number;
  gpuName?: string;
  spotPrice?: number;
  onDemandPrice?: number;
  /** Spot USD per hour per unit (GPU or vCPU). */
  spotPricePerUnit?: number;
  /** The per-unit price with every ranking factor added: what the list is ordered by. */
  rankedPricePerUnit?: number;
  /** The factors that moved it down, in percent of its price. */
  rankFactors: RankFactor[];
  savingsPct?: number;
  offeredZones: string[];
  /** The Spot Advisor's interruption frequency: the same object `prices` gives. */
  interruption?: InterruptionInfo;
  quotaBucket?: string;
  spotQuotaCode?: string;
  onDemandQuotaCode?: string;
  /** vCPUs this type takes from its quota per unit of work, e.g. 16 per GPU for g4dn.4xlarge. */
  quotaVcpusPerUnit: number;
  reasons: string[];
}

export interface Floor {
  id: 'on-demand-fallback' | 'spot-to-spot-consolidation';
  level: 'warning' | 'info';
  required: number;
  actual: number;
  /** Set when the floor matters only with a Karpenter setting that is off by default. */
  condition?: string;
  message: string;
}

export interface QuotaNote {
  bucket: string;
  spotQuotaCode?: string;
  onDemandQuotaCode?: string;
  instanceTypes: string[];
  minVcpusPerUnit: number;
  maxVcpusPerUnit: number;
  message: string;
}

export interface SuggestResult {
  region: string;
  unit: PriceUnit;
  seeds: string[];
  /** The full broadened list, seeds included, best first. */
  recommended: SuggestedType[];
  /** Candidates considered and left out, each with why. */
  rejected: Array<{ instanceType: string; code: LeftOutCode; reason: string }>;
  /** The same, one entry per reason. */
  leftOut: LeftOutGroup[];
  floors: Floor[];
  quota: QuotaNote[];
  /** Requirement ready to paste into a NodePool's `spec.template.spec.requirements`. */
  requirement: { key: 'node.kubernetes.io/instance-type'; operator: 'In'; values: string[] };
  notes: string[];
}

/** The seeds' view of the market: what a candidate is compared with. */
export interface SeedBaseline {
  unit: PriceUnit;
  seeds: TypePriceAnalysis[];
  /** The most a seed costs per unit: a candidate at or below it is no worse than something accepted. */
  ceiling?: number;
  cheapest?: { type: string; price: number };
  minVcpusPerUnit?: number;
  zones: Set<string>;
}

/** An hourly price in reasons: three significant decimals, four below $0.10. */
export const money = (value: number): string => `$${value < 0.1 ? value.toFixed(4) : value.toFixed(3)}`;
