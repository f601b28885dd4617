/**
 * From what the user typed to a ranked list: resolve the seeds, find candidates in as few catalog calls as
 * possible (one spec query by category, one region view for seeds and candidates together), analyse, rank.
 */
import { analysePrices, type PriceAnalysis } from '../prices/analyse.js';
import { familyCategory } from '../catalog/family.js';
import { type Catalog, type InstanceTypeSpec, splitInstanceType } from '../catalog/types.js';
import { usageError } from '../errors.js';
import { assertKnownRegion, resolveInstanceTypes } from '../catalog/lookup.js';
import {
  type CandidateOptions,
  type ExclusionCode,
  exclusionOf,
  meetsRequirements,
  type Requirements,
  requirementsFromSeeds,
  selectCandidates,
} from './candidates.js';
import { type CapacityStrategy, MAX_SIZE_FACTOR, suggest, type SuggestResult } from './suggest.js';
import { windowEndingAt } from '../catalog/window.js';

export interface SuggestInput {
  region: string;
  /** Seed instance types; may be empty when requirements are given. */
  types: string[];
  /** Explicit per-node requirements; override what the seeds imply. */
  requirements: Requirements;
  capacity: CapacityStrategy;
  maxSuggestions: number;
  days: number;
  now: Date;
  /** Previous-generation and burstable types, which are out unless asked for. */
  include?: CandidateOptions;
}

/** Most candidates priced in one go: keeps the price-history query to a few pages. */
const CANDIDATE_CAP = 60;

/** The named seeds out of an already fetched pool; anything missing is looked up (and reported) directly. */
async function seedsFrom(
  pool: InstanceTypeSpec[],
  catalog: Catalog,
  names: string[],
): Promise<InstanceTypeSpec[]> {
  const byName = new Map(pool.map((spec) => [spec.instanceType, spec]));
  if (names.every((name) => byName.has(name))) return names.map((name) => byName.get(name)!);
  return resolveInstanceTypes(catalog, names);
}

export interface SuggestOutcome {
  analysis: PriceAnalysis;
  result: SuggestResult;
  /**
   * The same list (no type added or removed: it may have been scored as a set) re-ranked with per-zone
   * placement scores weighing zone coverage.
   */
  reorder(zoneScores: ReadonlyMap<string, number>): SuggestResult;
}

/** Resolve, fetch, analyse and rank. */
export async function planSuggestions(catalog: Catalog, input: SuggestInput): Promise<SuggestOutcome> {
  assertKnownRegion(input.region);
  const hasRequirements = Object.values(input.requirements).some((value) => value !== undefined);
  if (input.types.length === 0 && !hasRequirements) {
    throw usageError('NOTHING_TO_SUGGEST_FROM', 'give seed instance types or requirements', {
      suggestions: [
        'Pass --types g4dn.xlarge, or requirements such as --gpus 1 --gpu-name t4, or --vcpus 4 --memory 16.',
      ],
    });
  }
  // One spec query serves both the seeds and their siblings: a seed's category is in its name.
  const categories = [...new Set(input.types.map((name) => familyCategory(splitInstanceType(name).family)))];
  const pool = await catalog.instanceTypes(categories.length > 0 ? { categories } : {});
  const seeds = await seedsFrom(pool, catalog, input.types);
  const requirements: Requirements = { ...requirementsFromSeeds(seeds), ...defined(input.requirements) };

  const include = input.include ?? {};
  let candidates: InstanceTypeSpec[];
  let excluded: Array<{ instanceType: string; code: ExclusionCode }>;
  let unpriced = 0;
  let baseVcpus: number | undefined;
  if (seeds.length > 0) {
    const maxVcpus = MAX_SIZE_FACTOR * Math.max(...seeds.map((seed) => seed.vcpus));
    const seedFamilies = new Set(seeds.map((seed) => seed.family));
    const selection = selectCandidates(seeds, pool, requirements, include);
    // Only the closest candidates are priced — same family first, then smallest — so that many seeds do not
    // turn into hundreds of price-history series; suggest() would reject nodes over the size cap anyway.
    const ranked = selection.candidates
      .filter((spec) => spec.vcpus <= maxVcpus)
      .sort(
        (a, b) =>
          Number(seedFamilies.has(b.family)) - Number(seedFamilies.has(a.family)) ||
          a.vcpus - b.vcpus ||
          a.instanceType.localeCompare(b.instanceType),
      );
    candidates = ranked.slice(0, CANDIDATE_CAP);
    unpriced = ranked.length - candidates.length;
    excluded = selection.excluded
      .filter((e) => e.spec.vcpus <= maxVcpus)
      .sort((a, b) => a.spec.vcpus - b.spec.vcpus || a.spec.instanceType.localeCompare(b.spec.instanceType))
      .map((e) => ({ instanceType: e.spec.instanceType, code: e.code }));
  } else {
    // No seeds: the smallest nodes that satisfy the requirements, up to the same size cap above them; GPU
    // and accelerator types only when GPUs are asked for (their price and quota are another matter).
    baseVcpus = requirements.vcpus;
    const fits = pool
      .filter((spec) => spec.supportsSpot && !spec.bareMetal && meetsRequirements(spec, requirements))
      .filter((spec) => requirements.gpus !== undefined || (!spec.gpu && !spec.neuronDevices))
      .filter(
        (spec) => requirements.vcpus === undefined || spec.vcpus <= MAX_SIZE_FACTOR * requirements.vcpus,
      )
      .filter(
        (spec) =>
          requirements.memoryGiB === undefined ||
          spec.memoryMiB / 1024 <= MAX_SIZE_FACTOR * requirements.memoryGiB,
      )
      // Closest fit first: the smallest node that satisfies the requirements wastes least.
      .sort(
        (a, b) =>
          a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB || a.instanceType.localeCompare(b.instanceType),
      );
    const judged = fits.map((spec) => ({ spec, code: exclusionOf(spec, [], include) }));
    const kept = judged.filter((j) => j.code === undefined).map((j) => j.spec);
    candidates = kept.slice(0, CANDIDATE_CAP);
    unpriced = kept.length - candidates.length;
    excluded = judged.flatMap((j) => (j.code ? [{ instanceType: j.spec.instanceType, code: j.code }] : []));
  }

  const window = windowEndingAt(input.now, input.days);
  const names = [...seeds, ...candidates].map((spec) => spec.instanceType);
  const view = await catalog.regionView(input.region, names, window);
  const analysis = analysePrices(view, window);
  const extraNotes: string[] = [];
  if (unpriced > 0) {
    extraNotes.push(
      `${unpriced} further candidate type(s) were not compared: only the ${CANDIDATE_CAP} closest in family and size${seeds.length > 0 ? ' to the seeds' : ''} are priced.`,
    );
  }
  if (seeds.length === 0 && candidates.length === 0) {
    extraNotes.push('No instance type meets these requirements.');
  }
  const options = {
    capacity: input.capacity,
    maxSuggestions: input.maxSuggestions,
    days: input.days,
    excluded,
    ...(baseVcpus !== undefined ? { baseVcpus } : {}),
  };
  const withNotes = (result: SuggestResult): SuggestResult => ({
    ...result,
    notes: [...result.notes, ...extraNotes],
  });
  const result = withNotes(suggest(analysis, seeds, candidates, options));
  const members = result.recommended.filter((t) => !t.seed).map((t) => t.instanceType);
  const reorder = (zoneScores: ReadonlyMap<string, number>): SuggestResult =>
    withNotes(suggest(analysis, seeds, candidates, { ...options, zoneScores, members }));
  return { analysis, result, reorder };
}

const defined = (requirements: Requirements): Requirements =>
  Object.fromEntries(Object.entries(requirements).filter(([, value]) => value !== undefined)) as Requirements;
