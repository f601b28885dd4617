/**
 * Worst-case vCPU demand of a NodePool per EC2 vCPU quota and capacity type. Karpenter may put all of a
 * pool's capacity on Spot, or all on On-Demand when Spot is short, and all of it on any one quota's
 * instance types — so each quota is checked against the case where every node the limits allow comes
 * from its types. One pool's limits still bound its nodes together: buckets that share a quota code
 * (On-Demand P and P5) are packed jointly, never summed, and the report says what the pool can launch
 * in all.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import type { CapacityType } from '../manifests/labels.js';
import type { ApiGeneration, Span } from '../manifests/types.js';
import { quotaBucketFor, type QuotaBucket, type QuotaMarket } from './buckets.js';
import { DEFAULT_VM_MEMORY_OVERHEAD, type CapacityOptions } from './capacity.js';
import { describeLimit, readLimits, type BoundingLimit, type LimitInput, type LimitView } from './limits.js';
import { packVcpus, type Exclusion, type Packing } from './packing.js';

export interface PoolDemandInput {
  name: string;
  kind?: 'NodePool' | 'Provisioner';
  generation?: ApiGeneration;
  /** Where the pool is written (absent for a pool described by flags). */
  file?: string;
  span?: Span;
  capacityTypes: CapacityType[];
  /** Every instance type the pool allows (Spot demand keeps only the Spot-capable ones). */
  types: InstanceTypeSpec[];
  limits: LimitInput[];
  /** Static NodePool size. */
  replicas?: number;
  /** Assumed node count for pools without a bounding limit (--max-nodes). */
  maxNodes?: number;
}

export type DemandOptions = CapacityOptions;

export const DEFAULT_DEMAND_OPTIONS: DemandOptions = { vmMemoryOverheadPercent: DEFAULT_VM_MEMORY_OVERHEAD };

/** One pool's worst case on one quota. */
export interface QuotaDemand {
  /** The quota code (from the known table) the buckets below count against. */
  quotaCode: string;
  market: QuotaMarket;
  /** The first bucket, e.g. `p` (its quota is looked up). */
  bucketId: string;
  /** Every bucket that shares the code here, e.g. `p` and `p5` On-Demand. */
  buckets: string[];
  /** Worst-case vCPUs; null when nothing bounds the pool. */
  vcpus: number | null;
  /** How the number was reached, e.g. `memory limit 200Gi: 3 × p3.2xlarge`. */
  basis: string;
  /** False when `vcpus` is a linear upper bound rather than an exact mix of nodes. */
  exact: boolean;
  /** The node mix that reaches `vcpus`. */
  nodes: Packing['nodes'];
  /** The limit that sets `vcpus` (for "lower the limit to N" fixes). */
  binding?: Packing['binding'] & { source?: BoundingLimit['source'] };
  /** Allowed types in these buckets. */
  types: string[];
  /** Allowed types one node of which fits the limits, with their vCPUs. */
  launchable: Array<{ instanceType: string; vcpus: number }>;
  /** Allowed types that can never launch under the pool's limits. */
  excluded: Exclusion[];
  /** The same pool with the keys Karpenter ignores read as the resources they meant. */
  asIntended?: { vcpus: number | null; basis: string };
}

export interface PoolDemand {
  name: string;
  file?: string;
  span?: Span;
  demands: QuotaDemand[];
  /** Some quota has no bound. */
  unbounded: boolean;
  limits: LimitView[];
  /** When the pool spans several quotas: the most vCPUs its limits allow across all of them. */
  shared?: { vcpus: number | null; quotaCodes: string[]; basis: string };
  notes: string[];
}

const MARKETS: Array<[CapacityType, QuotaMarket]> = [
  ['spot', 'spot'],
  ['on-demand', 'on-demand'],
];

const quotaOf = (bucket: QuotaBucket, market: QuotaMarket) =>
  market === 'spot' ? bucket.spot : bucket.onDemand;

/** `3 × p3.2xlarge + 1 × p3.8xlarge`, at most three kinds. */
function mix(nodes: Packing['nodes']): string {
  const parts = [...nodes]
    .sort((a, b) => b.count * b.vcpus - a.count * a.vcpus)
    .map((n) => `${n.count} × ${n.instanceType}`);
  return parts.length > 3 ? `${parts.slice(0, 3).join(' + ')} + …` : parts.join(' + ');
}

function basisOf(packing: Packing, limits: BoundingLimit[], options: DemandOptions): string {
  if (packing.vcpus === null) {
    const [first, ...rest] = packing.uncounted;
    const counted = limits.map((l) => l.resource).join(', ');
    return limits.length === 0
      ? 'no limit bounds this pool'
      : `no limit counts ${first}${rest.length ? ` (and ${rest.length} more)` : ''}: ${counted} ${limits.length === 1 ? 'does' : 'do'} not apply to it`;
  }
  if (packing.launchable.length === 0) return 'no allowed instance type fits within the limits';
  const binding = limits.find((l) => l.resource === packing.binding?.resource) ?? limits[0]!;
  const overhead =
    binding.resource === 'memory' && binding.source !== 'max-nodes'
      ? ` (Karpenter counts memory less ${Math.round(options.vmMemoryOverheadPercent * 1000) / 10} % VM overhead)`
      : '';
  if (!packing.exact) return `at most ${packing.vcpus} vCPUs under ${describeLimit(binding)}${overhead}`;
  return `${describeLimit(binding)}: ${mix(packing.nodes)}${overhead}`;
}

interface Evaluated {
  vcpus: number | null;
  basis: string;
  packing: Packing;
  limits: BoundingLimit[];
}

/** Pack `types` under `limits` (with replicas, and --max-nodes when nothing else bounds them). */
function evaluate(
  types: InstanceTypeSpec[],
  written: BoundingLimit[],
  input: PoolDemandInput,
  options: DemandOptions,
): Evaluated {
  const limits = [...written];
  if (input.replicas !== undefined)
    limits.push({
      resource: 'nodes',
      raw: String(input.replicas),
      value: input.replicas,
      source: 'replicas',
    });
  let packing = packVcpus(types, limits, options);
  if (packing.vcpus === null && input.maxNodes !== undefined) {
    const assumed = { resource: 'nodes', raw: String(input.maxNodes), value: input.maxNodes };
    limits.push({ ...assumed, source: 'max-nodes' });
    packing = packVcpus(types, limits, options);
  }
  return { vcpus: packing.vcpus, basis: basisOf(packing, limits, options), packing, limits };
}

/** Allowed types per quota code and market, in the order buckets are listed. */
function groups(input: PoolDemandInput) {
  const result: Array<{ code: string; market: QuotaMarket; buckets: string[]; types: InstanceTypeSpec[] }> =
    [];
  for (const [capacityType, market] of MARKETS) {
    if (!input.capacityTypes.includes(capacityType)) continue;
    for (const type of input.types) {
      if (market === 'spot' && !type.supportsSpot) continue;
      const bucket = quotaBucketFor(type.instanceType);
      const quota = bucket && quotaOf(bucket, market);
      if (!bucket || !quota) continue;
      let group = result.find((g) => g.code === quota.code && g.market === market);
      if (!group) {
        group = { code: quota.code, market, buckets: [], types: [] };
        result.push(group);
      }
      if (!group.buckets.includes(bucket.id)) group.buckets.push(bucket.id);
      group.types.push(type);
    }
  }
  return result;
}

/**
 * Worst-case demand of one pool, per quota code and market. Pure.
 * @throws SpotctlError INVALID_LIMIT (input) for a limit that is not a positive, finite quantity.
 */
export function poolDemand(
  input: PoolDemandInput,
  options: DemandOptions = DEFAULT_DEMAND_OPTIONS,
): PoolDemand {
  const limits = readLimits(
    { name: input.name, kind: input.kind, file: input.file, generation: input.generation },
    input.limits,
  );
  const notes = [...limits.notes];
  if (input.capacityTypes.includes('reserved')) {
    notes.push(
      `${input.name}: reserved capacity launches into capacity reservations, which On-Demand quotas already count; not checked`,
    );
  }
  const demands = groups(input).map((group): QuotaDemand => {
    const written = evaluate(group.types, limits.bounding, input, options);
    const intended = limits.intended && evaluate(group.types, limits.intended, input, options);
    const binding = written.packing.binding;
    return {
      quotaCode: group.code,
      market: group.market,
      bucketId: group.buckets[0]!,
      buckets: group.buckets,
      vcpus: written.vcpus,
      basis: written.basis,
      exact: written.packing.exact,
      nodes: written.packing.nodes,
      ...(binding
        ? {
            binding: {
              ...binding,
              source: written.limits.find((l) => l.resource === binding.resource)?.source,
            },
          }
        : {}),
      types: group.types.map((t) => t.instanceType),
      launchable: written.packing.launchable.map((t) => ({ instanceType: t.instanceType, vcpus: t.vcpus })),
      excluded: written.packing.excluded,
      ...(intended ? { asIntended: { vcpus: intended.vcpus, basis: intended.basis } } : {}),
    };
  });
  const excluded = [...new Map(demands.flatMap((d) => d.excluded).map((e) => [e.instanceType, e])).values()];
  if (excluded.length > 0) notes.push(exclusionNote(input.name, excluded));
  const unbounded = demands.some((d) => d.vcpus === null);
  if (unbounded)
    notes.push(
      `${input.name}: no limits bound it, so its demand is unbounded; set spec.limits or pass --max-nodes`,
    );
  return {
    name: input.name,
    file: input.file,
    span: input.span,
    demands,
    unbounded,
    limits: limits.views,
    ...sharedBound(input, demands, limits.bounding, options),
    notes: [...new Set(notes)],
  };
}

/** What the pool's limits allow across every quota it spans, when it spans more than one. */
function sharedBound(
  input: PoolDemandInput,
  demands: QuotaDemand[],
  limits: BoundingLimit[],
  options: DemandOptions,
): Pick<PoolDemand, 'shared'> {
  const codes = [...new Set(demands.map((d) => `${d.quotaCode}`))];
  if (codes.length < 2 || demands.every((d) => d.vcpus === null)) return {};
  const names = new Set(demands.flatMap((d) => d.types));
  const all = input.types.filter((t) => names.has(t.instanceType));
  const together = evaluate(all, limits, input, options);
  return { shared: { vcpus: together.vcpus, quotaCodes: codes, basis: together.basis } };
}

/** Which allowed types can never launch, and why, in one line. */
function exclusionNote(pool: string, excluded: Exclusion[]): string {
  const largest = [...excluded].sort((a, b) => b.capacity / b.limit - a.capacity / a.limit)[0]!;
  const why = `one node counts ${formatAmount(largest.resource, largest.capacity)} against the ${largest.resource} limit of ${formatAmount(largest.resource, largest.limit)}`;
  return excluded.length === 1
    ? `${pool}: ${largest.instanceType} can never launch: ${why}`
    : `${pool}: ${excluded.length} allowed instance types can never launch under its limits (e.g. ${largest.instanceType}: ${why})`;
}

/** `1940 GiB` for memory (given in MiB), the number otherwise. */
export function formatAmount(resource: string, value: number): string {
  if (resource !== 'memory') return String(Math.round(value * 100) / 100);
  return `${Math.round((value / 1024) * 10) / 10} GiB`;
}
