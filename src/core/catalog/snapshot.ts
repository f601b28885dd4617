/**
 * The snapshot file format (schema version 1) and a Catalog over it.
 *
 * A snapshot is one JSON object:
 *   { kind: 'spotctl-snapshot', schemaVersion: 1, generatedAt, generator, sources[],
 *     instanceTypes: { <type>: InstanceTypeSpec },
 *     regions: { <region>: { zones[], offerings{type: zone[]}, spotPrices{type: point[]},
 *                            onDemandPrices{type: usd}, spotAdvisor{type: {interruptionBucket, savingsPct}},
 *                            notes[] } } }
 * Spot price points carry `derived: true` when they are estimates (On-Demand × (1 − Advisor savings))
 * rather than measured DescribeSpotPriceHistory records.
 */
import { inputError } from '../errors.js';
import { printable } from '../format/printable.js';
import { familyCategory } from './family.js';
import type {
  Catalog,
  CatalogInfo,
  CatalogSourceKind,
  InstanceTypeSpec,
  PriceWindow,
  RegionView,
  SpotAdvisorEntry,
  SpotPricePoint,
  TypeQuery,
  ZoneInfo,
} from './types.js';

export const SNAPSHOT_KIND = 'spotctl-snapshot';
export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface SnapshotPricePoint {
  zone: string;
  price: number;
  timestamp: string;
  derived?: boolean;
}

export interface SnapshotRegion {
  zones: ZoneInfo[];
  offerings: Record<string, string[]>;
  spotPrices: Record<string, SnapshotPricePoint[]>;
  onDemandPrices: Record<string, number>;
  spotAdvisor: Record<string, SpotAdvisorEntry>;
  notes: string[];
}

export interface Snapshot {
  kind: typeof SNAPSHOT_KIND;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  generatedAt: string;
  generator: string;
  sources: string[];
  instanceTypes: Record<string, InstanceTypeSpec>;
  regions: Record<string, SnapshotRegion>;
}

/** JSON has no Infinity, but `1e999` parses to it: a price or size must be a finite number ≥ 0. */
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parse and validate snapshot JSON. Errors name the file and the first offending path so a hand-edited
 * or truncated snapshot is easy to fix.
 */
export function parseSnapshot(text: string, label: string): Snapshot {
  const fail = (where: string, what: string) =>
    inputError('MALFORMED_SNAPSHOT', `${label}: ${where ? `${where}: ` : ''}${what}`, {
      suggestions: [
        'Recreate it with `spotctl snapshot --region <region> --output-file <file>`, or drop --snapshot to use the bundled data.',
      ],
    });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8 quotes the offending input in its message: keep it to one inert line.
    const reason = printable((error as Error).message.replace(/\s+/g, ' ')).slice(0, 200);
    throw fail('', `not valid JSON (${reason})`);
  }
  if (!isObject(data)) throw fail('', 'expected a JSON object');
  if (data.kind !== SNAPSHOT_KIND) throw fail('kind', `expected "${SNAPSHOT_KIND}"`);
  if (data.schemaVersion !== SNAPSHOT_SCHEMA_VERSION)
    throw fail(
      'schemaVersion',
      `unsupported version ${JSON.stringify(data.schemaVersion)} (this spotctl reads 1)`,
    );
  if (typeof data.generatedAt !== 'string' || Number.isNaN(Date.parse(data.generatedAt)))
    throw fail('generatedAt', 'expected an ISO 8601 date');
  if (!isObject(data.instanceTypes)) throw fail('instanceTypes', 'expected an object');
  for (const [name, spec] of Object.entries(data.instanceTypes)) {
    if (!isObject(spec) || !isCount(spec.vcpus) || !isCount(spec.memoryMiB))
      throw fail(`instanceTypes.${name}`, 'expected vcpus and memoryMiB numbers (finite, ≥ 0)');
    if (!Array.isArray(spec.architectures))
      throw fail(`instanceTypes.${name}.architectures`, 'expected an array');
  }
  if (!isObject(data.regions)) throw fail('regions', 'expected an object');
  for (const [region, view] of Object.entries(data.regions)) {
    const at = `regions.${region}`;
    if (!isObject(view)) throw fail(at, 'expected an object');
    if (!Array.isArray(view.zones)) throw fail(`${at}.zones`, 'expected an array');
    for (const key of ['offerings', 'spotPrices', 'onDemandPrices', 'spotAdvisor'] as const) {
      if (!isObject(view[key])) throw fail(`${at}.${key}`, 'expected an object');
    }
    for (const [type, points] of Object.entries(view.spotPrices as Record<string, unknown>)) {
      if (!Array.isArray(points)) throw fail(`${at}.spotPrices.${type}`, 'expected an array');
      points.forEach((point, i) => {
        if (!isObject(point) || !isCount(point.price) || typeof point.zone !== 'string')
          throw fail(
            `${at}.spotPrices.${type}[${i}]`,
            'expected {zone, price, timestamp} with a finite price ≥ 0',
          );
      });
    }
    for (const [type, price] of Object.entries(view.onDemandPrices as Record<string, unknown>))
      if (!isCount(price)) throw fail(`${at}.onDemandPrices.${type}`, 'expected a finite price ≥ 0');
    if (!Array.isArray(view.notes)) view.notes = [];
  }
  return {
    ...(data as unknown as Snapshot),
    generator: typeof data.generator === 'string' ? data.generator : 'unknown',
    sources: Array.isArray(data.sources) ? (data.sources as string[]) : [],
  };
}

/** Catalog answering from a parsed snapshot. */
export class SnapshotCatalog implements Catalog {
  readonly info: CatalogInfo;

  constructor(
    private readonly snapshot: Snapshot,
    kind: Extract<CatalogSourceKind, 'snapshot' | 'bundled'>,
    label: string,
  ) {
    const derived = Object.values(snapshot.regions).some((region) =>
      Object.values(region.spotPrices).some((points) => points.some((point) => point.derived)),
    );
    const date = snapshot.generatedAt.slice(0, 10);
    this.info = {
      kind,
      description: kind === 'bundled' ? `bundled data from ${date}` : `snapshot ${label} from ${date}`,
      generatedAt: snapshot.generatedAt,
      spotPricesDerived: derived,
    };
  }

  async regions(): Promise<string[]> {
    return Object.keys(this.snapshot.regions).sort();
  }

  async instanceTypes(query: TypeQuery): Promise<InstanceTypeSpec[]> {
    const all = Object.values(this.snapshot.instanceTypes);
    const names = query.types ? new Set(query.types) : undefined;
    const families = query.families ? new Set(query.families) : undefined;
    const categories = query.categories ? new Set(query.categories) : undefined;
    if (!names && !families && !categories) return all;
    return all.filter(
      (spec) =>
        (names?.has(spec.instanceType) ?? false) ||
        (families?.has(spec.family) ?? false) ||
        (categories?.has(familyCategory(spec.family)) ?? false),
    );
  }

  async regionView(region: string, instanceTypes: string[], window: PriceWindow): Promise<RegionView> {
    const data = this.snapshot.regions[region];
    if (!data) {
      const known = Object.keys(this.snapshot.regions).sort().join(', ');
      throw inputError(
        'REGION_NOT_IN_SNAPSHOT',
        `${this.info.description} has no data for region ${region}`,
        {
          suggestions: [
            `Use one of: ${known}; or capture it with \`spotctl snapshot --region ${region} --output FILE\` and pass --snapshot FILE.`,
          ],
        },
      );
    }
    const wanted = new Set(instanceTypes);
    const pick = <T>(record: Record<string, T>): Record<string, T> =>
      Object.fromEntries(Object.entries(record).filter(([type]) => wanted.has(type)));
    return {
      region,
      info: this.info,
      zones: data.zones,
      types: instanceTypes.flatMap((type) => this.snapshot.instanceTypes[type] ?? []),
      offerings: pick(data.offerings),
      spotPrices: instanceTypes.flatMap((type) => pricesInWindow(type, data.spotPrices[type] ?? [], window)),
      onDemandPrices: pick(data.onDemandPrices),
      spotAdvisor: pick(data.spotAdvisor),
      notes: [...data.notes],
    };
  }
}

/**
 * The points inside the window, plus for each zone the latest point before it — Spot prices change
 * rarely, so the price in force at the window's start is part of the window.
 */
function pricesInWindow(
  instanceType: string,
  points: SnapshotPricePoint[],
  window: PriceWindow,
): SpotPricePoint[] {
  const start = window.start.getTime();
  const end = window.end.getTime();
  const before = new Map<string, SnapshotPricePoint>();
  const inside: SnapshotPricePoint[] = [];
  for (const point of points) {
    const t = Date.parse(point.timestamp);
    if (t > end) continue;
    if (t >= start) inside.push(point);
    else if (!before.has(point.zone) || Date.parse(before.get(point.zone)!.timestamp) < t)
      before.set(point.zone, point);
  }
  return [...before.values(), ...inside].map(({ zone, price, timestamp }) => ({
    instanceType,
    zone,
    price,
    timestamp,
  }));
}
