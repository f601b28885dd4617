/**
 * init questions, part of the one table in `../questions.ts`. Who the pool is for: the cluster, the workload and the instance types it may use.
 */
import { inputError, usageError } from '../../errors.js';
import { WORKLOADS } from '../types.js';
import { KNOWN_REGIONS } from '../../catalog/regions.js';
import { nearest } from '../../text/nearest.js';
import {
  clusterNameProblem,
  POOL_NAME,
  POOL_NAME_MAX,
  regionChoices,
  regionProblem,
  splitSeeds,
} from '../validate.js';
import {
  DEFAULT_CATEGORIES,
  DEFAULT_GPU_FAMILIES,
  listAnswer,
  oneOf,
  question,
  type Question,
  text,
  whole,
} from '../question-types.js';

export const POOL_QUESTIONS: readonly Question[] = [
  question({
    id: 'region',
    flag: { name: 'region', kind: 'string', shared: true, description: 'AWS Region.', toAnswer: text },
    summary: 'the AWS Region',
    required: true,
    check: (value) => regionProblem(value),
    reject: (value) => {
      const close = nearest(value, KNOWN_REGIONS);
      return inputError('UNKNOWN_REGION', `unknown AWS Region "${value}"`, {
        suggestions: [
          close.length > 0
            ? `Did you mean ${close.join(', ')}?`
            : 'Pass a Region code such as us-east-1 or ap-southeast-1.',
        ],
      });
    },
    prompt: {
      kind: 'search',
      message: (_answers, hints) =>
        hints.region
          ? `AWS Region of the cluster (your profile says ${hints.region})`
          : 'AWS Region of the cluster',
      choices: (term, hints) => regionChoices(term, hints.region),
      verify: (value, _answers, services) => services.checkRegion(value),
    },
  }),
  question({
    id: 'clusterName',
    flag: {
      name: 'cluster-name',
      kind: 'string',
      env: 'SPOTCTL_CLUSTER_NAME',
      description: 'EKS cluster name; its karpenter.sh/discovery tag selects subnets and security groups.',
      toAnswer: text,
    },
    summary: 'the EKS cluster name',
    required: true,
    check: (value) => clusterNameProblem(value),
    reject: (value) =>
      usageError('INVALID_CLUSTER_NAME', `"${value}" is not a valid EKS cluster name`, {
        suggestions: [
          'Pass --cluster-name with letters, digits, "-" and "_" only (as `aws eks list-clusters` shows).',
        ],
      }),
    prompt: {
      kind: 'text',
      message: (_answers, hints) =>
        hints.cluster
          ? `EKS cluster name (${hints.cluster.from} says ${hints.cluster.name})`
          : 'EKS cluster name (its subnets and security groups are tagged karpenter.sh/discovery=<name>)',
      // Karpenter's getting-started guide names its cluster "${USER}-karpenter-demo".
      default: (_answers, hints) =>
        hints.cluster?.name ?? (hints.user ? `${hints.user}-karpenter-demo` : 'karpenter-demo'),
    },
  }),
  question({
    id: 'name',
    flag: {
      name: 'name',
      kind: 'string',
      description: 'NodePool/Provisioner name (default: gpu or default).',
      toAnswer: text,
    },
    summary: 'the NodePool name',
    /** `gpu` for a GPU pool, `default` otherwise (as Karpenter's getting-started pool). */
    default: (answers) => (answers.workload === 'gpu' ? 'gpu' : 'default'),
    check: (value) =>
      POOL_NAME.test(value) && value.length <= POOL_NAME_MAX
        ? undefined
        : `lowercase letters, digits and "-", at most ${POOL_NAME_MAX} characters`,
    reject: (value) =>
      usageError('INVALID_POOL_NAME', `"${value}" is not a valid NodePool name`, {
        suggestions: [
          `Pass --name with lowercase letters, digits and "-", at most ${POOL_NAME_MAX} characters.`,
        ],
      }),
  }),
  question({
    id: 'workload',
    flag: {
      name: 'workload',
      kind: 'string',
      options: WORKLOADS,
      description: 'GPU pools get a GPU taint and a GPU limit (default: gpu when every type has GPUs).',
      toAnswer: oneOf(WORKLOADS),
    },
    summary: 'gpu or general',
    prompt: {
      kind: 'select',
      message: 'Workload',
      default: () => 'general',
      choices: () => [
        {
          value: 'gpu',
          name: 'GPU',
          description:
            'Nodes tainted nvidia.com/gpu:NoSchedule and limited in GPUs; only GPU pods land there.',
        },
        { value: 'general', name: 'General', description: 'No taint; any pod that fits.' },
      ],
    },
  }),
  question({
    id: 'podGpus',
    flag: {
      name: 'pod-gpus',
      kind: 'integer',
      min: 1,
      description: 'GPUs each pod needs.',
      toAnswer: whole,
    },
    summary: 'what each pod needs',
    group: 'pod',
    prompt: {
      kind: 'number',
      message: 'GPUs per pod',
      default: 1,
      min: 1,
      required: true,
      when: (answers) => answers.workload === 'gpu',
    },
  }),
  question({
    id: 'podVcpus',
    flag: {
      name: 'pod-vcpus',
      kind: 'integer',
      min: 1,
      description: 'vCPUs each pod needs (checks the types; lets suggestions go smaller).',
      toAnswer: whole,
    },
    summary: 'what each pod needs',
    group: 'pod',
    prompt: { kind: 'number', message: 'vCPUs per pod (blank: no minimum)', min: 0, required: false },
  }),
  question({
    id: 'podMemoryGiB',
    flag: {
      name: 'pod-memory',
      kind: 'integer',
      min: 1,
      description: 'Memory each pod needs, GiB.',
      toAnswer: whole,
    },
    summary: 'what each pod needs',
    group: 'pod',
    prompt: {
      kind: 'number',
      message: 'Memory per pod in GiB (blank: no minimum)',
      min: 0,
      step: 'any',
      required: false,
    },
  }),
  question({
    id: 'types',
    flag: {
      name: 'types',
      char: 't',
      kind: 'list',
      exclusive: ['families', 'categories'],
      description: 'Instance types to start from, comma-separated (suggestions are added).',
      toAnswer: listAnswer,
    },
    summary: 'the instance types',
    group: 'seeds',
    prompt: {
      kind: 'text',
      message: (answers) =>
        answers.workload === 'gpu'
          ? `Instance types or families, comma-separated (Enter: ${DEFAULT_GPU_FAMILIES.join(', ')}, NVIDIA)`
          : 'Instance types or families, comma-separated (Enter: any c, m or r type, generation 3+, as Karpenter suggests)',
      validate: (value) => {
        const { types, families } = splitSeeds(value.split(','));
        if (types.length > 0 && families.length > 0)
          return 'give either instance types or families, not both';
        return undefined;
      },
      verify: async (value, answers, services) => {
        const seeds = splitSeeds(value.split(','));
        return seeds.types.length + seeds.families.length === 0
          ? undefined
          : services.checkSeeds(answers, seeds);
      },
      parse: (value) => {
        const seeds = splitSeeds(value.split(','));
        return seeds.types.length > 0
          ? { types: seeds.types }
          : seeds.families.length > 0
            ? { families: seeds.families }
            : {};
      },
    },
  }),
  question({
    id: 'families',
    flag: {
      name: 'families',
      kind: 'list',
      exclusive: ['categories'],
      description: 'Instance families instead of types, comma-separated.',
      toAnswer: listAnswer,
    },
    summary: 'the instance families',
    group: 'seeds',
    default: (answers) =>
      answers.workload === 'gpu' && !answers.types?.length && !answers.categories?.length
        ? DEFAULT_GPU_FAMILIES
        : undefined,
  }),
  question({
    id: 'categories',
    flag: {
      name: 'categories',
      kind: 'list',
      description: 'Instance categories, generation 3+ (default without --types/--families: c,m,r).',
      toAnswer: listAnswer,
    },
    summary: 'the instance categories',
    group: 'seeds',
    default: (answers) =>
      answers.workload !== 'gpu' && !answers.types?.length && !answers.families?.length
        ? DEFAULT_CATEGORIES
        : undefined,
    check: (value) =>
      value.every((category) => /^[a-z]+$/.test(category))
        ? undefined
        : 'letters only, e.g. c,m,r (the part of a family name before its generation)',
    reject: (value, problem) =>
      usageError('INVALID_CATEGORIES', `--categories "${value.join(',')}" is not a list of categories`, {
        suggestions: [`Pass ${problem}.`],
      }),
  }),
  question({
    id: 'sizes',
    flag: {
      name: 'sizes',
      kind: 'list',
      description: 'With --families: sizes, comma-separated (e.g. xlarge,2xlarge).',
      toAnswer: listAnswer,
    },
    summary: 'the sizes of the families',
  }),
  question({
    id: 'addedTypes',
    flag: {
      name: 'suggested',
      kind: 'boolean',
      allowNo: true,
      description: 'Add the suggested types (all with --yes); --no-suggested keeps --types.',
      // --suggested leaves the choice open (all are taken); --no-suggested answers it: none.
      toAnswer: (raw) => (raw === false ? [] : undefined),
    },
    summary: 'accept the suggested additional types',
    prompt: {
      kind: 'suggestions',
      message: 'Add these types too? (more types, more Spot capacity to fall back on; all ticked)',
    },
  }),
];
