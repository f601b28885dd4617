/**
 * Broaden a NodePool's instance-type list: rank candidates by Spot price per unit of what the workload
 * needs (GPU for GPU workloads, vCPU otherwise), interruption frequency and zone coverage, and explain each
 * suggestion in numbers. Pure: a RegionView and specs in, a new result out.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import type { PriceAnalysis, TypePriceAnalysis } from '../prices/analyse.js';
import { quotaBucketFor } from '../quota/buckets.js';

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
}

export interface SuggestedType {
  instanceType: string;
  /** Given by the user. */
  seed: boolean;
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
  savingsPct?: number;
  offeredZones: string[];
  interruption?: string;
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
  /** Candidates considered and left out, with why. */
  rejected: Array<{ instanceType: string; reason: string }>;
  floors: Floor[];
  quota: QuotaNote[];
  /** Requirement ready to paste into a NodePool's `spec.template.spec.requirements`. */
  requirement: { key: 'node.kubernetes.io/instance-type'; operator: 'In'; values: string[] };
  notes: string[];
}

const money = (value: number): string => `$${value < 0.1 ? value.toFixed(4) : value.toFixed(3)}`;
const unitCount = (t: TypePriceAnalysis, unit: PriceUnit): number => (unit === 'gpu' ? t.gpus : t.vcpus);
const perUnit = (t: TypePriceAnalysis, unit: PriceUnit): number | undefined =>
  t.spotPrice === undefined || unitCount(t, unit) === 0 ? undefined : t.spotPrice / unitCount(t, unit);

/** Rank candidates and seeds into the broadened list. `analysis` must cover seeds and candidates. */
export function suggest(
  analysis: PriceAnalysis,
  seeds: InstanceTypeSpec[],
  candidates: InstanceTypeSpec[],
  options: SuggestOptions,
): SuggestResult {
  const unit: PriceUnit = seeds.some((seed) => seed.gpu) || candidates.every((c) => c.gpu) ? 'gpu' : 'vcpu';
  const unitName = unit === 'gpu' ? 'GPU' : 'vCPU';
  const byType = new Map(analysis.types.map((t) => [t.instanceType, t]));
  const seedAnalyses = seeds.flatMap((seed) => byType.get(seed.instanceType) ?? []);
  const seedZones = new Set(seedAnalyses.flatMap((t) => t.offeredZones));
  const regionZones = analysis.zones.length;

  // The most a seed costs per unit: a candidate at or below it is no worse than something already accepted.
  const seedPerUnit = seedAnalyses.flatMap((t) => {
    const price = perUnit(t, unit);
    return price === undefined ? [] : [{ type: t.instanceType, price }];
  });
  const ceiling = seedPerUnit.length > 0 ? Math.max(...seedPerUnit.map((s) => s.price)) : undefined;
  const cheapestSeed = seedPerUnit.sort((a, b) => a.price - b.price)[0];
  const seedVcpusPerUnit = seedAnalyses.map((t) => t.vcpus / Math.max(1, unitCount(t, unit)));
  const minSeedVcpusPerUnit = seedVcpusPerUnit.length > 0 ? Math.min(...seedVcpusPerUnit) : undefined;

  const rejected: SuggestResult['rejected'] = [];
  const seedUnits = new Set(seedAnalyses.map((t) => unitCount(t, unit)));
  const seedVcpus = seedAnalyses.map((t) => t.vcpus);
  // Same work per node as a seed: as many GPUs as one of them, at least the smallest seed's vCPUs (the size
  // cap below bounds it from above).
  const equivalentShape = (t: TypePriceAnalysis): boolean =>
    seedAnalyses.length === 0 ||
    ((unit !== 'gpu' || seedUnits.has(t.gpus)) && t.vcpus >= Math.min(...seedVcpus));
  const byScore = (a: TypePriceAnalysis, b: TypePriceAnalysis) =>
    (perUnit(a, unit) ?? Number.POSITIVE_INFINITY) - (perUnit(b, unit) ?? Number.POSITIVE_INFINITY) ||
    (a.interruption?.bucket ?? 5) - (b.interruption?.bucket ?? 5) ||
    b.offeredZones.length - a.offeredZones.length ||
    a.vcpus - b.vcpus ||
    a.instanceType.localeCompare(b.instanceType);

  // Three tiers: (A) priced at or below what a seed costs per unit — always worth adding; (C) priced above it
  // but of equivalent shape — added only to reach Karpenter's 5-type floor, because Spot capacity needs
  // diversity more than the last cent; (B) equivalent shape without price data — added to reach the floor,
  // or all of them when nothing has a price at all.
  // Karpenter's SpotOfferingFilter (v0.24+): when a pool allows Spot and On-Demand, Spot offerings priced
  // above the cheapest compatible On-Demand offering are never launched — suggesting them is pointless.
  const odCap =
    options.capacity === 'spot-and-on-demand'
      ? seedAnalyses
          .flatMap((t) =>
            t.onDemandPrice === undefined ? [] : [{ type: t.instanceType, price: t.onDemandPrice }],
          )
          .sort((a, b) => a.price - b.price)[0]
      : undefined;
  const atOrBelow: TypePriceAnalysis[] = [];
  const dearer: TypePriceAnalysis[] = [];
  const unpriced: TypePriceAnalysis[] = [];
  for (const candidate of candidates) {
    const t = byType.get(candidate.instanceType);
    if (!t) continue;
    if (t.offeredZones.length === 0) {
      rejected.push({ instanceType: t.instanceType, reason: `not offered in ${analysis.region}` });
      continue;
    }
    const price = perUnit(t, unit);
    if (odCap && t.spotPrice !== undefined && t.spotPrice > odCap.price) {
      rejected.push({
        instanceType: t.instanceType,
        reason: `Spot ${money(t.spotPrice)}/h is above ${odCap.type}'s On-Demand ${money(odCap.price)}/h: with both capacity types allowed, Karpenter drops Spot offerings priced above the cheapest On-Demand one`,
      });
    } else if (seedVcpus.length > 0 && t.vcpus > MAX_SIZE_FACTOR * Math.max(...seedVcpus)) {
      rejected.push({
        instanceType: t.instanceType,
        reason: `${t.vcpus} vCPU is more than ${MAX_SIZE_FACTOR}× the largest seed: too few, too big nodes`,
      });
    } else if (price !== undefined && (ceiling === undefined || price <= ceiling)) atOrBelow.push(t);
    else if (!equivalentShape(t)) rejected.push({ instanceType: t.instanceType, reason: shapeReason(t) });
    else if (price === undefined) unpriced.push(t);
    else dearer.push(t);
  }

  const floorTarget = Math.max(0, ON_DEMAND_FALLBACK_FLOOR - seedAnalyses.length);
  const additions = atOrBelow.sort(byScore).slice(0, options.maxSuggestions);
  const fill = new Set<string>();
  for (const t of [...dearer.sort(byScore), ...unpriced.sort(byScore)]) {
    const nothingPriced = atOrBelow.length === 0 && dearer.length === 0;
    const room = additions.length < options.maxSuggestions;
    if (room && (additions.length < floorTarget || (nothingPriced && perUnit(t, unit) === undefined))) {
      additions.push(t);
      fill.add(t.instanceType);
    } else {
      rejected.push({
        instanceType: t.instanceType,
        reason:
          perUnit(t, unit) !== undefined && ceiling !== undefined
            ? `Spot ${money(perUnit(t, unit)!)}/${unitName}-h is above the seeds' ${money(ceiling)}/${unitName}-h`
            : room
              ? 'no Spot price data, and the list already meets the 5-type floor'
              : `beyond --max ${options.maxSuggestions}`,
      });
    }
  }
  for (const t of atOrBelow.slice(options.maxSuggestions)) {
    rejected.push({ instanceType: t.instanceType, reason: `beyond --max ${options.maxSuggestions}` });
  }

  const describe = (t: TypePriceAnalysis, seed: boolean): SuggestedType => {
    const bucket = quotaBucketFor(t.instanceType);
    const units = Math.max(1, unitCount(t, unit));
    const price = perUnit(t, unit);
    const reasons: string[] = [];
    if (seed) reasons.push('seed (given with --types)');
    if (fill.has(t.instanceType)) {
      reasons.push(
        `added to reach ${ON_DEMAND_FALLBACK_FLOOR} types: equivalent shape in another Spot capacity pool${price === undefined ? ' (unpriced)' : ''}`,
      );
    }
    if (price !== undefined) {
      const versus =
        !seed && cheapestSeed
          ? price === cheapestSeed.price
            ? `, the same per ${unitName} as ${cheapestSeed.type}`
            : price < cheapestSeed.price
              ? `, ${Math.round((1 - price / cheapestSeed.price) * 100)}% below ${cheapestSeed.type} (${money(cheapestSeed.price)}/${unitName}-h)`
              : price <= ceiling!
                ? `, within the seeds' range (up to ${money(ceiling!)}/${unitName}-h)`
                : `, ${Math.round((price / cheapestSeed.price - 1) * 100)}% above ${cheapestSeed.type} per ${unitName}`
          : '';
      reasons.push(
        `Spot ${money(t.spotPrice!)}/h = ${money(price)}/${unitName}-h in ${t.cheapestZone}${versus}`,
      );
    } else {
      reasons.push(`no Spot price data in ${analysis.region}`);
    }
    if (t.savingsPct !== undefined)
      reasons.push(`${t.savingsPct}% below On-Demand (${money(t.onDemandPrice!)}/h)`);
    const extraZones = t.offeredZones.filter((zone) => !seedZones.has(zone));
    reasons.push(
      `offered in ${t.offeredZones.length}/${regionZones} zones` +
        (!seed && extraZones.length > 0 ? ` (adds ${extraZones.join(', ')})` : ''),
    );
    if (t.interruption) reasons.push(`interruption ${t.interruption.label} (Spot Advisor)`);
    if (!seed && t.gpuName) {
      const seedGpu = seedAnalyses.find((s) => s.gpuName)?.gpuName;
      reasons.push(
        seedGpu === t.gpuName ? `same ${t.gpuName} GPU` : `${t.gpuName} GPU (seeds: ${seedGpu ?? 'none'})`,
      );
    }
    const quotaPerUnit = t.vcpus / units;
    if (!seed && minSeedVcpusPerUnit !== undefined && quotaPerUnit > minSeedVcpusPerUnit) {
      reasons.push(
        `uses ${t.vcpus} vCPU of the ${bucket?.label ?? 'instance'} quota per node — ${round1(quotaPerUnit / minSeedVcpusPerUnit)}× the seeds per ${unitName}`,
      );
    }
    return {
      instanceType: t.instanceType,
      seed,
      rank: 0,
      vcpus: t.vcpus,
      memoryGiB: t.memoryGiB,
      gpus: t.gpus,
      ...(t.gpuName ? { gpuName: t.gpuName } : {}),
      ...(t.spotPrice !== undefined ? { spotPrice: t.spotPrice } : {}),
      ...(t.onDemandPrice !== undefined ? { onDemandPrice: t.onDemandPrice } : {}),
      ...(price !== undefined ? { spotPricePerUnit: Number(price.toFixed(5)) } : {}),
      ...(t.savingsPct !== undefined ? { savingsPct: t.savingsPct } : {}),
      offeredZones: t.offeredZones,
      ...(t.interruption ? { interruption: t.interruption.label } : {}),
      ...(bucket ? { quotaBucket: bucket.id } : {}),
      ...(bucket?.spot ? { spotQuotaCode: bucket.spot.code } : {}),
      ...(bucket?.onDemand ? { onDemandQuotaCode: bucket.onDemand.code } : {}),
      quotaVcpusPerUnit: quotaPerUnit,
      reasons,
    };
  };

  const recommended = [
    ...seedAnalyses.map((t) => describe(t, true)),
    ...additions.map((t) => describe(t, false)),
  ]
    .sort(
      (a, b) =>
        (a.spotPricePerUnit ?? Number.POSITIVE_INFINITY) - (b.spotPricePerUnit ?? Number.POSITIVE_INFINITY) ||
        Number(b.seed) - Number(a.seed) ||
        a.vcpus - b.vcpus,
    )
    .map((t, i) => ({ ...t, rank: i + 1 }));

  return {
    region: analysis.region,
    unit,
    seeds: seeds.map((seed) => seed.instanceType),
    recommended,
    rejected,
    floors: floors(recommended.length, options.capacity),
    quota: quotaNotes(recommended, unitName),
    requirement: {
      key: 'node.kubernetes.io/instance-type',
      operator: 'In',
      values: recommended.map((t) => t.instanceType),
    },
    notes: analysis.notes,
  };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

const shapeReason = (t: TypePriceAnalysis): string =>
  `not an equivalent shape (${t.vcpus} vCPU${t.gpus > 0 ? `, ${t.gpus} GPU` : ''}) and not cheaper per unit`;

function floors(count: number, capacity: CapacityStrategy): Floor[] {
  const result: Floor[] = [];
  if (capacity === 'spot-and-on-demand' && count < ON_DEMAND_FALLBACK_FLOOR) {
    result.push({
      id: 'on-demand-fallback',
      level: 'warning',
      required: ON_DEMAND_FALLBACK_FLOOR,
      actual: count,
      message: `${count} instance type(s): Karpenter recommends at least ${ON_DEMAND_FALLBACK_FLOOR} when Spot may fall back to On-Demand, and logs a warning on every such launch.`,
    });
  }
  if (capacity !== 'on-demand' && count < SPOT_TO_SPOT_FLOOR) {
    result.push({
      id: 'spot-to-spot-consolidation',
      level: 'info',
      required: SPOT_TO_SPOT_FLOOR,
      actual: count,
      message: `${count} instance type(s): Spot-to-Spot consolidation needs at least ${SPOT_TO_SPOT_FLOOR} cheaper types to replace a Spot node, so it will not consolidate these nodes onto other Spot types.`,
    });
  }
  return result;
}

function quotaNotes(types: SuggestedType[], unitName: string): QuotaNote[] {
  const byBucket = new Map<string, SuggestedType[]>();
  for (const t of types) {
    const key = t.quotaBucket ?? 'none';
    byBucket.set(key, [...(byBucket.get(key) ?? []), t]);
  }
  return [...byBucket.entries()]
    .filter(([bucket]) => bucket !== 'none')
    .map(([bucket, members]) => {
      const perUnit = members.map((t) => t.quotaVcpusPerUnit);
      const min = Math.min(...perUnit);
      const max = Math.max(...perUnit);
      const first = members[0]!;
      const spread =
        max > min
          ? ` A node of ${members.find((t) => t.quotaVcpusPerUnit === max)!.instanceType} takes ${max} vCPU per ${unitName} against ${min} for ${members.find((t) => t.quotaVcpusPerUnit === min)!.instanceType}: a cheaper larger size can hit MaxSpotInstanceCountExceeded ${round1(max / min)}× sooner.`
          : '';
      return {
        bucket,
        ...(first.spotQuotaCode ? { spotQuotaCode: first.spotQuotaCode } : {}),
        ...(first.onDemandQuotaCode ? { onDemandQuotaCode: first.onDemandQuotaCode } : {}),
        instanceTypes: members.map((t) => t.instanceType),
        minVcpusPerUnit: min,
        maxVcpusPerUnit: max,
        message: `Quotas count vCPUs: Spot ${first.spotQuotaCode ?? 'n/a'}, On-Demand ${first.onDemandQuotaCode ?? 'n/a'}.${spread}`,
      };
    });
}
