/**
 * The most vCPUs a NodePool's limits let Karpenter launch from a set of instance types.
 *
 * How Karpenter counts (kubernetes-sigs/karpenter, `pkg/controllers/provisioning/scheduling/scheduler.go`,
 * `filterByRemainingResources` and `subtractMax`, and `Limits.ExceededBy` in `pkg/apis/v1/nodepool.go`):
 * before it opens a new node it takes each limit minus what the pool's nodes already hold, and drops every
 * instance type whose capacity in any limited resource is larger than what remains — it never launches a
 * node that would take the pool past a limit. (Within one scheduling round it even subtracts the largest
 * candidate's capacity, erring low.) So the nodes of a pool always add up to at most each limit, whole
 * nodes at a time: a type that alone exceeds a limit can never launch, and a limit that allows 3.5 nodes
 * allows 3. The worst case for a quota is therefore an integer packing problem, solved here exactly by
 * branch and bound (few types survive dominance), with the linear bound as a fallback for huge cases.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import { nodeCapacity, type CapacityOptions } from './capacity.js';
import type { BoundingLimit } from './limits.js';

export interface Exclusion {
  instanceType: string;
  resource: string;
  /** What one node counts (MiB for memory). */
  capacity: number;
  limit: number;
}

export interface Packing {
  /** Most vCPUs; null when some launchable type is counted by none of the limits. */
  vcpus: number | null;
  /** One node mix that reaches `vcpus` (empty when the answer is only an upper bound). */
  nodes: Array<{ instanceType: string; count: number; vcpus: number }>;
  /** False when the search gave up and `vcpus` is the linear upper bound instead. */
  exact: boolean;
  /** The limit with the lowest linear bound: the one to change to bring the demand down. */
  binding?: { resource: string; raw: string; value: number; vcpusPerUnit: number };
  /** Types that can launch under these limits. */
  launchable: InstanceTypeSpec[];
  /** Types one node of which already exceeds a limit. */
  excluded: Exclusion[];
  /** Launchable types none of the limits counts (they make the pool unbounded). */
  uncounted: string[];
}

interface Item {
  type: InstanceTypeSpec;
  vcpus: number;
  caps: number[];
}

const EPS = 1e-9;
/** Search nodes before falling back to the linear bound; real pools need a few hundred. */
export const SEARCH_BUDGET = 50_000;

/** Items no other item beats: at least as many vCPUs for no more of every limited resource. */
function undominated(items: Item[]): Item[] {
  return items.filter(
    (a, i) =>
      !items.some(
        (b, j) =>
          j !== i &&
          b.vcpus >= a.vcpus &&
          b.caps.every((cap, r) => cap <= a.caps[r]!) &&
          // Of identical items keep the first.
          (b.vcpus > a.vcpus || b.caps.some((cap, r) => cap < a.caps[r]!) || j < i),
      ),
  );
}

/** The most vCPUs `limits` admit from `types`, and how. Pure. */
export function packVcpus(
  types: InstanceTypeSpec[],
  limits: BoundingLimit[],
  options: CapacityOptions,
  budget = SEARCH_BUDGET,
): Packing {
  const excluded: Exclusion[] = [];
  const launchable: InstanceTypeSpec[] = [];
  const all: Item[] = [];
  for (const type of types) {
    const caps = limits.map((limit) => nodeCapacity(type, limit.resource, options));
    const over = caps.findIndex((cap, r) => cap > limits[r]!.value + EPS);
    if (over >= 0) {
      excluded.push({
        instanceType: type.instanceType,
        resource: limits[over]!.resource,
        capacity: caps[over]!,
        limit: limits[over]!.value,
      });
      continue;
    }
    launchable.push(type);
    all.push({ type, vcpus: type.vcpus, caps });
  }
  const base = { launchable, excluded };
  const uncounted = all.filter((item) => item.caps.every((cap) => cap === 0)).map((i) => i.type.instanceType);
  if (all.length === 0) return { ...base, vcpus: 0, nodes: [], exact: true, uncounted };
  if (uncounted.length > 0) return { ...base, vcpus: null, nodes: [], exact: true, uncounted };

  // The linear bound per limit: the limit times the best vCPUs per unit among the types it counts.
  const ratios = limits.map((_, r) =>
    Math.max(...all.map((item) => (item.caps[r]! > 0 ? item.vcpus / item.caps[r]! : 0))),
  );
  const linear = limits.map((limit, r) =>
    all.some((item) => item.caps[r] === 0) ? Infinity : limit.value * ratios[r]!,
  );
  const bindingIndex = linear.indexOf(Math.min(...linear));
  const binding = Number.isFinite(linear[bindingIndex]!)
    ? { ...limits[bindingIndex]!, vcpusPerUnit: ratios[bindingIndex]! }
    : undefined;

  const items = undominated(all).sort((a, b) => {
    const r = bindingIndex;
    const ra = a.caps[r]! > 0 ? a.vcpus / a.caps[r]! : Infinity;
    const rb = b.caps[r]! > 0 ? b.vcpus / b.caps[r]! : Infinity;
    return rb - ra || b.vcpus - a.vcpus || a.type.instanceType.localeCompare(b.type.instanceType);
  });
  const search = branchAndBound(
    items,
    limits.map((l) => l.value),
    budget,
  );
  const upper = Math.floor(Math.min(...linear) + EPS);
  if (!search) return { ...base, vcpus: upper, nodes: [], exact: false, binding, uncounted };
  return {
    ...base,
    vcpus: search.vcpus,
    nodes: search.counts
      .map((count, i) => ({ instanceType: items[i]!.type.instanceType, count, vcpus: items[i]!.vcpus }))
      .filter((n) => n.count > 0),
    exact: true,
    binding,
    uncounted,
  };
}

/** Exact integer optimum, or undefined when the budget runs out. */
function branchAndBound(items: Item[], limits: number[], budget: number) {
  const n = items.length;
  // suffix[i][r]: best vCPUs per unit of limit r among items i…n-1 (Infinity when one is not counted).
  const suffix: number[][] = Array.from({ length: n + 1 }, () => limits.map(() => 0));
  for (let i = n - 1; i >= 0; i--) {
    suffix[i] = limits.map((_, r) => {
      const cap = items[i]!.caps[r]!;
      return Math.max(suffix[i + 1]![r]!, cap > 0 ? items[i]!.vcpus / cap : Infinity);
    });
  }
  const bound = (i: number, rem: number[]) =>
    Math.min(...rem.map((left, r) => (suffix[i]![r] === Infinity ? Infinity : left * suffix[i]![r]!)));
  const rootBound = Math.floor(bound(0, limits) + EPS);
  const counts = new Array<number>(n).fill(0);
  let best = -1;
  let bestCounts = counts.slice();
  let steps = 0;

  const visit = (i: number, rem: number[], value: number): boolean => {
    if (++steps > budget) return false;
    if (value > best) {
      best = value;
      bestCounts = counts.slice();
    }
    if (i === n || best >= rootBound) return true;
    if (Math.floor(value + bound(i, rem) + EPS) <= best) return true;
    const item = items[i]!;
    let most = Infinity;
    item.caps.forEach((cap, r) => {
      if (cap > 0) most = Math.min(most, Math.floor(rem[r]! / cap + EPS));
    });
    for (let k = most; k >= 0; k--) {
      counts[i] = k;
      const next = rem.map((left, r) => left - k * item.caps[r]!);
      if (!visit(i + 1, next, value + k * item.vcpus)) return false;
      if (best >= rootBound) break;
    }
    counts[i] = 0;
    return true;
  };
  if (!visit(0, limits, 0)) return undefined;
  return { vcpus: best, counts: bestCounts };
}
