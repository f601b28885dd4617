/**
 * Correctness rules for NodePools and Provisioners: values Karpenter rejects or silently ignores, and
 * fields from API generations that are gone.
 */
import { nearest } from '../../text/nearest.js';
import {
  CAPACITY_TYPE_KEY,
  CAPACITY_TYPES,
  DEPRECATED_LABEL_KEYS,
  LIMIT_RESOURCES,
  REQUIREMENT_OPERATORS,
  RESOURCE_ALIASES,
  WELL_KNOWN_DOMAINS,
  WELL_KNOWN_LABEL_KEYS,
  isLimitResource,
  labelDomain,
} from '../../manifests/labels.js';
import { canonicalKey, karpenterLabels } from '../../manifests/resolve-types.js';
import { replaceScalar } from '../edits.js';
import type { NodePoolModel } from '../../manifests/types.js';
import type { Hit, PoolFacts, Rule } from '../types.js';

/** `On-demand`, `ON_DEMAND`, `ondemand`, ` Spot ` → the value Karpenter accepts, when it is unambiguous. */
export function canonicalCapacityType(value: string): string | undefined {
  const squashed = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if ((CAPACITY_TYPES as readonly string[]).includes(squashed)) return squashed;
  if (squashed === 'ondemand' || squashed === 'od') return 'on-demand';
  return undefined;
}

const capacityTypeValue: Rule = {
  id: 'capacity-type-value',
  severity: 'error',
  summary: 'karpenter.sh/capacity-type values must be spot, on-demand or reserved (lower case).',
  fix: 'Use one of spot, on-demand, reserved.',
  check: ({ pools }) =>
    pools.flatMap(({ pool }) =>
      pool.requirements
        .filter((r) => canonicalKey(r.key) === CAPACITY_TYPE_KEY)
        .flatMap((r) => r.values)
        .filter((v) => !(CAPACITY_TYPES as readonly string[]).includes(v.value))
        .map((v): Hit => {
          const fixed = canonicalCapacityType(v.value);
          return {
            file: pool.ref.file,
            span: v.span,
            message: `capacity type "${v.value}" is not one Karpenter accepts, so it selects nothing`,
            fix: fixed ? `Write "${fixed}".` : undefined,
            edits: fixed ? [replaceScalar(pool.ref.file, v.span, fixed, v.style)] : undefined,
          };
        }),
    ),
};

const limitResourceName: Rule = {
  id: 'limit-resource-name',
  severity: 'error',
  summary: 'Limit keys must be resource names Karpenter counts (cpu, memory, nodes, nvidia.com/gpu, …).',
  fix: 'Use the resource name the device plugin registers, e.g. nvidia.com/gpu, amd.com/gpu, aws.amazon.com/neuron.',
  check: ({ pools }) =>
    pools.flatMap((facts) =>
      facts.pool.limits.flatMap((limit): Hit[] => {
        const name = limit.resource;
        if (isLimitResource(name)) return [];
        const alias = RESOURCE_ALIASES[name.toLowerCase()];
        const close = nearest(name, LIMIT_RESOURCES, 1, 2)[0];
        // An unfamiliar qualified name (example.com/widget) is a legitimate extended resource.
        if (name.includes('/') && !alias && !close) return [];
        const suggestion = alias ?? close;
        const mechanical = suggestion !== undefined && mechanicalRename(name, suggestion, facts);
        return [
          {
            file: facts.pool.ref.file,
            span: limit.keySpan,
            message: `limit "${name}" is not a resource Karpenter counts, so this limit never applies${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
            fix: suggestion ? `Rename the limit to ${suggestion}.` : undefined,
            edits: mechanical
              ? [replaceScalar(facts.pool.ref.file, limit.keySpan, suggestion, limit.keyStyle)]
              : undefined,
          },
        ];
      }),
    ),
};

/**
 * Renaming `gpu` is only mechanical when the pool's GPUs all come from the vendor the new name belongs
 * to; `cpus` → `cpu` always is.
 */
function mechanicalRename(name: string, suggestion: string, facts: PoolFacts): boolean {
  if (!suggestion.endsWith('/gpu')) return RESOURCE_ALIASES[name.toLowerCase()] === suggestion;
  const vendor = suggestion.startsWith('nvidia') ? 'nvidia' : 'amd';
  const gpuTypes = facts.resolved?.types.filter((t) => (t.gpu?.count ?? 0) > 0) ?? [];
  return gpuTypes.length > 0 && gpuTypes.every((t) => t.gpu!.manufacturer.toLowerCase() === vendor);
}

const KNOWN_KEYS = [...WELL_KNOWN_LABEL_KEYS];

const labelKeyUnknown: Rule = {
  id: 'label-key-unknown',
  severity: 'error',
  summary: 'Requirement keys in Karpenter and Kubernetes label domains must be well-known labels.',
  fix: 'Use the well-known label (see the Karpenter scheduling docs), or a key in your own domain for a custom label.',
  check: ({ pools }) =>
    pools.flatMap(({ pool }) =>
      pool.requirements.flatMap((r): Hit[] => {
        const key = r.key;
        if (WELL_KNOWN_LABEL_KEYS.has(key) || key in DEPRECATED_LABEL_KEYS) return [];
        const domain = labelDomain(key);
        const reserved =
          domain !== undefined && WELL_KNOWN_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
        const close = nearest(key, KNOWN_KEYS, 1, 2)[0];
        if (!reserved && !close) return [];
        const karpenterDomain = domain === 'karpenter.sh' || domain === 'karpenter.k8s.aws';
        return [
          {
            file: pool.ref.file,
            span: r.keySpan,
            message: `"${key}" is not a well-known label${close ? ` (did you mean ${close}?)` : ''}; Karpenter treats it as a custom label and it selects no instance property`,
            fix: close ? `Use ${close}.` : undefined,
            severity: karpenterDomain ? 'error' : 'warning',
            // A restricted domain is the API server's finding at this key; this adds the spelling.
            sameCauseAs: { rule: 'cel', ref: pool.ref, certain: false },
          },
        ];
      }),
    ),
};

const labelKeyDeprecated: Rule = {
  id: 'label-key-deprecated',
  severity: 'info',
  summary: 'Deprecated beta labels still work but are translated; use the stable key.',
  fix: 'Use the stable label key.',
  check: ({ pools }) =>
    pools.flatMap(({ pool }) =>
      pool.requirements
        .filter((r) => r.key in DEPRECATED_LABEL_KEYS)
        .map((r): Hit => {
          const stable = DEPRECATED_LABEL_KEYS[r.key]!;
          return {
            file: pool.ref.file,
            span: r.keySpan,
            message: `"${r.key}" is deprecated; Karpenter translates it to ${stable}`,
            fix: `Use ${stable}.`,
            edits: [replaceScalar(pool.ref.file, r.keySpan, stable, r.keyStyle)],
          };
        }),
    ),
};

const INTEGER_OPERATORS = new Set(['Gt', 'Lt', 'Gte', 'Lte']);

/** The CRD of this pool's API version checks requirements itself (v1alpha5 has no such rules). */
const crdChecked = (pool: NodePoolModel) => pool.generation !== 'v1alpha5';

const requirementInvalid: Rule = {
  id: 'requirement-invalid',
  severity: 'error',
  summary: 'Requirements need a valid operator and values that fit it.',
  fix: 'In/NotIn take one or more values, Exists/DoesNotExist none, Gt/Lt/Gte/Lte exactly one integer.',
  check: ({ pools }) =>
    pools.flatMap(({ pool }) =>
      pool.requirements.flatMap((r): Hit[] => {
        const file = pool.ref.file;
        const byServer = (rule: 'schema' | 'cel', certain = true) =>
          crdChecked(pool) ? { sameCauseAs: { rule, ref: pool.ref, certain } } : {};
        if (!r.key) return [{ file, span: r.span, message: 'requirement has no key', ...byServer('schema') }];
        // Values that are no list are the schema's finding (every API version types them).
        if (r.valuesMalformed) return [];
        if (!REQUIREMENT_OPERATORS.includes(r.operator)) {
          const exact = REQUIREMENT_OPERATORS.find((op) => op.toLowerCase() === r.operator.toLowerCase());
          const close = exact ?? nearest(r.operator, REQUIREMENT_OPERATORS, 1, 2)[0];
          return [
            {
              file,
              span: r.operatorSpan,
              message: `operator "${r.operator}" is not one of ${REQUIREMENT_OPERATORS.join(', ')}`,
              fix: close ? `Use ${close}.` : undefined,
              edits: exact ? [replaceScalar(file, r.operatorSpan, exact, 'plain')] : undefined,
              ...byServer('schema'),
            },
          ];
        }
        const count = r.values.length;
        if ((r.operator === 'In' || r.operator === 'NotIn') && count === 0)
          return [
            {
              file,
              span: r.operatorSpan,
              message: `${r.operator} on ${r.key} needs at least one value`,
              ...(r.operator === 'In' ? byServer('cel') : {}),
            },
          ];
        if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && count > 0)
          return [{ file, span: r.operatorSpan, message: `${r.operator} on ${r.key} takes no values` }];
        if (INTEGER_OPERATORS.has(r.operator) && (count !== 1 || !/^\d+$/.test(r.values[0]!.value.trim())))
          return [
            {
              file,
              span: r.operatorSpan,
              message: `${r.operator} on ${r.key} needs exactly one non-negative integer value`,
              ...byServer('cel'),
            },
          ];
        return [];
      }),
    ),
};

const minValuesExceedsValues: Rule = {
  id: 'min-values-exceeds-values',
  severity: 'error',
  summary: 'minValues must not exceed the number of values the requirement can match.',
  fix: 'Lower minValues or allow more values.',
  check: ({ pools }) =>
    pools.flatMap(({ pool, resolved }) =>
      pool.requirements.flatMap((r): Hit[] => {
        if (!r.minValues) return [];
        const file = pool.ref.file;
        if (r.operator === 'In' && r.minValues.value > r.values.length) {
          return [
            {
              file,
              span: r.minValues.span,
              message: `minValues ${r.minValues.value} on ${r.key} is more than its ${r.values.length} value${r.values.length === 1 ? '' : 's'}; the NodePool is rejected`,
              fix: `Set minValues to at most ${r.values.length}, or list more values.`,
              sameCauseAs: { rule: 'cel', ref: pool.ref, certain: crdChecked(pool) },
            },
          ];
        }
        if (!resolved) return [];
        const key = canonicalKey(r.key);
        const distinct = new Set(resolved.types.map((t) => karpenterLabels(t)[key]).filter(Boolean));
        if (distinct.size === 0 || r.minValues.value <= distinct.size) return [];
        return [
          {
            file,
            span: r.minValues.span,
            message: `minValues ${r.minValues.value} on ${r.key}, but the allowed instance types have only ${distinct.size} distinct value${distinct.size === 1 ? '' : 's'}; nothing can launch`,
            fix: `Lower minValues to ${distinct.size} or widen the other requirements.`,
            severity: 'warning',
          },
        ];
      }),
    ),
};

const MAX_REQUIREMENTS = 100;

const requirementsTooMany: Rule = {
  id: 'requirements-too-many',
  severity: 'error',
  summary: 'Requirements plus template labels may not exceed 100.',
  fix: 'Merge requirements on the same key, or move labels elsewhere.',
  check: ({ pools }) =>
    pools.flatMap(({ pool }): Hit[] => {
      const total = pool.requirements.length + Object.keys(pool.labels).length;
      if (total <= MAX_REQUIREMENTS) return [];
      // The CRD caps the requirements list alone at the same number; that is its finding.
      const byServer =
        crdChecked(pool) && pool.requirements.length > MAX_REQUIREMENTS
          ? { sameCauseAs: { rule: 'schema' as const, ref: pool.ref, certain: true } }
          : {};
      return [
        {
          file: pool.ref.file,
          span: pool.requirementsSpan ?? pool.ref.span,
          message: `${pool.requirements.length} requirements and ${Object.keys(pool.labels).length} labels make ${total}; Karpenter allows ${MAX_REQUIREMENTS}`,
          ...byServer,
        },
      ];
    }),
};

const weightWithReplicas: Rule = {
  id: 'weight-with-replicas',
  severity: 'error',
  summary: 'A static NodePool (replicas set) cannot have a weight.',
  fix: 'Remove weight, or remove replicas to make the NodePool dynamic.',
  check: ({ pools }) =>
    pools
      .filter(({ pool }) => pool.weight && pool.replicas)
      .map(({ pool }) => ({
        file: pool.ref.file,
        span: pool.weight!.span,
        message: `weight is not supported on a static NodePool (replicas: ${pool.replicas!.value})`,
        sameCauseAs: { rule: 'cel' as const, ref: pool.ref, certain: pool.generation === 'v1' },
      })),
};

const budgetScheduleWithoutDuration: Rule = {
  id: 'budget-schedule-without-duration',
  severity: 'error',
  summary: 'Disruption budgets must set schedule and duration together.',
  fix: 'Add the missing schedule or duration (e.g. duration: 8h).',
  check: ({ pools }) =>
    pools.flatMap(({ pool }) =>
      pool.disruption.budgets
        .filter((b) => (b.schedule === undefined) !== (b.duration === undefined))
        .map((b) => ({
          file: pool.ref.file,
          span: b.span,
          message:
            b.schedule !== undefined
              ? `budget has schedule "${b.schedule}" but no duration; the NodePool is rejected`
              : `budget has duration "${b.duration}" but no schedule; the NodePool is rejected`,
          sameCauseAs: { rule: 'cel' as const, ref: pool.ref, certain: crdChecked(pool) },
        })),
    ),
};

const ttlAfterEmptyWithConsolidation: Rule = {
  id: 'ttl-after-empty-with-consolidation',
  severity: 'error',
  summary: 'ttlSecondsAfterEmpty and consolidation.enabled cannot be used together.',
  fix: 'Keep consolidation (it also removes empty nodes) and delete ttlSecondsAfterEmpty.',
  check: ({ pools }) =>
    pools
      .filter(
        ({ pool }) =>
          pool.disruption.ttlSecondsAfterEmpty && pool.disruption.consolidationEnabled?.value === true,
      )
      .map(({ pool }) => ({
        file: pool.ref.file,
        span: pool.disruption.ttlSecondsAfterEmpty!.span,
        message:
          'ttlSecondsAfterEmpty is set together with consolidation.enabled: true; Karpenter rejects the Provisioner',
      })),
};

const consolidateAfterWithUnderutilized: Rule = {
  id: 'consolidate-after-with-underutilized',
  severity: 'error',
  summary: 'v1beta1 does not allow consolidateAfter with consolidationPolicy WhenUnderutilized.',
  fix: 'Remove consolidateAfter, or move to karpenter.sh/v1 where it applies to both policies.',
  check: ({ pools }) =>
    pools
      .filter(
        ({ pool }) =>
          pool.generation === 'v1beta1' &&
          pool.disruption.consolidateAfter &&
          (pool.disruption.consolidationPolicy?.value ?? 'WhenUnderutilized') === 'WhenUnderutilized',
      )
      .map(({ pool }) => ({
        file: pool.ref.file,
        span: pool.disruption.consolidateAfter!.span,
        message: 'consolidateAfter cannot be combined with consolidationPolicy WhenUnderutilized in v1beta1',
        sameCauseAs: { rule: 'cel' as const, ref: pool.ref, certain: true },
      })),
};

const limitsMissing: Rule = {
  id: 'limits-missing',
  severity: 'warning',
  summary: 'Dynamic NodePools should set limits, so a runaway scale-up (or a bad deploy) has a ceiling.',
  fix: 'Add limits (e.g. cpu: 1000, memory: 1000Gi, nvidia.com/gpu for GPU pools) sized to what the pool may cost at most.',
  check: ({ pools }) =>
    pools
      .filter(({ pool }) => pool.limits.length === 0 && !pool.replicas)
      .map(({ pool }) => ({
        file: pool.ref.file,
        span: pool.ref.span,
        message: `${pool.kind} ${pool.name} has no limits: Karpenter launches as many nodes as pending pods ask for`,
      })),
};

const instanceTypeUnknown: Rule = {
  id: 'instance-type-unknown',
  severity: 'error',
  summary: 'Instance types and families named in requirements must exist.',
  fix: 'Fix the name; `spotctl suggest` lists real types.',
  needsCatalog: true,
  check: ({ pools, catalog }) =>
    pools.flatMap(({ pool, resolved }) => {
      if (!resolved || !catalog) return [];
      const hits: Hit[] = [];
      for (const r of pool.requirements) {
        const key = canonicalKey(r.key);
        const unknown =
          key === 'node.kubernetes.io/instance-type'
            ? resolved.unknownTypes
            : key === 'karpenter.k8s.aws/instance-family'
              ? resolved.unknownFamilies
              : [];
        const names =
          key === 'node.kubernetes.io/instance-type'
            ? catalog.map((t) => t.instanceType)
            : [...new Set(catalog.map((t) => t.family))];
        for (const value of r.values.filter((v) => unknown.includes(v.value))) {
          const close = nearest(value.value, names, 1, 2)[0];
          hits.push({
            file: pool.ref.file,
            span: value.span,
            message: `${key === 'node.kubernetes.io/instance-type' ? 'instance type' : 'instance family'} "${value.value}" does not exist${close ? ` (did you mean ${close}?)` : ''}`,
            fix: close ? `Use ${close}.` : undefined,
          });
        }
      }
      return hits;
    }),
};

const noInstanceTypes: Rule = {
  id: 'no-instance-types',
  severity: 'error',
  summary: 'The requirements must allow at least one instance type for an allowed capacity type.',
  fix: 'Widen the requirements (families, sizes, cpu/memory bounds) or fix the capacity types.',
  needsCatalog: true,
  check: ({ pools }) =>
    pools
      .filter(
        ({ resolved, capacityTypes }) =>
          resolved && (resolved.types.length === 0 || capacityTypes.length === 0),
      )
      // An operator Karpenter does not know, or values that are no list, match nothing: that
      // requirement's finding is the cause.
      .filter(({ pool }) =>
        pool.requirements.every((r) => REQUIREMENT_OPERATORS.includes(r.operator) && !r.valuesMalformed),
      )
      .map(({ pool, capacityTypes }) => ({
        file: pool.ref.file,
        span: pool.requirementsSpan ?? pool.ref.span,
        message:
          capacityTypes.length === 0
            ? `${pool.kind} ${pool.name} allows no valid capacity type, so it can launch nothing`
            : `${pool.kind} ${pool.name} matches no instance type, so it can launch nothing`,
      })),
};

export const NODEPOOL_RULES: Rule[] = [
  capacityTypeValue,
  limitResourceName,
  labelKeyUnknown,
  labelKeyDeprecated,
  requirementInvalid,
  minValuesExceedsValues,
  requirementsTooMany,
  weightWithReplicas,
  budgetScheduleWithoutDuration,
  ttlAfterEmptyWithConsolidation,
  consolidateAfterWithUnderutilized,
  limitsMissing,
  instanceTypeUnknown,
  noInstanceTypes,
];
