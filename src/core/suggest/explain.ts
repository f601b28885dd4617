/**
 * The words of a suggestion: why each type is on the list (in numbers), why each candidate is not (one
 * line per reason), Karpenter's floors and the quota cost. Everything said here is derived from the final
 * list, so a reason can never contradict it.
 */
import type { PriceAnalysis, TypePriceAnalysis } from '../prices/analyse.js';
import { quotaBucketFor } from '../quota/buckets.js';
import { rankReason, type RankInfo, unitCount } from './rank.js';
import {
  type CapacityStrategy,
  type Floor,
  type LeftOutCode,
  type LeftOutGroup,
  MAX_SIZE_FACTOR,
  money,
  ON_DEMAND_FALLBACK_FLOOR,
  type PriceUnit,
  type QuotaNote,
  type SeedBaseline,
  SPOT_TO_SPOT_FLOOR,
  type SuggestedType,
  type TypeRole,
} from './types.js';

const round1 = (value: number): number => Math.round(value * 10) / 10;
const unitNameOf = (unit: PriceUnit): string => (unit === 'gpu' ? 'GPU' : 'vCPU');

export interface ExplainContext {
  analysis: PriceAnalysis;
  baseline: SeedBaseline;
  capacity: CapacityStrategy;
  max: number;
  /** Types on the final list. */
  total: number;
}

/** Why a type added beyond the cheaper ones is there, counted on the final list. */
function fillReason(role: TypeRole, position: number, ctx: ExplainContext): string | undefined {
  if (role !== 'diversity' && role !== 'unpriced') return undefined;
  const unpriced = role === 'unpriced' ? ' (no Spot price data)' : '';
  if (ctx.capacity === 'spot-and-on-demand' && position <= ON_DEMAND_FALLBACK_FLOOR) {
    return ctx.total >= ON_DEMAND_FALLBACK_FLOOR
      ? `added to reach Karpenter's ${ON_DEMAND_FALLBACK_FLOOR}-type floor (type ${position} of ${ON_DEMAND_FALLBACK_FLOOR})${unpriced}`
      : `added toward Karpenter's ${ON_DEMAND_FALLBACK_FLOOR}-type floor, which only ${ctx.total} types reach${unpriced}`;
  }
  return `added for Spot capacity diversity (type ${position} of ${ctx.total}, --max ${ctx.max})${unpriced}`;
}

function versusSeeds(price: number, ctx: ExplainContext, seed: boolean): string {
  const cheapest = ctx.baseline.cheapest;
  const unitName = unitNameOf(ctx.baseline.unit);
  if (seed || !cheapest) return '';
  if (price === cheapest.price) return `, the same per ${unitName} as ${cheapest.type}`;
  if (price < cheapest.price) {
    return `, ${Math.round((1 - price / cheapest.price) * 100)}% below ${cheapest.type} (${money(cheapest.price)}/${unitName}-h)`;
  }
  if (ctx.baseline.ceiling !== undefined && price <= ctx.baseline.ceiling) {
    return `, within the seeds' range (up to ${money(ctx.baseline.ceiling)}/${unitName}-h)`;
  }
  return `, ${Math.round((price / cheapest.price - 1) * 100)}% above ${cheapest.type} per ${unitName}`;
}

/** One type of the list with every reason it is there, in numbers. */
export function describeType(
  t: TypePriceAnalysis,
  info: RankInfo,
  role: TypeRole,
  position: number,
  ctx: ExplainContext,
): SuggestedType {
  const unit = ctx.baseline.unit;
  const unitName = unitNameOf(unit);
  const seed = role === 'seed';
  const bucket = quotaBucketFor(t.instanceType);
  const units = Math.max(1, unitCount(t, unit));
  const price = info.perUnit;
  const reasons: string[] = [];
  if (seed) reasons.push('seed (given with --types)');
  const fill = fillReason(role, position, ctx);
  if (fill) reasons.push(fill);
  if (price !== undefined) {
    reasons.push(
      `Spot ${money(t.spotPrice!)}/h = ${money(price)}/${unitName}-h in ${t.cheapestZone}${versusSeeds(price, ctx, seed)}`,
    );
  } else {
    reasons.push(`no Spot price data in ${ctx.analysis.region}`);
  }
  if (t.savingsPct !== undefined)
    reasons.push(`${t.savingsPct}% below On-Demand (${money(t.onDemandPrice!)}/h)`);
  const extraZones = t.offeredZones.filter((zone) => !ctx.baseline.zones.has(zone));
  reasons.push(
    `offered in ${t.offeredZones.length}/${ctx.analysis.zones.length} zones` +
      (!seed && ctx.baseline.seeds.length > 0 && extraZones.length > 0
        ? ` (adds ${extraZones.join(', ')})`
        : ''),
  );
  if (t.interruption) reasons.push(`interruption ${t.interruption.label} (Spot Advisor)`);
  if (!seed && t.gpuName) {
    const seedGpu = ctx.baseline.seeds.find((s) => s.gpuName)?.gpuName;
    reasons.push(
      seedGpu === t.gpuName ? `same ${t.gpuName} GPU` : `${t.gpuName} GPU (seeds: ${seedGpu ?? 'none'})`,
    );
  }
  const quotaPerUnit = t.vcpus / units;
  const minSeed = ctx.baseline.minVcpusPerUnit;
  if (!seed && minSeed !== undefined && quotaPerUnit > minSeed) {
    reasons.push(
      `uses ${t.vcpus} vCPU of the ${bucket?.label ?? 'instance'} quota per node — ${round1(quotaPerUnit / minSeed)}× the seeds per ${unitName}`,
    );
  }
  reasons.push(rankReason(info, unitName, money));
  return {
    instanceType: t.instanceType,
    seed,
    role,
    rank: 0,
    vcpus: t.vcpus,
    memoryGiB: t.memoryGiB,
    gpus: t.gpus,
    ...(t.gpuName ? { gpuName: t.gpuName } : {}),
    ...(t.spotPrice !== undefined ? { spotPrice: t.spotPrice } : {}),
    ...(t.onDemandPrice !== undefined ? { onDemandPrice: t.onDemandPrice } : {}),
    ...(price !== undefined ? { spotPricePerUnit: Number(price.toFixed(5)) } : {}),
    ...(price !== undefined ? { rankedPricePerUnit: Number(info.score.toFixed(5)) } : {}),
    rankFactors: info.factors,
    ...(t.savingsPct !== undefined ? { savingsPct: t.savingsPct } : {}),
    offeredZones: t.offeredZones,
    ...(t.interruption ? { interruption: t.interruption } : {}),
    ...(bucket ? { quotaBucket: bucket.id } : {}),
    ...(bucket?.spot ? { spotQuotaCode: bucket.spot.code } : {}),
    ...(bucket?.onDemand ? { onDemandQuotaCode: bucket.onDemand.code } : {}),
    quotaVcpusPerUnit: quotaPerUnit,
    reasons,
  };
}

export interface LeftOutContext {
  region: string;
  unit: PriceUnit;
  max: number;
  maxVcpus?: number;
  odCap?: { type: string; price: number };
}

/** The order left-out reasons are listed in: most actionable (a flag away) first. */
const LEFT_OUT_ORDER: LeftOutCode[] = [
  'beyond-max',
  'previous-generation',
  'burstable',
  'size-cap',
  'on-demand-cap',
  'not-equivalent',
  'unpriced',
  'not-offered',
];

/** One reason, said once for every type it applies to. */
export function leftOutText(code: LeftOutCode, ctx: LeftOutContext): string {
  const unitName = unitNameOf(ctx.unit);
  switch (code) {
    case 'previous-generation':
      return 'previous generation (EC2 reports CurrentGeneration false; --include-previous-generation considers them)';
    case 'burstable':
      return 'burstable: CPU credits throttle or bill steady load (--include-burstable considers them)';
    case 'not-offered':
      return `not offered in ${ctx.region}`;
    case 'on-demand-cap':
      return ctx.odCap
        ? `Spot price above ${ctx.odCap.type}'s On-Demand ${money(ctx.odCap.price)}/h: with both capacity types allowed, Karpenter drops Spot offerings priced above the cheapest On-Demand one`
        : 'Spot price above the seeds’ On-Demand price';
    case 'size-cap':
      return `more than ${MAX_SIZE_FACTOR}× the largest seed (over ${ctx.maxVcpus ?? '?'} vCPU): too few, too big nodes`;
    case 'not-equivalent':
      return `not the seeds' shape (${ctx.unit === 'gpu' ? 'another GPU count, or ' : ''}fewer vCPUs than the smallest seed) and not cheaper per ${unitName}`;
    case 'beyond-max':
      return `ranked below the ${ctx.max} types added (--max ${ctx.max})`;
    case 'unpriced':
      return `no Spot price data, and the list already reaches Karpenter's ${ON_DEMAND_FALLBACK_FLOOR}-type floor`;
  }
}

export const leftOutReason = (code: LeftOutCode, ctx: LeftOutContext & { detail?: string }): string =>
  `${leftOutText(code, ctx)}${ctx.detail ? ` (${ctx.detail})` : ''}`;

/** Left-out types grouped by reason, in LEFT_OUT_ORDER, types in the order they were judged. */
export function groupLeftOut(
  left: ReadonlyArray<{ instanceType: string; code: LeftOutCode; detail?: string }>,
  ctx: LeftOutContext,
): LeftOutGroup[] {
  return LEFT_OUT_ORDER.flatMap((code) => {
    const members = left.filter((entry) => entry.code === code);
    if (members.length === 0) return [];
    const details = Object.fromEntries(
      members.flatMap((m) => (m.detail ? [[m.instanceType, m.detail] as const] : [])),
    );
    return [
      {
        code,
        reason: leftOutText(code, ctx),
        instanceTypes: members.map((m) => m.instanceType),
        ...(Object.keys(details).length > 0 ? { details } : {}),
      },
    ];
  });
}

/** When fewer types than --max were added, what stopped the list — the size cap above all. */
export function sizeCapNote(
  added: number,
  max: number,
  left: ReadonlyArray<{ code: LeftOutCode }>,
  maxVcpus: number | undefined,
): string | undefined {
  if (added >= max) return undefined;
  const count = (code: LeftOutCode) => left.filter((entry) => entry.code === code).length;
  const parts = [
    count('size-cap') > 0
      ? `${count('size-cap')} over the size cap (${MAX_SIZE_FACTOR}× the largest seed: ${maxVcpus} vCPU; a larger seed raises it)`
      : '',
    count('previous-generation') > 0
      ? `${count('previous-generation')} previous-generation (--include-previous-generation)`
      : '',
    count('burstable') > 0 ? `${count('burstable')} burstable (--include-burstable)` : '',
    count('on-demand-cap') > 0 ? `${count('on-demand-cap')} priced above the seeds' On-Demand price` : '',
  ].filter(Boolean);
  const why = parts.length > 0 ? `; left out: ${parts.join(', ')}` : '';
  return `Added ${added} of --max ${max}: no other equivalent type qualifies${why}.`;
}

export function floors(count: number, capacity: CapacityStrategy): Floor[] {
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
      condition: 'SpotToSpotConsolidation',
      message: `If you enable Spot-to-Spot consolidation (Karpenter feature gate SpotToSpotConsolidation, alpha, off by default; Helm value settings.featureGates.spotToSpotConsolidation): it replaces a Spot node with another Spot node only when at least ${SPOT_TO_SPOT_FLOOR} cheaper types are allowed, so with ${count} types it will not.`,
    });
  }
  return result;
}

export function quotaNotes(types: SuggestedType[], unitName: string): QuotaNote[] {
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
