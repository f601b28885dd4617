/**
 * The ranking: every signal as a percentage added to the Spot price per unit of work, so one number orders
 * the list and each factor that moved a type says by how much. The weights are deliberately small next to
 * price differences — a cheaper type stays ahead unless it is clearly worse on interruptions, zones,
 * stability or node size.
 *
 * - interruption: +3% per Spot Advisor bucket above `<5%` (`>20%` is +12%); unknown counts as the middle
 *   bucket (+6%), so missing data never beats known-good;
 * - zones: +2% per zone of the Region the type is not offered in — with per-zone placement scores, a zone
 *   counts by its score (a zone AWS rates 2/10 for the list matters less than one it rates 9/10);
 * - volatility: the time-weighted coefficient of variation of the measured price over --days, in percent,
 *   at most +10% (estimated prices have no history and add nothing);
 * - size: +2% per doubling of vCPUs above the largest seed (or the requirement): a bigger node loses more
 *   pods per interruption and packs small pods worse.
 */
import type { TypePriceAnalysis } from '../prices/analyse.js';
import type { PriceUnit, RankFactor } from './types.js';

export type { RankFactor } from './types.js';

export interface RankInfo {
  /** Spot USD per hour per unit, when priced. */
  perUnit?: number;
  /** perUnit × (1 + Σ pct / 100); unpriced types rank after every priced one. */
  score: number;
  /** The factors that added something, largest first. */
  factors: RankFactor[];
}

export interface RankContext {
  unit: PriceUnit;
  /** Zone names of the Region. */
  regionZones: string[];
  /** Whether prices are measured history (volatility means something). */
  measured: boolean;
  days: number;
  /** vCPUs of the largest seed, or the requirement's; nodes above it pay the size factor. */
  baseVcpus?: number;
  /** Per-zone placement scores of the list, by zone name. */
  zoneScores?: ReadonlyMap<string, number>;
}

export const INTERRUPTION_PCT_PER_BUCKET = 3;
export const UNKNOWN_INTERRUPTION_BUCKET = 2;
export const MISSING_ZONE_PCT = 2;
export const MAX_VOLATILITY_PCT = 10;
export const SIZE_PCT_PER_DOUBLING = 2;

const round1 = (value: number): number => Math.round(value * 10) / 10;

export const unitCount = (t: TypePriceAnalysis, unit: PriceUnit): number =>
  unit === 'gpu' ? t.gpus : t.vcpus;

export const perUnit = (t: TypePriceAnalysis, unit: PriceUnit): number | undefined =>
  t.spotPrice === undefined || unitCount(t, unit) === 0 ? undefined : t.spotPrice / unitCount(t, unit);

function interruptionFactor(t: TypePriceAnalysis): RankFactor | undefined {
  if (!t.interruption) {
    const pct = INTERRUPTION_PCT_PER_BUCKET * UNKNOWN_INTERRUPTION_BUCKET;
    return { id: 'interruption', pct, text: `+${pct}% interruption frequency unknown` };
  }
  const pct = INTERRUPTION_PCT_PER_BUCKET * t.interruption.bucket;
  return pct > 0
    ? { id: 'interruption', pct, text: `+${pct}% interruption ${t.interruption.label}` }
    : undefined;
}

function zonesFactor(t: TypePriceAnalysis, ctx: RankContext): RankFactor | undefined {
  const offered = new Set(t.offeredZones);
  const missing = ctx.regionZones.filter((zone) => !offered.has(zone));
  if (missing.length === 0) return undefined;
  if (ctx.zoneScores && ctx.zoneScores.size > 0) {
    const weight = missing.reduce((sum, zone) => sum + (ctx.zoneScores!.get(zone) ?? 0) / 10, 0);
    const pct = round1(MISSING_ZONE_PCT * weight);
    if (pct === 0) return undefined;
    const rated = missing.map((zone) => `${zone} ${ctx.zoneScores!.get(zone) ?? '?'}/10`).join(', ');
    return { id: 'zones', pct, text: `+${pct}% not offered in ${rated} (placement score of the list there)` };
  }
  const pct = MISSING_ZONE_PCT * missing.length;
  return {
    id: 'zones',
    pct,
    text: `+${pct}% offered in ${t.offeredZones.length}/${ctx.regionZones.length} zones`,
  };
}

/** Mean volatility over the zones with prices, as a fraction. */
export const typeVolatility = (t: TypePriceAnalysis): number | undefined =>
  t.zones.length === 0 ? undefined : t.zones.reduce((sum, z) => sum + z.volatility, 0) / t.zones.length;

function volatilityFactor(t: TypePriceAnalysis, ctx: RankContext): RankFactor | undefined {
  if (!ctx.measured) return undefined;
  const volatility = typeVolatility(t);
  if (volatility === undefined) return undefined;
  const pct = Math.min(MAX_VOLATILITY_PCT, round1(volatility * 100));
  return pct > 0
    ? {
        id: 'volatility',
        pct,
        text: `+${pct}% price varied ±${round1(volatility * 100)}% over ${ctx.days} days`,
      }
    : undefined;
}

function sizeFactor(t: TypePriceAnalysis, ctx: RankContext): RankFactor | undefined {
  if (!ctx.baseVcpus || t.vcpus <= ctx.baseVcpus) return undefined;
  const ratio = t.vcpus / ctx.baseVcpus;
  const pct = round1(SIZE_PCT_PER_DOUBLING * Math.log2(ratio));
  return pct > 0
    ? { id: 'size', pct, text: `+${pct}% node ${round1(ratio)}× the vCPUs of the largest seed` }
    : undefined;
}

/** Rank one type: its per-unit price and every factor that adds to it. */
export function rankType(t: TypePriceAnalysis, ctx: RankContext): RankInfo {
  const factors = [
    interruptionFactor(t),
    zonesFactor(t, ctx),
    volatilityFactor(t, ctx),
    sizeFactor(t, ctx),
  ].filter((f): f is RankFactor => f !== undefined);
  factors.sort((a, b) => b.pct - a.pct);
  const price = perUnit(t, ctx.unit);
  const total = factors.reduce((sum, f) => sum + f.pct, 0);
  return {
    ...(price !== undefined ? { perUnit: price } : {}),
    // Unpriced types keep an order among themselves by their factors.
    score: price !== undefined ? price * (1 + total / 100) : 1e9 * (1 + total / 100),
    factors,
  };
}

/** `ranked as $0.2224/GPU-h: $0.2022 +6% interruption …, +4% node 4× …`, or the factors of an unpriced type. */
export function rankReason(info: RankInfo, unitName: string, money: (v: number) => string): string {
  const factors = info.factors.map((f) => f.text).join(', ');
  if (info.perUnit === undefined) return factors ? `ranked by ${factors}` : 'ranked last: no price';
  if (!factors) return `ranked at ${money(info.perUnit)}/${unitName}-h: no factor added to its price`;
  return `ranked as ${money(info.score)}/${unitName}-h: ${money(info.perUnit)} ${factors}`;
}
