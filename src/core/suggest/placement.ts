/**
 * Spot placement scores as AWS means them: one GetSpotPlacementScores request rates a whole list of
 * instance types as a set — how likely a fleet over all of them reaches the target capacity, per Region
 * or per Availability Zone. It never rates a type on its own, so spotctl asks once per list, never once
 * per type. AWS also limits how many distinct configurations an account may ask about per day: answers are
 * cached for 24 hours (the cache is a port), the run has a budget of requests, and a denied or exhausted
 * call becomes a note — scores are advice, never a reason to fail.
 */
import {
  AwsCallError,
  type GetSpotPlacementScoresPort,
  type SpotPlacementScoreRecord,
  type TargetCapacityUnitType,
} from '../aws/ports.js';
import type { ZoneInfo } from '../catalog/types.js';

/** Exactly what AWS is asked: two runs with equal configurations share one answer. */
export interface PlacementConfig {
  /** Sorted, without duplicates. */
  instanceTypes: string[];
  targetCapacity: number;
  targetCapacityUnit: TargetCapacityUnitType;
  singleAvailabilityZone: boolean;
  region: string;
}

export type PlacementScore =
  { score: number; region: string } | { score: number; availabilityZoneId: string; zone?: string };

export interface CachedPlacementScores {
  config: PlacementConfig;
  /** ISO 8601. */
  fetchedAt: string;
  records: SpotPlacementScoreRecord[];
}

/** Answers kept between runs, keyed by the exact configuration. */
export interface PlacementScoreCache {
  read(config: PlacementConfig): Promise<CachedPlacementScores | undefined>;
  /** false when the answer could not be kept (the next run asks AWS again). */
  write(entry: CachedPlacementScores): Promise<boolean>;
}

export interface PlacementScoring {
  /** The GetSpotPlacementScores port for a Region, built on first use. */
  port(region: string): Promise<GetSpotPlacementScoresPort>;
  cache?: PlacementScoreCache;
}

/** How a command asks for placement scores; unset fields fall back to 10 instances over the Region. */
export interface PlacementOptions {
  targetCapacity?: number;
  targetCapacityUnit?: TargetCapacityUnitType;
  singleAvailabilityZone?: boolean;
  /** GetSpotPlacementScores requests the run may make (0, 1, or 2 to compare the seeds alone). */
  calls: number;
}

export interface PlacementRequest {
  instanceTypes: string[];
  region: string;
  targetCapacity?: number;
  targetCapacityUnit?: TargetCapacityUnitType;
  singleAvailabilityZone?: boolean;
}

export type PlacementStatus = 'scored' | 'cached' | 'unavailable' | 'skipped';

export interface PlacementOutcome {
  status: PlacementStatus;
  config: PlacementConfig;
  scores: PlacementScore[];
  /** When AWS gave these scores (now, or when the cached answer was fetched). */
  fetchedAt?: string;
  /** Why there are no scores, or what to keep in mind about them. */
  notes: string[];
}

/** How long an answer is reused: AWS counts distinct configurations per 24 hours. */
export const PLACEMENT_CACHE_TTL_MS = 24 * 3_600_000;
/** Instances, when nothing says how big the pool gets. */
export const DEFAULT_TARGET_CAPACITY = 10;
/** AWS rates a list of one or two types (or variants of one type) low whatever the capacity. */
export const MIN_TYPES_FOR_A_FAIR_SCORE = 3;

export const placementConfig = (request: PlacementRequest): PlacementConfig => ({
  instanceTypes: [...new Set(request.instanceTypes)].sort(),
  targetCapacity: request.targetCapacity ?? DEFAULT_TARGET_CAPACITY,
  targetCapacityUnit: request.targetCapacityUnit ?? 'units',
  singleAvailabilityZone: request.singleAvailabilityZone ?? false,
  region: request.region,
});

/** Requests a run may still make; cached answers cost nothing. Shared by every list the run scores. */
export interface PlacementBudget {
  remaining: number;
}

export interface ScoreListDeps {
  scoring: PlacementScoring;
  budget: PlacementBudget;
  now: Date;
  /** The Region's zones, to name the zone IDs AWS answers with. */
  zones: ZoneInfo[];
}

/**
 * The placement score of one list: from the cache when a fresh answer for the same configuration exists,
 * else one request (if the budget allows), kept for 24 hours. AWS failures become notes.
 */
export async function scoreList(request: PlacementRequest, deps: ScoreListDeps): Promise<PlacementOutcome> {
  const config = placementConfig(request);
  const notes: string[] = [];
  if (config.instanceTypes.length === 0) return { status: 'skipped', config, scores: [], notes };
  const cached = await deps.scoring.cache?.read(config);
  if (cached && isFresh(cached, deps.now) && sameConfig(cached.config, config)) {
    return {
      status: 'cached',
      config,
      scores: toScores(cached.records, deps.zones),
      fetchedAt: cached.fetchedAt,
      notes,
    };
  }
  if (deps.budget.remaining <= 0) {
    notes.push('not scored: the run’s GetSpotPlacementScores budget (--placement-calls) is spent');
    return { status: 'skipped', config, scores: [], notes };
  }
  deps.budget.remaining -= 1;
  let records: SpotPlacementScoreRecord[];
  try {
    const port = await deps.scoring.port(config.region);
    records = await port.getSpotPlacementScores({
      InstanceTypes: config.instanceTypes,
      TargetCapacity: config.targetCapacity,
      TargetCapacityUnitType: config.targetCapacityUnit,
      SingleAvailabilityZone: config.singleAvailabilityZone,
      RegionNames: [config.region],
    });
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    return { status: 'unavailable', config, scores: [], notes: [failureNote(error)] };
  }
  const fetchedAt = deps.now.toISOString();
  const kept = await deps.scoring.cache?.write({ config, fetchedAt, records });
  if (kept === false) {
    notes.push('the answer could not be cached: the next run asks AWS again (one more configuration)');
  }
  return { status: 'scored', config, scores: toScores(records, deps.zones), fetchedAt, notes };
}

/** AWS's code when an account asked about too many new configurations within 24 hours. */
export const CONFIG_LIMIT_CODE = 'MaxConfigLimitExceeded';

function failureNote(error: AwsCallError): string {
  if (error.kind === 'access-denied') {
    return `ec2:GetSpotPlacementScores was denied (${error.code}): no Spot placement scores. Allow it to see whether AWS can supply this list.`;
  }
  if (error.code === CONFIG_LIMIT_CODE) {
    return `AWS's daily limit of new Spot placement score configurations is reached (${CONFIG_LIMIT_CODE}): no score for this list. Lists asked about in the last 24 hours still answer (spotctl keeps them for 24 hours); new ones work again within a day.`;
  }
  if (error.kind === 'throttled') {
    return `GetSpotPlacementScores was still throttled after retries (${error.code}): no Spot placement scores this run.`;
  }
  const detail = error.message ? `: ${error.message}` : '';
  return `GetSpotPlacementScores failed (${error.code}${detail}): no Spot placement scores this run.`;
}

const isFresh = (entry: CachedPlacementScores, now: Date): boolean => {
  const age = now.getTime() - Date.parse(entry.fetchedAt);
  return Number.isFinite(age) && age >= 0 && age < PLACEMENT_CACHE_TTL_MS;
};

const sameConfig = (a: PlacementConfig, b: PlacementConfig): boolean =>
  JSON.stringify(placementConfig(a)) === JSON.stringify(b);

/** AWS's records as scores: regional ones by Region, zonal ones by zone ID with the account's zone name. */
export function toScores(records: SpotPlacementScoreRecord[], zones: ZoneInfo[]): PlacementScore[] {
  const nameOf = new Map(zones.flatMap((zone) => (zone.id ? [[zone.id, zone.name] as const] : [])));
  const scores: PlacementScore[] = [];
  for (const record of records) {
    if (typeof record.Score !== 'number') continue;
    if (record.AvailabilityZoneId) {
      const zone = nameOf.get(record.AvailabilityZoneId);
      scores.push({
        score: record.Score,
        availabilityZoneId: record.AvailabilityZoneId,
        ...(zone ? { zone } : {}),
      });
    } else if (record.Region) {
      scores.push({ score: record.Score, region: record.Region });
    }
  }
  const key = (s: PlacementScore) => ('region' in s ? s.region : (s.zone ?? s.availabilityZoneId));
  return scores.sort((a, b) => key(a).localeCompare(key(b)));
}

/** Scores whose zones were named before the Region's zones were known, named now. */
export function nameZones(scores: PlacementScore[], zones: ZoneInfo[]): PlacementScore[] {
  const nameOf = new Map(zones.flatMap((zone) => (zone.id ? [[zone.id, zone.name] as const] : [])));
  return scores.map((s) =>
    'availabilityZoneId' in s && !s.zone && nameOf.has(s.availabilityZoneId)
      ? { ...s, zone: nameOf.get(s.availabilityZoneId)! }
      : s,
  );
}

/** The scores of zones by zone name, for weighing where a type is offered. */
export function zoneScoreMap(scores: PlacementScore[]): Map<string, number> {
  return new Map(
    scores.flatMap((s) => ('availabilityZoneId' in s && s.zone ? [[s.zone, s.score] as const] : [])),
  );
}

/** The one regional score, when the outcome has one. */
export const regionalScore = (outcome: PlacementOutcome | undefined): number | undefined => {
  const found = outcome?.scores.find((s) => 'region' in s);
  return found?.score;
};

export interface PoolLimits {
  /** `limits.cpu`, in vCPUs. */
  cpu?: number;
  /** `limits.memory`, in GiB. */
  memoryGiB?: number;
  /** `limits["nvidia.com/gpu"]`. */
  gpus?: number;
}

/**
 * What to ask AWS for when a NodePool's limits are known: the pool at its limit, in the unit the limit
 * is in (vCPUs or memory are exact; a GPU limit becomes instances of the type with the fewest GPUs, the
 * most nodes it can take). Without limits: DEFAULT_TARGET_CAPACITY instances.
 */
export function targetFromLimits(
  limits: PoolLimits,
  types: ReadonlyArray<{ gpus: number }>,
): { targetCapacity: number; targetCapacityUnit: TargetCapacityUnitType; basis: string } {
  if (limits.cpu !== undefined && limits.cpu > 0) {
    const vcpus = Math.ceil(limits.cpu);
    return { targetCapacity: vcpus, targetCapacityUnit: 'vcpu', basis: `the pool's cpu limit (${vcpus})` };
  }
  if (limits.memoryGiB !== undefined && limits.memoryGiB > 0) {
    return {
      targetCapacity: Math.ceil(limits.memoryGiB * 1024),
      targetCapacityUnit: 'memory-mib',
      basis: `the pool's memory limit (${limits.memoryGiB} GiB)`,
    };
  }
  const fewest = Math.min(...types.map((t) => t.gpus).filter((g) => g > 0));
  if (limits.gpus !== undefined && limits.gpus > 0 && Number.isFinite(fewest)) {
    return {
      targetCapacity: Math.ceil(limits.gpus / fewest),
      targetCapacityUnit: 'units',
      basis: `the pool's GPU limit (${limits.gpus}) in nodes of ${fewest} GPU`,
    };
  }
  return {
    targetCapacity: DEFAULT_TARGET_CAPACITY,
    targetCapacityUnit: 'units',
    basis: `${DEFAULT_TARGET_CAPACITY} instances`,
  };
}

/** What a command reports about placement scores: the list's, and the seeds' alone when compared. */
export interface PlacementReport {
  /** `offline`: bundled or snapshot data, no AWS to ask. */
  status: PlacementStatus | 'offline';
  instanceTypes: string[];
  targetCapacity: number;
  targetCapacityUnit: TargetCapacityUnitType;
  singleAvailabilityZone: boolean;
  region: string;
  fetchedAt?: string;
  /** The seeds alone, scored the same way, when the run could afford it (or had it cached). */
  seeds?: { instanceTypes: string[]; placementScores: PlacementScore[]; fetchedAt?: string };
  notes: string[];
}

export interface RunScoringDeps {
  /** Live AWS behind the catalog: only then are there scores to ask for. */
  live: boolean;
  /** The catalog's description, for the note when it is not live. */
  source: string;
  scoring?: PlacementScoring;
  /** GetSpotPlacementScores requests the run may make: 0 cache only, 1 the list, 2 the seeds too. */
  calls: number;
  now: Date;
  zones: ZoneInfo[];
}

/** Requests needed to compare the seeds with the list as well as score it. */
export const CALLS_TO_COMPARE_SEEDS = 2;

/**
 * Score a run's list, and — when `seeds` differ from it and the run may spend a second request, or the
 * seeds' answer is cached — the seeds alone, so the two can be compared in AWS's own numbers.
 */
export async function scoreRun(
  request: PlacementRequest,
  seeds: string[],
  deps: RunScoringDeps,
): Promise<{ report: PlacementReport; scores: PlacementScore[] }> {
  const config = placementConfig(request);
  const base = {
    instanceTypes: config.instanceTypes,
    targetCapacity: config.targetCapacity,
    targetCapacityUnit: config.targetCapacityUnit,
    singleAvailabilityZone: config.singleAvailabilityZone,
    region: config.region,
  };
  if (!deps.live || !deps.scoring) {
    const note = `Spot placement scores come from live AWS only (ec2:GetSpotPlacementScores): none with ${deps.source}.`;
    return { report: { status: 'offline', ...base, notes: [note] }, scores: [] };
  }
  const budget: PlacementBudget = { remaining: deps.calls };
  const listDeps = { scoring: deps.scoring, budget, now: deps.now, zones: deps.zones };
  const outcome = await scoreList(request, listDeps);
  const notes =
    outcome.status === 'skipped' && deps.calls === 0
      ? ['not scored: --placement-calls 0, and no answer for this list is cached from the last 24 hours']
      : [...outcome.notes];
  if (config.instanceTypes.length < MIN_TYPES_FOR_A_FAIR_SCORE && outcome.scores.length > 0) {
    notes.push(
      `AWS rates lists of fewer than ${MIN_TYPES_FOR_A_FAIR_SCORE} instance types low by design: this score says as much about the list's length as about capacity.`,
    );
  }
  const report: PlacementReport = {
    status: outcome.status,
    ...base,
    ...(outcome.fetchedAt ? { fetchedAt: outcome.fetchedAt } : {}),
    notes,
  };
  const seedConfig = placementConfig({ ...request, instanceTypes: seeds });
  const differs = seeds.length > 0 && seedConfig.instanceTypes.join() !== config.instanceTypes.join();
  if (differs && outcome.scores.length > 0) {
    // A second request only when the user allowed two; a cached answer for the seeds is free.
    const seedBudget: PlacementBudget = {
      remaining: deps.calls >= CALLS_TO_COMPARE_SEEDS ? budget.remaining : 0,
    };
    const seedOutcome = await scoreList(
      { ...request, instanceTypes: seeds },
      { ...listDeps, budget: seedBudget },
    );
    if (seedOutcome.scores.length > 0) {
      report.seeds = {
        instanceTypes: seedOutcome.config.instanceTypes,
        placementScores: seedOutcome.scores,
        ...(seedOutcome.fetchedAt ? { fetchedAt: seedOutcome.fetchedAt } : {}),
      };
    } else if (seedOutcome.status === 'unavailable') {
      notes.push(...seedOutcome.notes.map((note) => `seeds alone: ${note}`));
    }
  }
  return { report, scores: outcome.scores };
}
