/**
 * init questions, part of the one table in `../questions.ts`. How the pool buys capacity, how big it may grow and when Karpenter replaces its nodes.
 */
import { usageError } from '../../errors.js';
import { CAPACITY_STRATEGIES, CONSOLIDATION_CHOICES, FALLBACK_SHAPES } from '../types.js';
import { BUDGET_NODES, durationProblem, limitProblem } from '../validate.js';
import {
  choiceAnswer,
  choiceProblem,
  invalidChoice,
  BUDGET,
  CPU_LIMIT,
  DEFAULT_CAPACITY,
  GPU_LIMIT,
  invalidDuration,
  invalidLimit,
  MEMORY_LIMIT,
  oneOf,
  question,
  type Question,
  text,
  v1,
} from '../question-types.js';

export const CAPACITY_QUESTIONS: readonly Question[] = [
  question({
    id: 'capacity',
    flag: {
      name: 'capacity',
      kind: 'string',
      description: 'spot-and-on-demand (default), spot or on-demand.',
      toAnswer: choiceAnswer(CAPACITY_STRATEGIES),
    },
    summary: 'capacity strategy',
    check: (value) => choiceProblem(value, CAPACITY_STRATEGIES),
    reject: invalidChoice('--capacity'),
    default: () => DEFAULT_CAPACITY,
    prompt: {
      kind: 'select',
      message: 'Capacity strategy',
      choices: () => [
        {
          value: 'spot-and-on-demand',
          name: 'Spot, falling back to On-Demand (recommended)',
          description:
            'Karpenter launches Spot and falls back to On-Demand within milliseconds when no Spot offering is available.',
        },
        { value: 'spot', name: 'Spot only', description: 'Cheapest; pods wait when Spot capacity runs out.' },
        { value: 'on-demand', name: 'On-Demand only', description: 'No interruptions; full price.' },
      ],
    },
  }),
  question({
    id: 'fallback',
    flag: {
      name: 'fallback',
      kind: 'string',
      options: FALLBACK_SHAPES,
      description:
        'With spot-and-on-demand: one pool, or a weighted Spot pool plus an On-Demand pool (default: single-pool).',
      toAnswer: oneOf(FALLBACK_SHAPES),
    },
    summary: 'one pool or weighted pools',
    default: () => 'single-pool',
    prompt: {
      kind: 'select',
      message: 'How should On-Demand back up Spot?',
      when: (answers) => answers.capacity === 'spot-and-on-demand',
      choices: () => [
        {
          value: 'single-pool',
          name: 'One pool allowing both capacity types',
          description:
            'Simplest and fastest: Karpenter prefers Spot and falls back per launch. One set of limits covers both, so On-Demand spend is not capped separately.',
        },
        {
          value: 'weighted-pools',
          name: 'A weighted Spot pool plus an On-Demand pool',
          description:
            'Separate limits (cap On-Demand), separate disruption settings. Fallback happens only when the Spot pool cannot launch at all, and is harder to predict (users report the lower-weight pool going unused).',
        },
      ],
    },
  }),
  question({
    id: 'cpuLimit',
    flag: {
      name: 'cpu-limit',
      kind: 'string',
      description: `Pool limit on vCPUs, or none (default: ${CPU_LIMIT}).`,
      toAnswer: text,
    },
    summary: 'pool limits',
    default: () => CPU_LIMIT,
    check: (value) => limitProblem(value, 'cpu'),
    reject: invalidLimit('--cpu-limit'),
    prompt: { kind: 'text', message: 'Pool limit: total vCPUs (or none)' },
  }),
  question({
    id: 'memoryLimit',
    flag: {
      name: 'memory-limit',
      kind: 'string',
      description: `Pool limit on memory, or none (default: ${MEMORY_LIMIT}).`,
      toAnswer: text,
    },
    summary: 'pool limits',
    default: () => MEMORY_LIMIT,
    check: (value) => limitProblem(value, 'memory'),
    reject: invalidLimit('--memory-limit'),
    prompt: { kind: 'text', message: 'Pool limit: total memory (or none)' },
  }),
  question({
    id: 'gpuLimit',
    flag: {
      name: 'gpu-limit',
      kind: 'string',
      description: `GPU pools: limit on GPUs, or none (default: ${GPU_LIMIT}).`,
      toAnswer: text,
    },
    summary: 'pool limits',
    default: (answers) => (answers.workload === 'gpu' ? GPU_LIMIT : 'none'),
    check: (value) => limitProblem(value, 'gpu'),
    reject: (value) =>
      usageError('INVALID_LIMIT', `--gpu-limit "${value}" is not a whole number of GPUs`, {
        suggestions: ['Pass e.g. --gpu-limit 100 (or none).'],
      }),
    prompt: {
      kind: 'text',
      message: 'Pool limit: total GPUs (or none)',
      when: (answers) => answers.workload === 'gpu',
    },
  }),
  question({
    id: 'consolidation',
    flag: {
      name: 'consolidation',
      kind: 'string',
      helpGroup: 'DISRUPTION',
      description:
        'when-empty-or-underutilized (v1 default) or when-empty (v1alpha5 default): which nodes Karpenter removes or replaces.',
      toAnswer: choiceAnswer(CONSOLIDATION_CHOICES),
    },
    summary: 'which nodes are consolidated',
    check: (value) => choiceProblem(value, CONSOLIDATION_CHOICES),
    reject: invalidChoice('--consolidation'),
    /**
     * v1: Karpenter's default policy. v1alpha5: empty nodes only — `consolidation` only exists
     * from v0.15, `ttlSecondsAfterEmpty` in every v1alpha5 release.
     */
    default: (answers) => (v1(answers) ? 'when-empty-or-underutilized' : 'when-empty'),
  }),
  question({
    id: 'consolidateAfter',
    flag: {
      name: 'consolidate-after',
      kind: 'string',
      helpGroup: 'DISRUPTION',
      description:
        'How long a node must be empty/underutilized first (default: 1m for v1, 30s for v1alpha5).',
      toAnswer: text,
    },
    summary: 'how long before consolidation',
    /** v1: after a minute rather than Karpenter's 0s, so a short lull does not replace nodes pods are about to use. */
    default: (answers) => (v1(answers) ? '1m' : '30s'),
    check: (value) => durationProblem(value),
    reject: invalidDuration('--consolidate-after'),
  }),
  question({
    id: 'expireAfter',
    flag: {
      name: 'expire-after',
      kind: 'string',
      helpGroup: 'DISRUPTION',
      description: 'Node lifetime, e.g. 720h or Never (default: 720h for v1, Never for v1alpha5).',
      toAnswer: text,
    },
    summary: 'node lifetime',
    /** v1 makes nodes expire after 720h by default; v1alpha5 never expired them unless told to. */
    default: (answers) => (v1(answers) ? '720h' : 'Never'),
    check: (value) => durationProblem(value),
    reject: invalidDuration('--expire-after'),
  }),
  question({
    id: 'budgetNodes',
    flag: {
      name: 'budget-nodes',
      kind: 'string',
      helpGroup: 'DISRUPTION',
      description: `v1: most nodes disrupted at once, count or % (default: ${BUDGET}).`,
      toAnswer: text,
    },
    summary: 'the disruption budget',
    default: () => BUDGET,
    check: (value) =>
      BUDGET_NODES.test(value) ? undefined : 'a node count such as 2 or a percentage such as 10%',
    reject: (value) =>
      usageError('INVALID_BUDGET', `--budget-nodes "${value}" is not a node count or percentage`, {
        suggestions: ['Pass a count such as 2 or a percentage such as 10%.'],
      }),
  }),
];
