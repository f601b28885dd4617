/**
 * init questions, part of the one table in `../questions.ts`. Who the pool is for: the cluster, the workload and the instance types it may use.
 */
import { inputError, usageError } from '../../errors.js';
import { WORKLOADS } from '../types.js';
import { clusterNameProblem, POOL_NAME, POOL_NAME_MAX, regionProblem, splitSeeds } from '../validate.js';
import { listAnswer, oneOf, question, type Question, text, whole } from '../question-types.js';

export const POOL_QUESTIONS: readonly Question[] = [
  question({
    id: 'region',
    flag: { name: 'region', kind: 'string', shared: true, description: 'AWS Region.', toAnswer: text },
    summary: 'the AWS Region',
    required: true,
    check: (value) => regionProblem(value),
    reject: (value) =>
      inputError('UNKNOWN_REGION', `unknown AWS Region "${value}"`, {
        suggestions: ['Pass a Region code such as us-east-1 or ap-southeast-1.'],
      }),
    prompt: {
      kind: 'text',
      message: 'AWS Region of the cluster',
      verify: (value, _answers, services) => services.checkRegion(value.trim()),
    },
  }),
  question({
    id: 'clusterName',
    flag: {
      name: 'cluster-name',
      kind: 'string',
      env: 'SPOTCTL_CLUSTER_NAME',
      description:
        'EKS cluster name; subnets and security groups are selected by its karpenter.sh/discovery tag.',
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
      message: 'EKS cluster name (its subnets and security groups carry karpenter.sh/discovery=<name>)',
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
    /** `gpu` for a GPU pool (as the seed named it), `default` otherwise. */
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
      exclusive: ['families'],
      description: 'Seed instance types, comma-separated.',
      toAnswer: listAnswer,
    },
    summary: 'the seed instance types',
    group: 'seeds',
    required: true,
    prompt: {
      kind: 'text',
      message: 'Seed instance types or families, comma-separated (e.g. g4dn.xlarge,g4dn.2xlarge or m6i,m7i)',
      validate: (value) => {
        const { types, families } = splitSeeds(value.split(','));
        if (types.length === 0 && families.length === 0) return 'name at least one instance type or family';
        if (types.length > 0 && families.length > 0)
          return 'give either instance types or families, not both';
        return undefined;
      },
      verify: (value, answers, services) => services.checkSeeds(answers, splitSeeds(value.split(','))),
      parse: (value) => splitSeeds(value.split(',')),
    },
  }),
  question({
    id: 'families',
    flag: {
      name: 'families',
      kind: 'list',
      description: 'Instance families instead of types, comma-separated.',
      toAnswer: listAnswer,
    },
    summary: 'the seed instance families',
    group: 'seeds',
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
      description: 'Add the suggested types (all of them with --yes); --no-suggested keeps exactly --types.',
      // --suggested leaves the choice open (all are taken); --no-suggested answers it: none.
      toAnswer: (raw) => (raw === false ? [] : undefined),
    },
    summary: 'accept the suggested additional types',
    prompt: {
      kind: 'suggestions',
      message: 'Add these types too? (more types = more Spot capacity pools; all pre-selected)',
    },
  }),
];
