/**
 * A NodePool's limits as Karpenter reads them. Every value must be a positive, finite Kubernetes
 * quantity (anything else is an input error, located). Each key is then one of: counted and bounding
 * here (cpu, memory, GPUs…), counted by Karpenter but without per-type data in spotctl (pods…), or not a
 * resource any node has — which Karpenter silently never reaches, like `gpu` written for `nvidia.com/gpu`.
 * For those, the resource the author evidently meant is kept, to show the pool as intended.
 */
import { inputError } from '../errors.js';
import { RESOURCE_ALIASES } from '../manifests/labels.js';
import { parseQuantity } from '../manifests/quantity.js';
import type { ApiGeneration, Span } from '../manifests/types.js';
import { isModelled, isUnmodelled } from './capacity.js';

export interface LimitInput {
  resource: string;
  /** As written: `100`, `64Gi`, `500m`. */
  raw: string;
  /** Where the value is written, for errors. */
  span?: Span;
}

/** A limit that bounds the demand: the value in the unit `nodeCapacity` uses (MiB for memory). */
export interface BoundingLimit {
  resource: string;
  raw: string;
  value: number;
  /** A written limit, the static pool size, or the --max-nodes assumption. */
  source?: 'limit' | 'replicas' | 'max-nodes';
}

/** How a bound reads in a report: `memory limit 200Gi`, `replicas 3`, `--max-nodes 10`. */
export const describeLimit = (limit: BoundingLimit): string =>
  limit.source === 'replicas'
    ? `replicas ${limit.raw}`
    : limit.source === 'max-nodes'
      ? `--max-nodes ${limit.raw}`
      : `${limit.resource} limit ${limit.raw}`;

export type LimitKind = 'bounding' | 'unmodelled' | 'ignored';

export interface LimitView {
  resource: string;
  raw: string;
  kind: LimitKind;
  /** For an ignored key: the resource it most likely meant. */
  meant?: string;
}

export interface PoolLimits {
  /** Limits that bound the demand as written. */
  bounding: BoundingLimit[];
  /** The same plus the ignored keys read as the resource they meant (absent when there is none). */
  intended?: BoundingLimit[];
  views: LimitView[];
  notes: string[];
}

const MIB = 2 ** 20;

/** Misspellings of device resources beyond the lint aliases, as authors write them. */
const MEANT: Readonly<Record<string, string>> = {
  ...RESOURCE_ALIASES,
  'nvidia.com/gpus': 'nvidia.com/gpu',
  'nvidia/gpu': 'nvidia.com/gpu',
  'amd/gpu': 'amd.com/gpu',
  'aws.amazon.com/neurons': 'aws.amazon.com/neuron',
};

/** The counted resource an ignored key most likely stands for (`gpu`, `GPU`, `Memory`…). */
function meantResource(resource: string): string | undefined {
  const lower = resource.toLowerCase();
  return MEANT[lower] ?? (isModelled(lower) ? lower : undefined);
}

export interface LimitOwner {
  name: string;
  kind?: string;
  file?: string;
  /** Karpenter counts `nodes` on karpenter.sh/v1 NodePools only (from core v1.11). */
  generation?: ApiGeneration;
}

function where(owner: LimitOwner, span?: Span): string {
  const at = owner.file ? `${owner.file}${span ? `:${span.line}:${span.column}` : ''} ` : '';
  return `${at}${owner.kind ?? 'NodePool'} ${owner.name}`;
}

/**
 * Validate and classify a pool's limits.
 * @throws SpotctlError INVALID_LIMIT (input) naming the pool, `file:line:col` and the limit.
 */
export function readLimits(owner: LimitOwner, limits: LimitInput[]): PoolLimits {
  const bounding: BoundingLimit[] = [];
  const views: LimitView[] = [];
  const notes: string[] = [];
  const meantLimits: BoundingLimit[] = [];
  const nodesCounted = owner.generation === undefined || owner.generation === 'v1';
  for (const { resource, raw, span } of limits) {
    const value = parseQuantity(raw);
    const problem =
      value === undefined
        ? `is not a Kubernetes quantity (write it like 100, 500m or 64Gi)`
        : !Number.isFinite(value)
          ? 'is not a finite quantity'
          : value < 0
            ? 'is negative'
            : value === 0
              ? 'is zero, so Karpenter could launch no node from this pool'
              : undefined;
    if (problem) {
      throw inputError('INVALID_LIMIT', `${where(owner, span)}: limits ${resource}: "${raw}" ${problem}`, {
        suggestions: [
          'Give a positive quantity, remove the limit to leave that resource unlimited, or delete the pool if it should launch nothing.',
        ],
      });
    }
    const amount = resource === 'memory' ? value! / MIB : value!;
    if (isModelled(resource) && (resource !== 'nodes' || nodesCounted)) {
      bounding.push({ resource, raw, value: amount });
      views.push({ resource, raw, kind: 'bounding' });
      continue;
    }
    if (isUnmodelled(resource)) {
      views.push({ resource, raw, kind: 'unmodelled' });
      notes.push(
        `${owner.name}: limit ${resource} is counted by Karpenter, but spotctl has no per-type ${resource} data, so it does not lower the estimate`,
      );
      continue;
    }
    const meant = resource === 'nodes' ? 'nodes' : meantResource(resource);
    views.push({ resource, raw, kind: 'ignored', ...(meant ? { meant } : {}) });
    notes.push(
      resource === 'nodes'
        ? `${owner.name}: limit nodes is counted only by karpenter.sh/v1 NodePools (Karpenter v1.11 and later), so this ${owner.kind ?? 'pool'} is not bounded by it`
        : `${owner.name}: limit "${resource}" is not a resource Karpenter counts, so it bounds nothing${meant ? ` (did you mean ${meant}?)` : ''} (see spotctl lint)`,
    );
    if (meant) meantLimits.push({ resource: meant, raw, value: meant === 'memory' ? value! / MIB : value! });
  }
  const extra = meantLimits.filter((m) => !bounding.some((b) => b.resource === m.resource));
  return { bounding, ...(extra.length > 0 ? { intended: [...bounding, ...extra] } : {}), views, notes };
}
