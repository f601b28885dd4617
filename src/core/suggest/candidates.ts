/**
 * Which instance types are worth comparing against the seeds: other sizes of the seeds' families, and
 * sibling families with an equivalent GPU or the same shape (category, architecture, memory per vCPU).
 */
import { familyCategory, familyGeneration } from '../catalog/family.js';
import type { Architecture, InstanceTypeSpec } from '../catalog/types.js';

export interface Requirements {
  /** Minimum vCPUs per node. */
  vcpus?: number;
  /** Minimum memory per node, GiB. */
  memoryGiB?: number;
  /** Minimum GPUs per node. */
  gpus?: number;
  /** GPU model, case-insensitive (`t4`, `a10g`, `l4`). */
  gpuName?: string;
  arch?: Architecture;
}

/** Memory GiB per vCPU: 2 for compute, 4 for general purpose, 8 for memory optimised. */
const memoryRatio = (spec: InstanceTypeSpec): number => spec.memoryMiB / 1024 / spec.vcpus;

const primaryArch = (spec: InstanceTypeSpec): Architecture =>
  spec.architectures.includes('x86_64') ? 'x86_64' : (spec.architectures[0] ?? 'x86_64');

/** Does the type meet explicit per-node requirements? */
export function meetsRequirements(spec: InstanceTypeSpec, req: Requirements): boolean {
  if (req.vcpus !== undefined && spec.vcpus < req.vcpus) return false;
  if (req.memoryGiB !== undefined && spec.memoryMiB / 1024 < req.memoryGiB) return false;
  if (req.gpus !== undefined && (spec.gpu?.count ?? 0) < req.gpus) return false;
  if (req.gpuName !== undefined && spec.gpu?.name.toLowerCase() !== req.gpuName.toLowerCase()) return false;
  if (req.arch !== undefined && !spec.architectures.includes(req.arch)) return false;
  return true;
}

/**
 * What a pod scheduled on any seed needs at least, when the user gave no explicit requirements: the
 * smallest seed's GPUs, vCPUs and memory, and the seeds' architecture. Smaller sizes are never suggested
 * because nothing says the workload fits them.
 */
export function requirementsFromSeeds(seeds: InstanceTypeSpec[]): Requirements {
  const smallest = [...seeds].sort((a, b) => a.vcpus - b.vcpus || a.memoryMiB - b.memoryMiB)[0];
  if (!smallest) return {};
  const gpus = Math.min(...seeds.map((seed) => seed.gpu?.count ?? 0));
  return {
    vcpus: smallest.vcpus,
    memoryGiB: smallest.memoryMiB / 1024,
    ...(gpus > 0 ? { gpus } : {}),
    arch: primaryArch(smallest),
  };
}

/** Whether `candidate` belongs to a family equivalent to the seed's. */
export function isSiblingFamily(
  seed: InstanceTypeSpec,
  candidate: InstanceTypeSpec,
  options: { allowBurstable?: boolean } = {},
): boolean {
  if (candidate.family === seed.family) return true;
  if (primaryArch(candidate) !== primaryArch(seed)) return false;
  if (seed.gpu) {
    // An equivalent GPU: same maker, at least as much memory per GPU, and the same category (g stays g:
    // P-class training GPUs cost an order of magnitude more and use another quota).
    return (
      candidate.gpu !== undefined &&
      candidate.gpu.manufacturer === seed.gpu.manufacturer &&
      candidate.gpu.memoryMiBPerGpu >= seed.gpu.memoryMiBPerGpu &&
      familyCategory(candidate.family) === familyCategory(seed.family)
    );
  }
  if (candidate.gpu || candidate.neuronDevices) return false;
  if (familyCategory(candidate.family) !== familyCategory(seed.family)) return false;
  if (candidate.burstable !== seed.burstable && !(options.allowBurstable && candidate.burstable))
    return false;
  if (familyGeneration(candidate.family) < familyGeneration(seed.family) - 1) return false;
  const ratio = memoryRatio(candidate) / memoryRatio(seed);
  return ratio >= 0.75 && ratio <= 1.34;
}

export interface CandidateOptions {
  /** Consider families EC2 marks as previous generation (CurrentGeneration false). */
  includePreviousGeneration?: boolean;
  /** Consider burstable (T) families. */
  includeBurstable?: boolean;
}

/** Why an otherwise equivalent type is not considered unless asked for. */
export type ExclusionCode = 'previous-generation' | 'burstable';

export interface CandidateSelection {
  candidates: InstanceTypeSpec[];
  /** Equivalent types kept out by default, with the flag that would let them in. */
  excluded: Array<{ spec: InstanceTypeSpec; code: ExclusionCode }>;
}

/**
 * Previous-generation and burstable types only when asked for — by flag, or by a seed of the same family
 * (other sizes of a seed's family are always fair) or, for burstable types, a burstable seed.
 */
export function exclusionOf(
  spec: InstanceTypeSpec,
  seeds: InstanceTypeSpec[],
  options: CandidateOptions,
): ExclusionCode | undefined {
  const seedFamily = seeds.some((seed) => seed.family === spec.family);
  if (!spec.currentGeneration && !options.includePreviousGeneration && !seedFamily)
    return 'previous-generation';
  if (spec.burstable && !options.includeBurstable && !seeds.some((seed) => seed.burstable))
    return 'burstable';
  return undefined;
}

/** Candidate types for the seeds among `all`, and the equivalent ones kept out by default. */
export function selectCandidates(
  seeds: InstanceTypeSpec[],
  all: InstanceTypeSpec[],
  requirements: Requirements,
  options: CandidateOptions = {},
): CandidateSelection {
  const seedNames = new Set(seeds.map((seed) => seed.instanceType));
  const selection: CandidateSelection = { candidates: [], excluded: [] };
  for (const spec of all) {
    if (seedNames.has(spec.instanceType) || !spec.supportsSpot || spec.bareMetal) continue;
    if (!meetsRequirements(spec, requirements)) continue;
    if (!seeds.some((seed) => isSiblingFamily(seed, spec, { allowBurstable: options.includeBurstable })))
      continue;
    const code = exclusionOf(spec, seeds, options);
    if (code) selection.excluded.push({ spec, code });
    else selection.candidates.push(spec);
  }
  return selection;
}

/** Candidate types for the seeds among `all`: same or sibling families, fitting the requirements. */
export function candidateTypes(
  seeds: InstanceTypeSpec[],
  all: InstanceTypeSpec[],
  requirements: Requirements,
  options: CandidateOptions = {},
): InstanceTypeSpec[] {
  return selectCandidates(seeds, all, requirements, options).candidates;
}
