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
export function isSiblingFamily(seed: InstanceTypeSpec, candidate: InstanceTypeSpec): boolean {
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
  if (candidate.burstable !== seed.burstable) return false;
  if (familyGeneration(candidate.family) < familyGeneration(seed.family) - 1) return false;
  const ratio = memoryRatio(candidate) / memoryRatio(seed);
  return ratio >= 0.75 && ratio <= 1.34;
}

/** Candidate types for the seeds among `all`: same or sibling families, fitting the requirements. */
export function candidateTypes(
  seeds: InstanceTypeSpec[],
  all: InstanceTypeSpec[],
  requirements: Requirements,
): InstanceTypeSpec[] {
  const seedNames = new Set(seeds.map((seed) => seed.instanceType));
  return all.filter(
    (spec) =>
      !seedNames.has(spec.instanceType) &&
      spec.supportsSpot &&
      !spec.bareMetal &&
      meetsRequirements(spec, requirements) &&
      seeds.some((seed) => isSiblingFamily(seed, spec)),
  );
}
