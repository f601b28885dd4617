/**
 * Spot price analysis per instance type × zone. Spot prices are a step function — a price holds until the
 * next change — so mean and volatility are time-weighted over the window, and the price in force at the
 * window's start counts from the start.
 */
import {
  INTERRUPTION_LABELS,
  type InstanceTypeSpec,
  type InterruptionBucket,
  type PriceWindow,
  type RegionView,
  type SpotPricePoint,
  type ZoneInfo,
} from '../catalog/types.js';

export interface ZonePriceStats {
  zone: string;
  zoneId?: string;
  /** The price in force at the window's end. */
  latest: number;
  latestAt: string;
  min: number;
  /** Time-weighted mean over the window. */
  mean: number;
  max: number;
  /** Time-weighted coefficient of variation (std / mean); 0 for a flat price. */
  volatility: number;
  /** The step function sampled at evenly spaced times, for a sparkline. */
  trend: number[];
  /** Price changes inside the window. */
  changes: number;
}

export interface InterruptionInfo {
  bucket: InterruptionBucket;
  label: string;
  /** The Advisor's own regional savings estimate. */
  advisorSavingsPct: number;
}

export interface TypePriceAnalysis {
  instanceType: string;
  vcpus: number;
  memoryGiB: number;
  gpus: number;
  gpuName?: string;
  /** Zones of the region where the type is offered. */
  offeredZones: string[];
  onDemandPrice?: number;
  /** Lowest latest Spot price across zones, and where. */
  spotPrice?: number;
  cheapestZone?: string;
  /** Savings of the cheapest latest Spot price against On-Demand, percent. */
  savingsPct?: number;
  spotPerVcpu?: number;
  spotPerGpu?: number;
  spotPerGiB?: number;
  interruption?: InterruptionInfo;
  zones: ZonePriceStats[];
}

export interface PriceAnalysis {
  region: string;
  source: { kind: string; description: string; generatedAt: string; spotPricesDerived: boolean };
  window: { start: string; end: string; days: number };
  zones: ZoneInfo[];
  types: TypePriceAnalysis[];
  notes: string[];
}

const TREND_SAMPLES = 16;
const round = (value: number, digits = 5): number => Number(value.toFixed(digits));

/** Per zone statistics of one type's price points over the window. Points may be in any order. */
export function zoneStats(
  points: SpotPricePoint[],
  window: PriceWindow,
): Omit<ZonePriceStats, 'zone' | 'zoneId'> {
  const sorted = [...points].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const start = window.start.getTime();
  const end = window.end.getTime();
  // Steps as [from, to, price]: each point holds until the next one or the window's end.
  const steps: Array<[number, number, number]> = [];
  sorted.forEach((point, i) => {
    const from = Math.max(Date.parse(point.timestamp), start);
    const next = sorted[i + 1];
    const to = Math.min(next ? Date.parse(next.timestamp) : end, end);
    if (to > from) steps.push([from, to, point.price]);
  });
  const last = sorted[sorted.length - 1]!;
  const total = steps.reduce((sum, [from, to]) => sum + (to - from), 0);
  const prices = steps.length > 0 ? steps.map(([, , price]) => price) : [last.price];
  const mean =
    total > 0 ? steps.reduce((sum, [from, to, price]) => sum + price * (to - from), 0) / total : last.price;
  const variance =
    total > 0
      ? steps.reduce((sum, [from, to, price]) => sum + (price - mean) ** 2 * (to - from), 0) / total
      : 0;
  const priceAt = (t: number): number => {
    let current = sorted[0]!.price;
    for (const point of sorted) {
      if (Date.parse(point.timestamp) <= t) current = point.price;
      else break;
    }
    return current;
  };
  const trend = Array.from({ length: TREND_SAMPLES }, (_, i) =>
    priceAt(start + ((end - start) * i) / (TREND_SAMPLES - 1)),
  );
  return {
    latest: last.price,
    latestAt: last.timestamp,
    min: Math.min(...prices),
    mean: round(mean),
    max: Math.max(...prices),
    volatility: mean > 0 ? round(Math.sqrt(variance) / mean, 4) : 0,
    trend,
    changes: sorted.filter((point) => Date.parse(point.timestamp) > start).length,
  };
}

function analyseType(spec: InstanceTypeSpec, view: RegionView, window: PriceWindow): TypePriceAnalysis {
  const zoneIds = new Map(view.zones.map((zone) => [zone.name, zone.id]));
  const byZone = new Map<string, SpotPricePoint[]>();
  for (const point of view.spotPrices) {
    if (point.instanceType !== spec.instanceType) continue;
    const list = byZone.get(point.zone) ?? [];
    list.push(point);
    byZone.set(point.zone, list);
  }
  const zones: ZonePriceStats[] = [...byZone.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([zone, points]) => ({
      zone,
      ...(zoneIds.get(zone) ? { zoneId: zoneIds.get(zone) } : {}),
      ...zoneStats(points, window),
    }));
  const cheapest = zones.reduce<ZonePriceStats | undefined>(
    (best, zone) => (!best || zone.latest < best.latest ? zone : best),
    undefined,
  );
  const onDemandPrice = view.onDemandPrices[spec.instanceType];
  const gpus = spec.gpu?.count ?? 0;
  const memoryGiB = spec.memoryMiB / 1024;
  const advisor = view.spotAdvisor[spec.instanceType];
  const spot = cheapest?.latest;
  return {
    instanceType: spec.instanceType,
    vcpus: spec.vcpus,
    memoryGiB,
    gpus,
    ...(spec.gpu ? { gpuName: spec.gpu.name } : {}),
    offeredZones: view.offerings[spec.instanceType] ?? [],
    ...(onDemandPrice !== undefined ? { onDemandPrice } : {}),
    ...(spot !== undefined
      ? {
          spotPrice: spot,
          cheapestZone: cheapest!.zone,
          spotPerVcpu: round(spot / spec.vcpus),
          spotPerGiB: round(spot / memoryGiB),
          ...(gpus > 0 ? { spotPerGpu: round(spot / gpus) } : {}),
          ...(onDemandPrice ? { savingsPct: round((1 - spot / onDemandPrice) * 100, 1) } : {}),
        }
      : {}),
    ...(advisor
      ? {
          interruption: {
            bucket: advisor.interruptionBucket,
            label: INTERRUPTION_LABELS[advisor.interruptionBucket],
            advisorSavingsPct: advisor.savingsPct,
          },
        }
      : {}),
    zones,
  };
}

/**
 * Analyse every type of the view over the window: per-zone latest/min/mean/max/volatility/trend, savings
 * against On-Demand, price per vCPU / GPU / GiB, where it is offered and its interruption bucket.
 */
export function analysePrices(view: RegionView, window: PriceWindow): PriceAnalysis {
  const notes = [...view.notes];
  if (view.spotPrices.length === 0 && view.types.length > 0) {
    notes.push(`No Spot price data for these types in ${view.region}.`);
  }
  return {
    region: view.region,
    source: {
      kind: view.info.kind,
      description: view.info.description,
      generatedAt: view.info.generatedAt,
      spotPricesDerived: view.info.spotPricesDerived,
    },
    window: {
      start: window.start.toISOString(),
      end: window.end.toISOString(),
      days: round((window.end.getTime() - window.start.getTime()) / 86_400_000, 2),
    },
    zones: view.zones,
    types: view.types.map((spec) => analyseType(spec, view, window)),
    notes,
  };
}
