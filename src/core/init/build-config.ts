/**
 * Answers → config: fill defaults, check every value the way Karpenter, the NTH chart and SQS will, and
 * say what was ignored. Pure: the instance-type facts come in from the catalog.
 */
import { usageError, inputError, type SpotctlError } from '../errors.js';
import { durationSeconds } from '../emit/duration.js';
import {
  DEFAULTS,
  defaultConsolidation,
  defaultExpireAfter,
  defaultInterruption,
  defaultName,
  defaultNodeRole,
  defaultQueueName,
  defaultRebalance,
} from './defaults.js';
import {
  AMI_ALIAS,
  BUDGET_NODES,
  clusterNameProblem,
  durationProblem,
  limitProblem,
  POOL_NAME,
  POOL_NAME_MAX,
  queueNameProblem,
  QUEUE_URL,
  regionProblem,
} from './validate.js';
import type { GpuResource, InitAnswers, InitConfig, TypeFacts, Workload } from './types.js';

export interface InitConfigResult {
  config: InitConfig;
  /** Things the user should know: ignored answers, risky choices. For stderr and the JSON result. */
  notes: string[];
}

/**
 * Build the complete config from answers and the facts of the chosen types (seeds and accepted
 * suggestions, or every type of the chosen families). Throws a usage or input error naming the flag.
 */
export function buildInitConfig(answers: InitAnswers, facts: TypeFacts[]): InitConfigResult {
  const notes: string[] = [];
  const region = required(answers.region, '--region', 'the AWS Region, e.g. --region us-east-1');
  if (regionProblem(region)) {
    throw inputError('UNKNOWN_REGION', `unknown AWS Region "${region}"`, {
      suggestions: ['Pass a Region code such as us-east-1 or ap-southeast-1.'],
    });
  }
  const clusterName = required(answers.clusterName, '--cluster-name', 'the EKS cluster name');
  if (clusterNameProblem(clusterName)) {
    throw usageError('INVALID_CLUSTER_NAME', `"${clusterName}" is not a valid EKS cluster name`, {
      suggestions: [
        'Pass --cluster-name with letters, digits, "-" and "_" only (as `aws eks list-clusters` shows).',
      ],
    });
  }

  const types = unique([...(answers.types ?? []), ...(answers.addedTypes ?? [])]);
  const families = unique(answers.families ?? []);
  const sizes = unique(answers.sizes ?? []);
  if (types.length > 0 && families.length > 0) {
    throw usageError('TYPES_AND_FAMILIES', '--types and --families cannot be combined', {
      suggestions: [
        'Pass either exact types (--types g4dn.xlarge,g4dn.2xlarge) or families (--families g4dn --sizes xlarge,2xlarge).',
      ],
    });
  }
  if (types.length === 0 && families.length === 0) {
    throw usageError('NO_INSTANCE_TYPES', 'no instance types or families given', {
      suggestions: ['Pass --types g4dn.xlarge,g4dn.2xlarge (or --families g4dn).'],
    });
  }
  if (sizes.length > 0 && families.length === 0) {
    throw usageError('SIZES_WITHOUT_FAMILIES', '--sizes only applies with --families', {
      suggestions: ['Pass --families as well, or list exact types with --types.'],
    });
  }
  if (facts.length === 0) {
    throw inputError('NO_MATCHING_TYPES', `no instance type matches ${describeSelection(families, sizes)}`, {
      suggestions: ['Check the family and size names, e.g. --families g4dn --sizes xlarge,2xlarge.'],
    });
  }

  const gpuFacts = facts.filter((fact) => (fact.gpu?.count ?? 0) > 0);
  const workload: Workload = answers.workload ?? (gpuFacts.length === facts.length ? 'gpu' : 'general');
  const gpuResource = workload === 'gpu' ? gpuResourceFor(facts) : undefined;
  if (workload === 'general' && gpuFacts.length > 0) {
    notes.push(
      `${gpuFacts.map((f) => f.instanceType).join(', ')} ${gpuFacts.length === 1 ? 'has' : 'have'} GPUs but the workload is general: pods that do not use them pay for them. Pass --workload gpu for a GPU pool (taint and GPU limit).`,
    );
  }
  checkPodFits(facts, answers.pod ?? {});

  const name = answers.name ?? defaultName(workload);
  if (!POOL_NAME.test(name) || name.length > POOL_NAME_MAX) {
    throw usageError('INVALID_POOL_NAME', `"${name}" is not a valid NodePool name`, {
      suggestions: [
        `Pass --name with lowercase letters, digits and "-", at most ${POOL_NAME_MAX} characters.`,
      ],
    });
  }

  const capacity = answers.capacity ?? DEFAULTS.capacity;
  let fallback = answers.fallback ?? DEFAULTS.fallback;
  if (capacity !== 'spot-and-on-demand' && fallback === 'weighted-pools') {
    notes.push(
      `--fallback weighted-pools ignored: it needs --capacity spot-and-on-demand (got ${capacity}).`,
    );
    fallback = 'single-pool';
  }

  const api = answers.api ?? DEFAULTS.api;
  const limits = {
    ...quantityLimit('cpu', answers.cpuLimit ?? DEFAULTS.cpuLimit, '--cpu-limit'),
    ...quantityLimit('memory', answers.memoryLimit ?? DEFAULTS.memoryLimit, '--memory-limit'),
    ...gpuLimit(answers.gpuLimit ?? (workload === 'gpu' ? DEFAULTS.gpuLimit : 'none'), workload),
  };

  const consolidationDefault = defaultConsolidation(api);
  const consolidateAfter = answers.consolidateAfter ?? consolidationDefault.after;
  checkDuration(consolidateAfter, '--consolidate-after');
  const consolidationPolicy =
    (answers.consolidation ?? consolidationDefault.consolidation) === 'when-empty'
      ? 'WhenEmpty'
      : 'WhenEmptyOrUnderutilized';
  const expireAfter = answers.expireAfter ?? defaultExpireAfter(api);
  checkDuration(expireAfter, '--expire-after');
  const budgetNodes = answers.budgetNodes ?? DEFAULTS.budgetNodes;
  if (!BUDGET_NODES.test(budgetNodes)) {
    throw usageError('INVALID_BUDGET', `--budget-nodes "${budgetNodes}" is not a node count or percentage`, {
      suggestions: ['Pass a count such as 2 or a percentage such as 10%.'],
    });
  }
  if (api === 'v1alpha5') {
    if (consolidationPolicy === 'WhenEmptyOrUnderutilized' && answers.consolidateAfter !== undefined) {
      notes.push(
        'v1alpha5 consolidation cannot be delayed: --consolidate-after is ignored with when-empty-or-underutilized.',
      );
    }
    if (answers.budgetNodes !== undefined)
      notes.push('v1alpha5 has no disruption budgets: --budget-nodes is ignored.');
  }

  const provider = answers.provider ?? 'node-template';
  if (api === 'v1' && provider === 'inline') {
    throw usageError('INLINE_PROVIDER_V1', '--inline-provider only exists in v1alpha5', {
      suggestions: ['Drop --inline-provider, or pass --api v1alpha5.'],
    });
  }
  const amiAlias = answers.amiAlias ?? DEFAULTS.amiAlias;
  if (!AMI_ALIAS.test(amiAlias)) {
    throw usageError('INVALID_AMI_ALIAS', `--ami-alias "${amiAlias}" is not an EC2NodeClass alias`, {
      suggestions: ['Pass family@version, e.g. al2023@latest, bottlerocket@latest or al2@latest.'],
    });
  }
  if (answers.nodeRole && answers.instanceProfile) {
    throw usageError('ROLE_AND_PROFILE', '--node-role and --instance-profile cannot be combined', {
      suggestions: [
        'An EC2NodeClass takes exactly one of them: pass --node-role (Karpenter creates the profile).',
      ],
    });
  }
  const identity =
    api === 'v1'
      ? answers.instanceProfile
        ? { instanceProfile: answers.instanceProfile }
        : { nodeRole: answers.nodeRole ?? defaultNodeRole(clusterName) }
      : answers.instanceProfile
        ? { instanceProfile: answers.instanceProfile }
        : {};
  if (api === 'v1alpha5' && answers.nodeRole) {
    notes.push(
      'v1alpha5 has no node role field: --node-role is ignored (use --instance-profile, or Karpenter’s aws.defaultInstanceProfile setting).',
    );
  }

  const interruption = interruptionConfig(answers, api, clusterName, region, notes);

  return {
    config: {
      region,
      clusterName,
      name,
      workload,
      pod: answers.pod ?? {},
      instanceTypes: types,
      families,
      sizes,
      architectures: architecturesOf(facts),
      capacity,
      fallback,
      limits,
      ...(gpuResource ? { gpuResource } : {}),
      disruption: { consolidationPolicy, consolidateAfter, budgetNodes },
      expireAfter,
      api,
      provider,
      ...identity,
      amiAlias,
      interruption,
      outputDir: answers.outputDir ?? DEFAULTS.outputDir,
    },
    notes,
  };
}

function interruptionConfig(
  answers: InitAnswers,
  api: InitConfig['api'],
  clusterName: string,
  region: string,
  notes: string[],
): InitConfig['interruption'] {
  const mode = answers.interruption ?? defaultInterruption(api);
  const rebalance = answers.nthRebalance ?? defaultRebalance(api);
  const prometheus = answers.nthPrometheus ?? DEFAULTS.nthPrometheus;
  if (mode !== 'native' && answers.interruptionQueue !== undefined) {
    notes.push(
      `--interruption-queue is for Karpenter's native handling: ignored with --interruption ${mode}.`,
    );
  }
  if (mode === 'native') {
    const queueName = answers.interruptionQueue ?? defaultQueueName(clusterName);
    checkQueueName(queueName);
    if (prometheus)
      notes.push('--nth-prometheus ignored: no NTH is installed with native interruption handling.');
    return { mode, queueName, rebalance, prometheus: false };
  }
  if (mode === 'nth-queue') {
    if (!answers.nthQueueUrl) {
      throw usageError('NTH_QUEUE_URL_REQUIRED', 'NTH queue mode needs the URL of its SQS queue', {
        suggestions: [
          'Pass --nth-queue-url https://sqs.<region>.amazonaws.com/<account-id>/<queue-name> (a queue of its own: Karpenter deletes messages it does not own).',
        ],
      });
    }
    const match = QUEUE_URL.exec(answers.nthQueueUrl);
    if (!match) {
      throw usageError(
        'INVALID_QUEUE_URL',
        `--nth-queue-url "${answers.nthQueueUrl}" is not an SQS queue URL`,
        {
          suggestions: [
            'Pass the queue URL (`aws sqs get-queue-url --queue-name <name>`), not its ARN or name.',
          ],
        },
      );
    }
    const urlRegion = /sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(answers.nthQueueUrl)?.[1];
    if (urlRegion && urlRegion !== region) {
      notes.push(
        `--nth-queue-url is in ${urlRegion} but the cluster is in ${region}: NTH reads the queue of its own Region.`,
      );
    }
    if (answers.nthRebalance !== undefined) {
      notes.push(
        '--nth-rebalance ignored: in queue mode NTH cordons and drains on every rebalance recommendation.',
      );
    }
    if (
      answers.nthRoleArn !== undefined &&
      !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(answers.nthRoleArn)
    ) {
      throw usageError('INVALID_ROLE_ARN', `--nth-role-arn "${answers.nthRoleArn}" is not an IAM role ARN`, {
        suggestions: ['Pass arn:aws:iam::<account-id>:role/<name>.'],
      });
    }
    return {
      mode,
      queueUrl: answers.nthQueueUrl,
      rebalance: 'drain',
      prometheus,
      ...(answers.nthRoleArn ? { roleArn: answers.nthRoleArn } : {}),
    };
  }
  if (answers.nthQueueUrl !== undefined)
    notes.push('--nth-queue-url ignored: IMDS mode polls instance metadata.');
  if (answers.nthRoleArn !== undefined) notes.push('--nth-role-arn ignored: IMDS mode calls no AWS API.');
  return { mode, rebalance, prometheus };
}

function checkQueueName(queueName: string): void {
  const bad = queueNameProblem(queueName);
  if (!bad) return;
  throw usageError(
    bad.name ? 'QUEUE_NOT_A_NAME' : 'INVALID_QUEUE_NAME',
    `--interruption-queue: ${bad.problem}`,
    {
      suggestions: [
        bad.name
          ? `Pass --interruption-queue ${bad.name}`
          : 'Pass the SQS queue name, e.g. the cluster name.',
      ],
    },
  );
}

function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value.trim() === '') {
    throw usageError('MISSING_ANSWER', `${flag} is required: ${what}`, { suggestions: [`Pass ${flag}.`] });
  }
  return value.trim();
}

function quantityLimit(resource: 'cpu' | 'memory', value: string, flag: string): Record<string, string> {
  if (value === 'none') return {};
  const problem = limitProblem(value, resource);
  if (problem) {
    throw usageError('INVALID_LIMIT', `${flag} "${value}" is not a resource quantity`, {
      suggestions: [`Pass ${problem}.`],
    });
  }
  return { [resource]: value };
}

function gpuLimit(value: string, workload: Workload): { gpu?: number } {
  if (value === 'none') return {};
  if (workload !== 'gpu') {
    throw usageError('GPU_LIMIT_WITHOUT_GPU', '--gpu-limit needs a GPU workload', {
      suggestions: ['Pass --workload gpu, or drop --gpu-limit.'],
    });
  }
  if (!/^[1-9][0-9]*$/.test(value)) {
    throw usageError('INVALID_LIMIT', `--gpu-limit "${value}" is not a whole number of GPUs`, {
      suggestions: ['Pass e.g. --gpu-limit 100 (or none).'],
    });
  }
  return { gpu: Number(value) };
}

function checkDuration(value: string, flag: string): void {
  if (durationProblem(value)) {
    throw usageError('INVALID_DURATION', `${flag} "${value}" is not a duration`, {
      suggestions: ['Use hours, minutes and seconds such as 30s, 5m, 720h, or Never.'],
    });
  }
  durationSeconds(value);
}

function gpuResourceFor(facts: TypeFacts[]): GpuResource {
  const without = facts.filter((fact) => (fact.gpu?.count ?? 0) === 0).map((fact) => fact.instanceType);
  if (without.length > 0) {
    throw inputError(
      'NOT_GPU_TYPES',
      `a GPU workload needs GPU instance types; ${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} none`,
      {
        suggestions: ['Choose GPU types (e.g. g4dn.xlarge, g5.xlarge), or pass --workload general.'],
      },
    );
  }
  const makers = new Set(facts.map((fact) => fact.gpu!.manufacturer.toLowerCase()));
  if (makers.size > 1) {
    throw inputError('MIXED_GPU_MAKERS', `the types mix GPU makers (${[...makers].join(', ')})`, {
      suggestions: ['Use one pool per GPU maker: pods request nvidia.com/gpu or amd.com/gpu, not both.'],
    });
  }
  const maker = [...makers][0]!;
  if (maker === 'nvidia') return 'nvidia.com/gpu';
  if (maker === 'amd') return 'amd.com/gpu';
  throw inputError('UNSUPPORTED_GPU', `GPUs made by ${maker} have no device-plugin resource spotctl knows`, {
    suggestions: ['Choose NVIDIA (nvidia.com/gpu) or AMD (amd.com/gpu) GPU types.'],
  });
}

function checkPodFits(facts: TypeFacts[], pod: InitAnswers['pod'] & object): SpotctlError | void {
  const misfits = facts.flatMap((fact) => {
    const short: string[] = [];
    if (pod.vcpus !== undefined && fact.vcpus < pod.vcpus) short.push(`${fact.vcpus} vCPU`);
    if (pod.memoryGiB !== undefined && fact.memoryMiB / 1024 < pod.memoryGiB)
      short.push(`${fact.memoryMiB / 1024} GiB`);
    if (pod.gpus !== undefined && (fact.gpu?.count ?? 0) < pod.gpus)
      short.push(`${fact.gpu?.count ?? 0} GPU`);
    return short.length > 0 ? [`${fact.instanceType} (${short.join(', ')})`] : [];
  });
  if (misfits.length > 0) {
    const need = [
      pod.vcpus !== undefined ? `${pod.vcpus} vCPU` : '',
      pod.memoryGiB !== undefined ? `${pod.memoryGiB} GiB` : '',
      pod.gpus !== undefined ? `${pod.gpus} GPU` : '',
    ].filter(Boolean);
    throw inputError(
      'POD_DOES_NOT_FIT',
      `a pod needs ${need.join(', ')}; it cannot fit on ${misfits.join(', ')}`,
      {
        suggestions: [
          'Drop those types, choose larger sizes, or correct --pod-vcpus / --pod-memory / --pod-gpus.',
        ],
      },
    );
  }
}

/** Kubernetes `kubernetes.io/arch` values of the types; EC2 says x86_64 where Kubernetes says amd64. */
function architecturesOf(facts: TypeFacts[]): string[] {
  const arches = new Set<string>();
  for (const fact of facts) {
    if (fact.architectures.includes('x86_64')) arches.add('amd64');
    if (fact.architectures.includes('arm64')) arches.add('arm64');
  }
  return ['amd64', 'arm64'].filter((arch) => arches.has(arch));
}

const unique = (values: string[]): string[] => [
  ...new Set(values.map((value) => value.trim()).filter(Boolean)),
];

const describeSelection = (families: string[], sizes: string[]): string =>
  `families ${families.join(', ')}${sizes.length > 0 ? ` in sizes ${sizes.join(', ')}` : ''}`;
