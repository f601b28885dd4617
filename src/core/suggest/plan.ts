/**
 * From what the user typed to a ranked list: resolve the seeds, find candidates in as few catalog calls as
 * possible (one spec query by category, one region view for seeds and candidates together), analyse, rank.
 */
import { analysePrices, type PriceAnalysis } from '../prices/analyse.js';
import { familyCategory } from '../catalog/family.js';
import { type Catalog, type InstanceTypeSpec, splitInstanceType } from '../catalog/types.js';
import { usageError } from '../errors.js';
import { assertKnownRegion, resolveInstanceTypes } from '../catalog/lookup.js';
import { candidateTypes, meetsRequirements, type Requirements, requirementsFromSeeds } from './candidates.js';
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

  let candidates: InstanceTypeSpec[];
  let unpriced = 0;
  if (seeds.length > 0) {
    const maxVcpus = MAX_SIZE_FACTOR * Math.max(...seeds.map((seed) => seed.vcpus));
    const seedFamilies = new Set(seeds.map((seed) => seed.family));
    // Only the closest candidates are priced — same family first, then smallest — so that many seeds do not
    // turn into hundreds of price-history series; suggest() would reject nodes over the size cap anyway.
    const ranked = candidateTypes(seeds, pool, requirements)
      .filter((spec) => spec.vcpus <= maxVcpus)
      .sort(
        (a, b) =>
          Number(seedFamilies.has(b.family)) - Number(seedFamilies.has(a.family)) ||
          a.vcpus - b.vcpus ||
          a.instanceType.localeCompare(b.instanceType),
      );
    candidates = ranked.slice(0, CANDIDATE_CAP);
    unpriced = ranked.length - candidates.length;
  } else {
    candidates = pool
      .filter((spec) => spec.supportsSpot && spec.currentGeneration && !spec.bareMetal)
      .filter((spec) => meetsRequirements(spec, requirements))
      // Closest fit first: the smallest node that satisfies the requirements wastes least.
      .sort(
        (a, b) =>
          a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB || a.instanceType.localeCompare(b.instanceType),
      )
      .slice(0, CANDIDATE_CAP);
  }

  const window = windowEndingAt(input.now, input.days);
  const names = [...seeds, ...candidates].map((spec) => spec.instanceType);
  const view = await catalog.regionView(input.region, names, window);
  const analysis = analysePrices(view, window);
  const result = suggest(analysis, seeds, candidates, {
    capacity: input.capacity,
    maxSuggestions: input.maxSuggestions,
  });
  if (unpriced > 0) {
    result.notes.push(
      `${unpriced} further candidate type(s) were not compared: only the ${CANDIDATE_CAP} closest in family and size to the seeds are priced.`,
    );
  }
  if (seeds.length === 0 && candidates.length === 0) {
    result.notes.push('No instance type meets these requirements.');
  }
  return { analysis, result };
}

const defined = (requirements: Requirements): Requirements =>
  Object.fromEntries(Object.entries(requirements).filter(([, value]) => value !== undefined)) as Requirements;
