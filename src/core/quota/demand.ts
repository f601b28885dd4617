/**
 * Worst-case vCPU demand of a NodePool per EC2 quota bucket and capacity type. Karpenter may put all of a
 * pool's capacity on Spot, or all on On-Demand when Spot is short, so each capacity type is bounded
 * separately by the same limits: cpu directly; memory, GPUs and other devices through the allowed type
 * with the most vCPUs per unit; nodes (or static replicas) through the largest type.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import type { CapacityType } from '../manifests/labels.js';
import { parseQuantity } from '../manifests/quantity.js';
import type { Span } from '../manifests/types.js';
import { quotaBucketFor, type QuotaMarket } from './buckets.js';

export interface PoolDemandInput {
  name: string;
  /** Where the pool is written (absent for a pool described by flags). */
  file?: string;
  span?: Span;
  capacityTypes: CapacityType[];
  /** Every instance type the pool allows (Spot demand keeps only the Spot-capable ones). */
  types: InstanceTypeSpec[];
  limits: Array<{ resource: string; raw: string }>;
  /** Static NodePool size. */
  replicas?: number;
  /** Assumed node count for pools without a bounding limit (--max-nodes). */
  maxNodes?: number;
}

/** How many of a limited resource one instance of a type brings. */
const RESOURCE_PER_TYPE: Record<string, (t: InstanceTypeSpec) => number> = {
  'nvidia.com/gpu': (t) => (t.gpu && t.gpu.manufacturer.toLowerCase() === 'nvidia' ? t.gpu.count : 0),
  'amd.com/gpu': (t) => (t.gpu && t.gpu.manufacturer.toLowerCase() === 'amd' ? t.gpu.count : 0),
  'habana.ai/gaudi': (t) => (t.gpu && t.gpu.manufacturer.toLowerCase() === 'habana' ? t.gpu.count : 0),
  'aws.amazon.com/neuron': (t) => t.neuronDevices ?? 0,
  'aws.amazon.com/neurondevice': (t) => t.neuronDevices ?? 0,
};

export interface BoundingLimit {
  resource: string;
  /** The limit as a number: vCPUs for cpu, MiB for memory, a count otherwise. */
  value: number;
  /** Worst-case vCPUs per unit of the resource among the bucket's types. */
  vcpusPerUnit: number;
}

export interface BucketDemand {
  bucketId: string;
  market: QuotaMarket;
  /** Worst-case vCPUs; null when nothing bounds the pool. */
  vcpus: number | null;
  /** How the number was reached, e.g. `nvidia.com/gpu 100 × 8 vCPU/GPU (g4dn.2xlarge)`. */
  basis: string;
  /** The limit that sets `vcpus` (for "lower the limit to N" fixes). */
  binding?: BoundingLimit;
  types: string[];
}

export interface PoolDemand {
  name: string;
  file?: string;
  span?: Span;
  demands: BucketDemand[];
  /** Some bucket has no bound. */
  unbounded: boolean;
  notes: string[];
}

const MIB = 2 ** 20;

function parsedLimits(limits: PoolDemandInput['limits'], notes: string[], pool: string) {
  const parsed = new Map<string, number>();
  for (const { resource, raw } of limits) {
    const quantity = parseQuantity(raw);
    if (quantity === undefined) {
      notes.push(`${pool}: limit ${resource}: "${raw}" is not a quantity; ignored`);
      continue;
    }
    if (resource === 'cpu' || resource === 'nodes' || resource in RESOURCE_PER_TYPE)
      parsed.set(resource, quantity);
    else if (resource === 'memory') parsed.set(resource, quantity / MIB);
    else if (!['pods', 'ephemeral-storage'].includes(resource) && !resource.includes('/'))
      notes.push(
        `${pool}: limit "${resource}" is not a resource Karpenter counts, so it bounds nothing (see spotctl lint)`,
      );
  }
  return parsed;
}

/** The tightest vCPU bound the limits put on a set of types, and which limit sets it. */
function bound(types: InstanceTypeSpec[], limits: Map<string, number>, replicas?: number) {
  const largest = types.reduce((a, b) => (b.vcpus > a.vcpus ? b : a));
  const candidates: Array<{ vcpus: number; basis: string; binding?: BoundingLimit }> = [];
  if (replicas !== undefined) {
    candidates.push({
      vcpus: replicas * largest.vcpus,
      basis: `replicas ${replicas} × ${largest.vcpus} vCPU (${largest.instanceType})`,
    });
  }
  const cpu = limits.get('cpu');
  if (cpu !== undefined)
    candidates.push({
      vcpus: Math.floor(cpu),
      basis: `cpu limit ${cpu}`,
      binding: { resource: 'cpu', value: cpu, vcpusPerUnit: 1 },
    });
  const memory = limits.get('memory');
  if (memory !== undefined) {
    const best = types.reduce((a, b) => (b.vcpus / b.memoryMiB > a.vcpus / a.memoryMiB ? b : a));
    const perMiB = best.vcpus / best.memoryMiB;
    candidates.push({
      vcpus: Math.floor(memory * perMiB),
      basis: `memory limit ${Math.round(memory / 1024)} GiB at ${best.vcpus} vCPU per ${best.memoryMiB / 1024} GiB (${best.instanceType})`,
      binding: { resource: 'memory', value: memory, vcpusPerUnit: perMiB },
    });
  }
  for (const [resource, amount] of Object.entries(RESOURCE_PER_TYPE)) {
    const limit = limits.get(resource);
    // A device limit bounds the bucket only if every type in it carries the device.
    if (limit === undefined || !types.every((t) => amount(t) > 0)) continue;
    const best = types.reduce((a, b) => (b.vcpus / amount(b) > a.vcpus / amount(a) ? b : a));
    const perUnit = best.vcpus / amount(best);
    candidates.push({
      vcpus: Math.floor(limit * perUnit),
      basis: `${resource} limit ${limit} × ${perUnit} vCPU each (${best.instanceType})`,
      binding: { resource, value: limit, vcpusPerUnit: perUnit },
    });
  }
  const nodes = limits.get('nodes');
  if (nodes !== undefined) {
    candidates.push({
      vcpus: Math.floor(nodes) * largest.vcpus,
      basis: `nodes limit ${nodes} × ${largest.vcpus} vCPU (${largest.instanceType})`,
      binding: { resource: 'nodes', value: nodes, vcpusPerUnit: largest.vcpus },
    });
  }
  if (candidates.length === 0) return undefined;
  return candidates.reduce((a, b) => (b.vcpus < a.vcpus ? b : a));
}

const MARKETS: Array<[CapacityType, QuotaMarket]> = [
  ['spot', 'spot'],
  ['on-demand', 'on-demand'],
];

/** Worst-case demand of one pool, per quota bucket and market. Pure. */
export function poolDemand(input: PoolDemandInput): PoolDemand {
  const notes: string[] = [];
  const limits = parsedLimits(input.limits, notes, input.name);
  const demands: BucketDemand[] = [];
  if (input.capacityTypes.includes('reserved')) {
    notes.push(
      `${input.name}: reserved capacity launches into capacity reservations, which On-Demand quotas already count; not checked`,
    );
  }
  for (const [capacityType, market] of MARKETS) {
    if (!input.capacityTypes.includes(capacityType)) continue;
    const types = input.types.filter((t) => market !== 'spot' || t.supportsSpot);
    const byBucket = new Map<string, InstanceTypeSpec[]>();
    for (const type of types) {
      const bucket = quotaBucketFor(type.instanceType);
      if (!bucket || !(market === 'spot' ? bucket.spot : bucket.onDemand)) continue;
      byBucket.set(bucket.id, [...(byBucket.get(bucket.id) ?? []), type]);
    }
    for (const [bucketId, bucketTypes] of byBucket) {
      const found = bound(bucketTypes, limits, input.replicas);
      const largest = bucketTypes.reduce((a, b) => (b.vcpus > a.vcpus ? b : a));
      let vcpus: number | null = found?.vcpus ?? null;
      let basis = found?.basis ?? 'no limit bounds this pool';
      if (!found && input.maxNodes !== undefined) {
        vcpus = input.maxNodes * largest.vcpus;
        basis = `--max-nodes ${input.maxNodes} × ${largest.vcpus} vCPU (${largest.instanceType})`;
      }
      demands.push({
        bucketId,
        market,
        vcpus,
        basis,
        binding: found?.binding,
        types: bucketTypes.map((t) => t.instanceType),
      });
    }
  }
  const unbounded = demands.some((d) => d.vcpus === null);
  if (unbounded)
    notes.push(
      `${input.name}: no limits bound it, so its demand is unbounded; set spec.limits or pass --max-nodes`,
    );
  return { name: input.name, file: input.file, span: input.span, demands, unbounded, notes };
}
