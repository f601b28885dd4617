/**
 * What quota-check measures: NodePools from manifests, or a quick question asked with flags, turned into
 * demand inputs. Notes come back as data so the caller decides where (and when) they are shown.
 */
import type { InstanceTypeSpec } from '../catalog/types.js';
import { inputError, usageError, type SpotctlError } from '../errors.js';
import { AUTO_MODE_COMPUTE_TYPE_KEY, karpenterKeyFor, writtenKeyFor } from '../manifests/auto-mode.js';
import type { CapacityType } from '../manifests/labels.js';
import { poolFacts } from '../manifests/pool-facts.js';
import type { ManifestSet } from '../manifests/types.js';
import { nearest } from '../text/nearest.js';
import type { PoolDemandInput } from '../quota/demand.js';

/** Requirement keys that do not narrow which instance types a pool can launch (so not an upper bound). */
const NON_NARROWING_KEYS = [
  'kubernetes.io/os',
  'topology.kubernetes.io/zone',
  'topology.k8s.aws/zone-id',
  AUTO_MODE_COMPUTE_TYPE_KEY,
];

const CAPACITY_TYPES: CapacityType[] = ['spot', 'on-demand'];

/**
 * Validate capacity type names (already split from a comma list).
 * @throws SpotctlError BAD_CAPACITY (usage) for anything but spot or on-demand.
 */
export function parseCapacityTypes(values: string[]): CapacityType[] {
  for (const value of values) {
    if (!(CAPACITY_TYPES as string[]).includes(value)) {
      throw usageError('BAD_CAPACITY', `--capacity "${value}" is not spot or on-demand`, {
        suggestions: ['Use --capacity spot, --capacity on-demand, or --capacity spot,on-demand.'],
      });
    }
  }
  return values as CapacityType[];
}

/**
 * `--vm-memory-overhead-percent` in Karpenter's own unit: a fraction (0.075 is 7.5 %), so a Helm value
 * can be copied as it is.
 * @throws SpotctlError BAD_OVERHEAD (usage) for anything but a number from 0 up to (not including) 1.
 */
export function parseOverhead(text: string): number {
  const value = text.trim() === '' ? NaN : Number(text);
  if (Number.isFinite(value) && value >= 0 && value < 1) return value;
  throw usageError('BAD_OVERHEAD', `--vm-memory-overhead-percent "${text}" is not a fraction from 0 to 1`, {
    suggestions: [
      value >= 1 && value < 100
        ? `Write it as Karpenter's settings.vmMemoryOverheadPercent is written: ${value} % is ${value / 100}.`
        : 'Use the value of Karpenter’s settings.vmMemoryOverheadPercent, e.g. 0.075 (the default).',
    ],
  });
}

/**
 * Why a manifest set cannot be quota-checked, if it cannot: broken YAML (stop and point at it), or no
 * NodePool at all. `notes` are the loader's notes worth showing before the error (why files were skipped).
 */
export function unusableManifests(
  set: ManifestSet,
  paths: string[],
): { error: SpotctlError; notes: string[] } | undefined {
  const problem = set.problems[0];
  if (problem) {
    const more = set.problems.length > 1 ? ` (and ${set.problems.length - 1} more)` : '';
    return {
      error: inputError(
        'MALFORMED_MANIFEST',
        `${problem.file}:${problem.line}:${problem.column} ${problem.message}${more}`,
        {
          suggestions: ['Fix the manifest (spotctl lint shows every problem), then run quota-check again.'],
        },
      ),
      notes: [],
    };
  }
  if (set.nodePools.length === 0) {
    return {
      error: inputError('NO_NODEPOOLS', `no NodePool or Provisioner in ${paths.join(', ')}`, {
        suggestions: [
          'Point quota-check at Karpenter NodePool manifests, or ask a quick question with --types.',
        ],
      }),
      notes: set.notes,
    };
  }
  return undefined;
}

/**
 * One demand input per NodePool, its instance types resolved through `catalog` — EKS Auto Mode's
 * `eks.amazonaws.com/instance-*` requirements read like Karpenter's `karpenter.k8s.aws/instance-*` ones.
 * Notes say, pool by pool, when the demand is only an upper bound (requirements on keys the catalog has
 * no data for) and which named types or families are unknown.
 */
export function poolDemandInputs(
  set: ManifestSet,
  catalog: InstanceTypeSpec[],
  maxNodes?: number,
): { inputs: PoolDemandInput[]; notes: string[] } {
  const notes: string[] = [];
  const inputs = set.nodePools.map((pool): PoolDemandInput => {
    const written = pool.requirements.map((r) => r.key);
    const translated = {
      ...pool,
      requirements: pool.requirements.map((r) => ({ ...r, key: karpenterKeyFor(r.key) })),
    };
    const facts = poolFacts(translated, catalog);
    const resolved = facts.resolved!;
    const narrowing = resolved.ignoredKeys
      .map((key) => writtenKeyFor(key, written))
      .filter((key) => !NON_NARROWING_KEYS.includes(key));
    if (narrowing.length > 0)
      notes.push(
        `${pool.name}: requirements on ${narrowing.join(', ')} are not instance-type data spotctl has; the demand shown is an upper bound`,
      );
    for (const name of [...resolved.unknownTypes, ...resolved.unknownFamilies])
      notes.push(`${pool.name}: ${name} is not a known instance type or family; ignored (see spotctl lint)`);
    return {
      name: pool.name,
      kind: pool.kind,
      generation: pool.generation,
      file: pool.ref.file,
      span: pool.limits[0]?.keySpan ?? pool.ref.span,
      capacityTypes: facts.capacityTypes,
      types: resolved.types,
      limits: pool.limits.map((limit) => ({
        resource: limit.resource,
        raw: limit.raw,
        span: limit.valueSpan,
      })),
      replicas: pool.replicas?.value,
      maxNodes,
    };
  });
  return { inputs, notes };
}

/**
 * The quick question (`--types` with `--capacity` and `--max-nodes`) as one unbounded pool named
 * `--types`; no names, no input. A name with a dot is an instance type, without one a family.
 * @throws SpotctlError UNKNOWN_INSTANCE_TYPE (input) with the closest known name.
 */
export function typeDemandInputs(
  names: string[],
  capacity: CapacityType[],
  catalog: InstanceTypeSpec[],
  maxNodes?: number,
): PoolDemandInput[] {
  if (names.length === 0) return [];
  const types: InstanceTypeSpec[] = [];
  for (const name of names) {
    const isType = name.includes('.');
    const matches = catalog.filter((t) => (isType ? t.instanceType === name : t.family === name));
    if (matches.length === 0) {
      const candidates = isType
        ? catalog.map((t) => t.instanceType)
        : [...new Set(catalog.map((t) => t.family))];
      const close = nearest(name, candidates, 1)[0];
      throw inputError('UNKNOWN_INSTANCE_TYPE', `unknown instance type or family "${name}"`, {
        suggestions: [
          close ? `Did you mean ${close}?` : 'Use names like g4dn.xlarge, or a family like g4dn.',
        ],
      });
    }
    types.push(...matches);
  }
  return [{ name: '--types', capacityTypes: capacity, types, limits: [], maxNodes }];
}
