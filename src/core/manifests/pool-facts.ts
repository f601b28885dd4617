/**
 * What a NodePool allows once its requirements are evaluated: capacity types and, with the catalog,
 * instance types. Lint rules and quota-check both start from these facts.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import type { CapacityType } from './labels.js';
import { allowedCapacityTypes, resolveInstanceTypes, type ResolvedTypes } from './resolve-types.js';
import type { NodePoolModel } from './types.js';

export interface PoolFacts {
  pool: NodePoolModel;
  capacityTypes: CapacityType[];
  /** Resolved through the catalog; undefined when no catalog was given. */
  resolved?: ResolvedTypes;
  /** The subset of `resolved.types` that can run as Spot. */
  spotTypes?: InstanceTypeSpec[];
  /** Consolidation may replace underutilised nodes (the case where spot-to-spot flexibility matters). */
  consolidatesUnderutilized: boolean;
}

function consolidatesUnderutilized(pool: NodePoolModel): boolean {
  const d = pool.disruption;
  if (pool.generation === 'v1alpha5') return d.consolidationEnabled?.value === true;
  if (pool.replicas) return false;
  if (d.consolidateAfter?.value === 'Never') return false;
  const defaultPolicy = pool.generation === 'v1' ? 'WhenEmptyOrUnderutilized' : 'WhenUnderutilized';
  return (d.consolidationPolicy?.value ?? defaultPolicy) !== 'WhenEmpty';
}

/** Evaluate a NodePool's requirements (instance types only when `catalog` is given). Pure. */
export function poolFacts(pool: NodePoolModel, catalog?: InstanceTypeSpec[]): PoolFacts {
  const requirements = pool.requirements.map((r) => ({
    key: r.key,
    operator: r.operator,
    values: r.values.map((v) => v.value),
  }));
  const resolved = catalog ? resolveInstanceTypes(requirements, catalog) : undefined;
  return {
    pool,
    capacityTypes: allowedCapacityTypes(requirements),
    resolved,
    spotTypes: resolved?.types.filter((t) => t.supportsSpot),
    consolidatesUnderutilized: consolidatesUnderutilized(pool),
  };
}
