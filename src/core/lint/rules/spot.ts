/**
 * Spot best practice: enough instance-type flexibility for price-capacity-optimized allocation and for
 * spot-to-spot consolidation, a fallback, and types that the region actually offers in several zones.
 */
import { INSTANCE_TYPE_KEY } from '../../manifests/labels.js';
import { canonicalKey } from '../../manifests/resolve-types.js';
import type { NodePoolModel, Span } from '../../manifests/types.js';
import type { Hit, PoolFacts, Rule } from '../types.js';

/** Below this many Spot types, capacity shortages in one pool turn into fallbacks or pending pods. */
export const MIN_SPOT_TYPES = 5;
/** Karpenter needs 15 cheaper types before it replaces one Spot node with another (disruption docs). */
export const SPOT_TO_SPOT_MIN_TYPES = 15;

const spotAllowed = (facts: PoolFacts): boolean => facts.capacityTypes.includes('spot');

const capacitySpan = (pool: NodePoolModel): Span =>
  pool.requirements.find((r) => r.key === 'karpenter.sh/capacity-type')?.span ??
  pool.requirementsSpan ??
  pool.ref.span;

const typesSpan = (pool: NodePoolModel): Span =>
  pool.requirements.find((r) => canonicalKey(r.key) === INSTANCE_TYPE_KEY)?.span ??
  pool.requirementsSpan ??
  pool.ref.span;

const sample = (names: string[]): string =>
  names.length <= 4 ? names.join(', ') : `${names.slice(0, 4).join(', ')} and ${names.length - 4} more`;

const spotTooFewTypes: Rule = {
  id: 'spot-too-few-types',
  severity: 'warning',
  summary: `Spot NodePools should allow at least ${MIN_SPOT_TYPES} instance types.`,
  fix: 'Allow more families and sizes (instance-category/-family/-cpu requirements instead of a fixed list).',
  needsCatalog: true,
  check: ({ pools }) =>
    pools
      .filter((f) => spotAllowed(f) && f.spotTypes && f.spotTypes.length > 0 && tooFew(f))
      .map((f): Hit => {
        const n = f.spotTypes!.length;
        const fallback = f.capacityTypes.includes('on-demand');
        const families = new Set(f.spotTypes!.map((t) => t.family));
        const oneFamily = families.size === 1 && n > 1 ? `, all ${[...families][0]}` : '';
        return {
          file: f.pool.ref.file,
          span: typesSpan(f.pool),
          message: `${f.pool.name} allows only ${n} Spot instance type${n === 1 ? '' : 's'} (${sample(f.spotTypes!.map((t) => t.instanceType))}${oneFamily}); ${fallback ? 'a shortage in one Spot pool sends it to On-Demand' : 'a shortage in one Spot pool leaves pods pending'}`,
          fix: `Allow at least ${MIN_SPOT_TYPES} types, e.g. neighbouring sizes and a second family of the same shape.`,
        };
      }),
};

/** Too few Spot types is one cause; one family or one size among so few is the same cause, said once. */
const tooFew = (f: PoolFacts): boolean => (f.spotTypes?.length ?? 0) < MIN_SPOT_TYPES;

const spotToSpotFlexibility: Rule = {
  id: 'spot-to-spot-flexibility',
  severity: 'info',
  summary: `With Spot-to-Spot consolidation on, Karpenter replaces a Spot node only when ${SPOT_TO_SPOT_MIN_TYPES}+ instance types are allowed.`,
  fix: `Allow ${SPOT_TO_SPOT_MIN_TYPES} or more types if you want underutilised Spot nodes replaced by cheaper ones.`,
  needsCatalog: true,
  needsSpotToSpot: true,
  check: ({ pools }) =>
    pools
      .filter(
        (f) =>
          spotAllowed(f) &&
          f.consolidatesUnderutilized &&
          f.spotTypes &&
          f.spotTypes.length >= MIN_SPOT_TYPES &&
          f.spotTypes.length < SPOT_TO_SPOT_MIN_TYPES,
      )
      .map((f) => ({
        file: f.pool.ref.file,
        span: typesSpan(f.pool),
        message: `${f.pool.name} allows ${f.spotTypes!.length} Spot types; Spot-to-Spot consolidation replaces a Spot node with a cheaper one only with ${SPOT_TO_SPOT_MIN_TYPES}+`,
      })),
};

const spotSingleFamily: Rule = {
  id: 'spot-single-family',
  severity: 'warning',
  summary: 'Spot NodePools limited to one instance family share one capacity pool per size and AZ.',
  fix: 'Add other families of the same shape (similar vCPU, memory, GPU), e.g. with instance-category or instance-gpu-name requirements instead of one family.',
  needsCatalog: true,
  check: ({ pools }) =>
    pools
      .filter((f) => spotAllowed(f) && f.spotTypes && !tooFew(f))
      .filter((f) => new Set(f.spotTypes!.map((t) => t.family)).size === 1)
      .map((f) => ({
        file: f.pool.ref.file,
        span: typesSpan(f.pool),
        message: `every Spot type ${f.pool.name} allows is ${f.spotTypes![0]!.family}; one family is reclaimed together`,
      })),
};

const spotSingleSize: Rule = {
  id: 'spot-single-size',
  severity: 'warning',
  summary: 'Spot NodePools limited to one instance size lose flexibility across sizes.',
  fix: 'Allow neighbouring sizes (e.g. xlarge and 2xlarge), or bound cpu/memory with Gt/Lt instead.',
  needsCatalog: true,
  check: ({ pools }) =>
    pools
      .filter((f) => spotAllowed(f) && f.spotTypes && !tooFew(f))
      .filter((f) => new Set(f.spotTypes!.map((t) => t.size)).size === 1)
      .map((f) => ({
        file: f.pool.ref.file,
        span: typesSpan(f.pool),
        message: `every Spot type ${f.pool.name} allows is size ${f.spotTypes![0]!.size}`,
      })),
};

const spotNoFallback: Rule = {
  id: 'spot-no-on-demand-fallback',
  severity: 'info',
  summary:
    'Spot-only NodePools need another NodePool that allows On-Demand and takes the same pods, or pods wait when Spot capacity is short.',
  fix: 'Add on-demand to karpenter.sh/capacity-type (Karpenter prefers Spot and falls back), or add a lower-weight NodePool that allows on-demand with the same taints and labels.',
  check: ({ pools }) =>
    pools
      .filter((f) => isSpotOnly(f) && !f.pool.replicas)
      .flatMap((f): Hit[] => {
        // A pool weighted above it that allows On-Demand is a fallback too (or on-demand-outranks-spot's).
        if (fallbacksFor(f, pools, { anyWeight: true }).length > 0) return [];
        return [
          {
            file: f.pool.ref.file,
            span: capacitySpan(f.pool),
            message: `${f.pool.name} allows only Spot and no other NodePool here allows On-Demand for its pods; they stay pending when Spot capacity is short`,
          },
        ];
      }),
};

const onDemandOutranksSpot: Rule = {
  id: 'on-demand-outranks-spot',
  severity: 'warning',
  summary:
    'A NodePool with a higher weight is tried first: an On-Demand-only pool weighted above the Spot pool that takes the same pods makes Spot the fallback, not the other way round.',
  fix: 'Give the Spot pool the higher weight (weight is priority: higher first), and the On-Demand pool a lower one.',
  check: ({ pools }) =>
    pools
      .filter((f) => isSpotOnly(f) && !f.pool.replicas)
      .flatMap((f): Hit[] => {
        if (fallbacksFor(f, pools).length > 0) return [];
        // The pool Karpenter tries first; one that allows Spot too still launches Spot first.
        const first = fallbacksFor(f, pools, { anyWeight: true }).sort(
          (a, b) => weightOf(b) - weightOf(a),
        )[0];
        if (!first || first.capacityTypes.includes('spot')) return [];
        return [
          {
            file: first.pool.ref.file,
            span: first.pool.weight?.span ?? first.pool.ref.span,
            message: `${first.pool.name} (weight ${weightOf(first)}, On-Demand only) takes the same pods as Spot pool ${f.pool.name} (weight ${weightOf(f)}) and is tried first, so Spot is used only when it cannot launch`,
          },
        ];
      }),
};

const isSpotOnly = (f: PoolFacts) => f.capacityTypes.length > 0 && f.capacityTypes.every((c) => c === 'spot');
const weightOf = (f: PoolFacts) => f.pool.weight?.value ?? 0;
const HARD_EFFECTS = new Set(['NoSchedule', 'NoExecute']);

/**
 * Other pools that take the pods `spot` takes and may launch On-Demand: dynamic, not weighted above it
 * (unless `anyWeight`), no taint the pods might not tolerate (every hard taint of the other pool is on
 * `spot` too), the template labels pods may select on, and requirement values that overlap.
 */
function fallbacksFor(spot: PoolFacts, pools: PoolFacts[], { anyWeight = false } = {}): PoolFacts[] {
  return pools.filter(
    (other) =>
      other !== spot &&
      !other.pool.replicas &&
      other.capacityTypes.includes('on-demand') &&
      (anyWeight || weightOf(other) <= weightOf(spot)) &&
      samePods(spot.pool, other.pool),
  );
}

function samePods(spot: NodePoolModel, other: NodePoolModel): boolean {
  const tolerated = other.taints
    .filter((t) => HARD_EFFECTS.has(t.effect))
    .every((t) => spot.taints.some((s) => s.key === t.key && s.effect === t.effect && s.value === t.value));
  const labelled = Object.entries(spot.labels).every(([key, value]) => other.labels[key] === value);
  const overlapping = spot.requirements
    .filter((r) => r.operator === 'In' && canonicalKey(r.key) !== 'karpenter.sh/capacity-type')
    .every((r) =>
      other.requirements
        .filter((o) => o.operator === 'In' && canonicalKey(o.key) === canonicalKey(r.key))
        .every((o) => o.values.some((v) => r.values.some((w) => w.value === v.value))),
    );
  return tolerated && labelled && overlapping;
}

/** Explicitly named instance types, with their spans. */
function namedTypes(pool: NodePoolModel) {
  return pool.requirements
    .filter((r) => canonicalKey(r.key) === INSTANCE_TYPE_KEY && r.operator === 'In')
    .flatMap((r) => r.values);
}

const typeNotOffered: Rule = {
  id: 'type-not-offered',
  severity: 'warning',
  summary: 'Instance types must be offered in the target region.',
  fix: 'Drop the type or choose one the region offers (`spotctl suggest --region …`).',
  needsRegion: true,
  check: ({ pools, region, catalog }) => {
    if (!region) return [];
    const known = new Set(catalog?.map((t) => t.instanceType) ?? []);
    return pools.flatMap(({ pool }) =>
      namedTypes(pool)
        .filter((v) => (known.size === 0 || known.has(v.value)) && !region.offerings[v.value]?.length)
        .map((v) => ({
          file: pool.ref.file,
          span: v.span,
          message: `${v.value} is not offered in ${region.region}`,
        })),
    );
  },
};

const typeSingleAz: Rule = {
  id: 'type-single-az',
  severity: 'warning',
  summary: 'Instance types offered in only one Availability Zone concentrate Spot risk.',
  fix: 'Add types offered in several zones of the region.',
  needsRegion: true,
  check: ({ pools, region }) => {
    if (!region || region.zoneCount < 2) return [];
    return pools
      .filter((f) => spotAllowed(f))
      .flatMap(({ pool }) =>
        namedTypes(pool)
          .filter((v) => region.offerings[v.value]?.length === 1)
          .map((v) => ({
            file: pool.ref.file,
            span: v.span,
            message: `${v.value} is offered in one zone of ${region.region} only (${region.offerings[v.value]![0]})`,
          })),
      );
  },
};

export const SPOT_RULES: Rule[] = [
  spotTooFewTypes,
  spotToSpotFlexibility,
  spotSingleFamily,
  spotSingleSize,
  spotNoFallback,
  onDemandOutranksSpot,
  typeNotOffered,
  typeSingleAz,
];
