/**
 * Broaden a NodePool's instance-type list: rank candidates by Spot price per unit of what the workload
 * needs (GPU for GPU workloads, vCPU otherwise), adjusted for interruption frequency, zone coverage, price
 * stability and node size (see rank.ts), and explain each suggestion and each type left out in numbers.
 * Pure: a price analysis and specs in, a new result out.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import type { PriceAnalysis, TypePriceAnalysis } from '../prices/analyse.js';
import { describeType, floors, groupLeftOut, leftOutReason, quotaNotes, sizeCapNote } from './explain.js';
import { perUnit, rankType, type RankContext, type RankInfo, unitCount } from './rank.js';
import {
  type LeftOutCode,
  MAX_SIZE_FACTOR,
  money,
  ON_DEMAND_FALLBACK_FLOOR,
  type PriceUnit,
  type SeedBaseline,
  type SuggestOptions,
  type SuggestResult,
  type TypeRole,
} from './types.js';

export * from './types.js';

const byRank = (a: Ranked, b: Ranked) =>
  a.info.score - b.info.score || a.t.vcpus - b.t.vcpus || a.t.instanceType.localeCompare(b.t.instanceType);

interface Ranked {
  t: TypePriceAnalysis;
  info: RankInfo;
}

/** Rank candidates and seeds into the broadened list. `analysis` must cover seeds and candidates. */
export function suggest(
  analysis: PriceAnalysis,
  seeds: InstanceTypeSpec[],
  candidates: InstanceTypeSpec[],
  options: SuggestOptions,
): SuggestResult {
  const unit: PriceUnit = seeds.some((seed) => seed.gpu) || candidates.every((c) => c.gpu) ? 'gpu' : 'vcpu';
  const byType = new Map(analysis.types.map((t) => [t.instanceType, t]));
  const seedAnalyses = seeds.flatMap((seed) => byType.get(seed.instanceType) ?? []);
  const baseline = seedBaseline(seedAnalyses, unit);
  const seedVcpus = seedAnalyses.map((t) => t.vcpus);
  const maxVcpus = seedVcpus.length > 0 ? MAX_SIZE_FACTOR * Math.max(...seedVcpus) : undefined;
  const ctx: RankContext = {
    unit,
    regionZones: analysis.zones.map((zone) => zone.name),
    measured: !analysis.source.spotPricesDerived,
    days: options.days ?? analysis.window.days,
    baseVcpus: seedVcpus.length > 0 ? Math.max(...seedVcpus) : options.baseVcpus,
    ...(options.zoneScores ? { zoneScores: options.zoneScores } : {}),
  };
  const rank = (t: TypePriceAnalysis): Ranked => ({ t, info: rankType(t, ctx) });

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
  const seedUnits = new Set(seedAnalyses.map((t) => unitCount(t, unit)));
  // Same work per node as a seed: as many GPUs as one of them, at least the smallest seed's vCPUs (the size
  // cap bounds it from above).
  const equivalentShape = (t: TypePriceAnalysis): boolean =>
    seedAnalyses.length === 0 ||
    ((unit !== 'gpu' || seedUnits.has(t.gpus)) && t.vcpus >= Math.min(...seedVcpus));

  const left: Array<{ instanceType: string; code: LeftOutCode; detail?: string }> = (
    options.excluded ?? []
  ).map((e) => ({ instanceType: e.instanceType, code: e.code }));
  // Three tiers: priced at or below what a seed costs per unit (always worth adding); priced above it but
  // of equivalent shape (added, best first, up to --max: Spot capacity needs diversity more than the last
  // cent, and Karpenter launches the cheapest offering that has capacity anyway); unpriced (only to reach
  // the floor, or when nothing has a price at all).
  const cheaper: Ranked[] = [];
  const dearer: Ranked[] = [];
  const unpriced: Ranked[] = [];
  for (const candidate of candidates) {
    const t = byType.get(candidate.instanceType);
    if (!t) continue;
    const price = perUnit(t, unit);
    if (t.offeredZones.length === 0) left.push({ instanceType: t.instanceType, code: 'not-offered' });
    else if (odCap && t.spotPrice !== undefined && t.spotPrice > odCap.price)
      left.push({ instanceType: t.instanceType, code: 'on-demand-cap', detail: money(t.spotPrice) + '/h' });
    else if (maxVcpus !== undefined && t.vcpus > maxVcpus)
      left.push({ instanceType: t.instanceType, code: 'size-cap', detail: `${t.vcpus} vCPU` });
    else if (price !== undefined && (baseline.ceiling === undefined || price <= baseline.ceiling))
      cheaper.push(rank(t));
    else if (!equivalentShape(t)) left.push({ instanceType: t.instanceType, code: 'not-equivalent' });
    else if (price === undefined) unpriced.push(rank(t));
    else dearer.push(rank(t));
  }
  [cheaper, dearer, unpriced].forEach((tier) => tier.sort(byRank));

  const max = options.maxSuggestions;
  const additions: Array<Ranked & { role: TypeRole }> = [];
  const members = options.members ? new Set(options.members) : undefined;
  const nothingPriced = cheaper.length === 0 && dearer.length === 0 && baseline.ceiling === undefined;
  const take = (r: Ranked, role: TypeRole, allowed: boolean): void => {
    const keep = members ? members.has(r.t.instanceType) : allowed && additions.length < max;
    if (keep) additions.push({ ...r, role });
    else {
      const code: LeftOutCode =
        role === 'unpriced' && !members && additions.length < max ? 'unpriced' : 'beyond-max';
      left.push({ instanceType: r.t.instanceType, code, detail: rankDetail(r.info, unit) });
    }
  };
  for (const r of cheaper) take(r, 'cheaper', true);
  for (const r of dearer) take(r, 'diversity', true);
  for (const r of unpriced) {
    take(r, 'unpriced', nothingPriced || seedAnalyses.length + additions.length < ON_DEMAND_FALLBACK_FLOOR);
  }

  const total = seedAnalyses.length + additions.length;
  const firstFill = seedAnalyses.length + additions.filter((a) => a.role === 'cheaper').length;
  const explainCtx = { analysis, baseline, capacity: options.capacity, max, total };
  const described = [...seedAnalyses.map((t) => ({ ...rank(t), role: 'seed' as const })), ...additions]
    .sort(byRank)
    .map((r) => describeType(r.t, r.info, r.role, fillPosition(additions, r, firstFill), explainCtx));
  const recommended = described.map((t, i) => ({ ...t, rank: i + 1 }));

  const rejected = left.map((entry) => ({
    instanceType: entry.instanceType,
    code: entry.code,
    reason: leftOutReason(entry.code, {
      region: analysis.region,
      unit,
      max,
      maxVcpus,
      odCap,
      detail: entry.detail,
    }),
  }));
  const notes = [...analysis.notes];
  const capNote = sizeCapNote(additions.length, max, left, maxVcpus);
  if (capNote) notes.push(capNote);
  return {
    region: analysis.region,
    unit,
    seeds: seeds.map((seed) => seed.instanceType),
    recommended,
    rejected,
    leftOut: groupLeftOut(left, { region: analysis.region, unit, max, maxVcpus, odCap }),
    floors: floors(recommended.length, options.capacity),
    quota: quotaNotes(recommended, unit === 'gpu' ? 'GPU' : 'vCPU'),
    requirement: {
      key: 'node.kubernetes.io/instance-type',
      operator: 'In',
      values: recommended.map((t) => t.instanceType),
    },
    notes,
  };
}

function seedBaseline(seedAnalyses: TypePriceAnalysis[], unit: PriceUnit): SeedBaseline {
  const priced = seedAnalyses.flatMap((t) => {
    const price = perUnit(t, unit);
    return price === undefined ? [] : [{ type: t.instanceType, price }];
  });
  const perUnitVcpus = seedAnalyses.map((t) => t.vcpus / Math.max(1, unitCount(t, unit)));
  return {
    unit,
    seeds: seedAnalyses,
    ...(priced.length > 0 ? { ceiling: Math.max(...priced.map((s) => s.price)) } : {}),
    ...(priced.length > 0 ? { cheapest: [...priced].sort((a, b) => a.price - b.price)[0]! } : {}),
    ...(perUnitVcpus.length > 0 ? { minVcpusPerUnit: Math.min(...perUnitVcpus) } : {}),
    zones: new Set(seedAnalyses.flatMap((t) => t.offeredZones)),
  };
}

/** 1-based place in the list's count of a type added beyond the seeds and the cheaper types. */
function fillPosition(additions: Array<Ranked & { role: TypeRole }>, r: Ranked, firstFill: number): number {
  const fills = additions.filter((a) => a.role !== 'cheaper');
  const index = fills.findIndex((a) => a.t.instanceType === r.t.instanceType);
  return index < 0 ? 0 : firstFill + index + 1;
}

const rankDetail = (info: RankInfo, unit: PriceUnit): string | undefined =>
  info.perUnit === undefined
    ? undefined
    : `ranked as ${money(info.score)}/${unit === 'gpu' ? 'GPU' : 'vCPU'}-h`;
