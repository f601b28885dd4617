/**
 * Answers → config: fill defaults, check every value the way Karpenter, the NTH chart and SQS will, and
 * say what was ignored. Pure: the instance-type facts come in from the catalog.
 */
import { usageError, inputError, type SpotctlError } from '../errors.js';
import { checkedValue, flagOf, GENERATION_ABOVE, valueOf } from './questions.js';
import {
  podNeeds,
  type GpuResource,
  type InitAnswers,
  type PodNeeds,
  type InitConfig,
  type TypeFacts,
  type Workload,
} from './types.js';

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
  const region = required(answers, 'region', 'the AWS Region, e.g. --region us-east-1');
  const clusterName = required(answers, 'clusterName', 'the EKS cluster name');

  const types = unique([...(answers.types ?? []), ...(answers.addedTypes ?? [])]);
  const families = unique(answers.families ?? []);
  const sizes = unique(answers.sizes ?? []);
  const categories = unique(answers.categories ?? []);
  const chosen = (
    [
      ['types', types],
      ['families', families],
      ['categories', categories],
    ] as const
  ).filter(([, list]) => list.length > 0);
  if (chosen.length > 1) {
    throw usageError(
      'TYPES_AND_FAMILIES',
      `${chosen.map(([id]) => flagOf(id)).join(' and ')} cannot be combined`,
      {
        suggestions: [
          'Pass either exact types (--types g4dn.xlarge,g4dn.2xlarge), families (--families g4dn --sizes xlarge,2xlarge) or categories (--categories c,m,r).',
        ],
      },
    );
  }
  if (chosen.length === 0) {
    throw usageError('NO_INSTANCE_TYPES', 'no instance types or families given', {
      suggestions: ['Pass --types g4dn.xlarge,g4dn.2xlarge (or --families g4dn).'],
    });
  }
  if (sizes.length > 0 && families.length === 0) {
    throw usageError('SIZES_WITHOUT_FAMILIES', `${flagOf('sizes')} only applies with ${flagOf('families')}`, {
      suggestions: [`Pass ${flagOf('families')} as well, or list exact types with ${flagOf('types')}.`],
    });
  }
  if (facts.length === 0) {
    throw inputError(
      'NO_MATCHING_TYPES',
      `no instance type matches ${categories.length > 0 ? `categories ${categories.join(', ')}` : describeSelection(families, sizes)}`,
      {
        suggestions: ['Check the family and size names, e.g. --families g4dn --sizes xlarge,2xlarge.'],
      },
    );
  }

  const gpuFacts = facts.filter((fact) => (fact.gpu?.count ?? 0) > 0);
  const workload: Workload = answers.workload ?? (gpuFacts.length === facts.length ? 'gpu' : 'general');
  const gpuResource = workload === 'gpu' ? gpuResourceFor(facts) : undefined;
  if (workload === 'general' && gpuFacts.length > 0) {
    notes.push(
      `${gpuFacts.map((f) => f.instanceType).join(', ')} ${gpuFacts.length === 1 ? 'has' : 'have'} GPUs but the workload is general: pods that do not use them pay for them. Pass ${flagOf('workload')} gpu for a GPU pool (taint and GPU limit).`,
    );
  }
  const pod = podNeeds(answers);
  // Karpenter only launches a type of a category that fits the pending pods: nothing to check there.
  if (categories.length === 0) checkPodFits(facts, pod);

  // Defaults that follow from what was worked out above (the workload) read the settled answers.
  const settled: InitAnswers = { ...answers, workload };
  const name = checkedValue(settled, 'name')!;

  const capacity = valueOf(settled, 'capacity')!;
  let fallback = valueOf(settled, 'fallback')!;
  if (capacity !== 'spot-and-on-demand' && fallback === 'weighted-pools') {
    notes.push(
      `${flagOf('fallback')} weighted-pools ignored: it needs ${flagOf('capacity')} spot-and-on-demand (got ${capacity}).`,
    );
    fallback = 'single-pool';
  }

  const api = valueOf(settled, 'api')!;
  const limits = {
    ...quantityLimit('cpu', checkedValue(settled, 'cpuLimit')!),
    ...quantityLimit('memory', checkedValue(settled, 'memoryLimit')!),
    ...gpuLimit(settled, workload),
  };

  const consolidateAfter = checkedValue(settled, 'consolidateAfter')!;
  const consolidationPolicy =
    valueOf(settled, 'consolidation') === 'when-empty' ? 'WhenEmpty' : 'WhenEmptyOrUnderutilized';
  const expireAfter = checkedValue(settled, 'expireAfter')!;
  const budgetNodes = checkedValue(settled, 'budgetNodes')!;
  if (api === 'v1alpha5') {
    if (consolidationPolicy === 'WhenEmptyOrUnderutilized' && answers.consolidateAfter !== undefined) {
      notes.push(
        `v1alpha5 consolidation cannot be delayed: ${flagOf('consolidateAfter')} is ignored with when-empty-or-underutilized.`,
      );
    }
    if (answers.budgetNodes !== undefined)
      notes.push(`v1alpha5 has no disruption budgets: ${flagOf('budgetNodes')} is ignored.`);
  }

  const provider = valueOf(settled, 'provider')!;
  if (api === 'v1' && provider === 'inline') {
    throw usageError('INLINE_PROVIDER_V1', `${flagOf('provider')} only exists in v1alpha5`, {
      suggestions: [`Drop ${flagOf('provider')}, or pass ${flagOf('api')} v1alpha5.`],
    });
  }
  const amiAlias = checkedValue(settled, 'amiAlias')!;
  if (answers.nodeRole && answers.instanceProfile) {
    throw usageError(
      'ROLE_AND_PROFILE',
      `${flagOf('nodeRole')} and ${flagOf('instanceProfile')} cannot be combined`,
      {
        suggestions: [
          `An EC2NodeClass takes exactly one of them: pass ${flagOf('nodeRole')} (Karpenter creates the profile).`,
        ],
      },
    );
  }
  const identity =
    api === 'v1'
      ? answers.instanceProfile
        ? { instanceProfile: answers.instanceProfile }
        : { nodeRole: valueOf({ ...settled, clusterName }, 'nodeRole')! }
      : answers.instanceProfile
        ? { instanceProfile: answers.instanceProfile }
        : {};
  if (api === 'v1alpha5' && answers.nodeRole) {
    notes.push(
      `v1alpha5 has no node role field: ${flagOf('nodeRole')} is ignored (use ${flagOf('instanceProfile')}, or Karpenter’s aws.defaultInstanceProfile setting).`,
    );
  }

  const interruption = interruptionConfig({ ...settled, clusterName, api }, region, notes);

  return {
    config: {
      region,
      clusterName,
      name,
      workload,
      pod,
      instanceTypes: types,
      families,
      sizes,
      categories,
      ...(categories.length > 0 ? { generationAbove: GENERATION_ABOVE } : {}),
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
      outputDir: valueOf(settled, 'outputDir')!,
    },
    notes,
  };
}

function interruptionConfig(
  answers: InitAnswers,
  region: string,
  notes: string[],
): InitConfig['interruption'] {
  const mode = valueOf(answers, 'interruption')!;
  const rebalance = valueOf(answers, 'nthRebalance')!;
  const prometheus = valueOf(answers, 'nthPrometheus')!;
  const flag = flagOf;
  if (mode !== 'native' && answers.interruptionQueue !== undefined) {
    notes.push(
      `${flag('interruptionQueue')} is for Karpenter's native handling: ignored with ${flag('interruption')} ${mode}.`,
    );
  }
  if (mode === 'native') {
    const queueName = checkedValue(answers, 'interruptionQueue')!;
    if (prometheus)
      notes.push(`${flag('nthPrometheus')} ignored: no NTH is installed with native interruption handling.`);
    return { mode, queueName, rebalance, prometheus: false };
  }
  if (mode === 'nth-queue') {
    if (!answers.nthQueueUrl) {
      throw usageError('NTH_QUEUE_URL_REQUIRED', 'NTH queue mode needs the URL of its SQS queue', {
        suggestions: [
          `Pass ${flag('nthQueueUrl')} https://sqs.<region>.amazonaws.com/<account-id>/<queue-name> (a queue of its own: Karpenter deletes messages it does not own).`,
        ],
      });
    }
    const queueUrl = checkedValue(answers, 'nthQueueUrl')!;
    const urlRegion = /sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(queueUrl)?.[1];
    if (urlRegion && urlRegion !== region) {
      notes.push(
        `${flag('nthQueueUrl')} is in ${urlRegion} but the cluster is in ${region}: NTH reads the queue of its own Region.`,
      );
    }
    if (answers.nthRebalance !== undefined) {
      notes.push(
        `${flag('nthRebalance')} ignored: in queue mode NTH cordons and drains on every rebalance recommendation.`,
      );
    }
    const roleArn = checkedValue(answers, 'nthRoleArn');
    return { mode, queueUrl, rebalance: 'drain', prometheus, ...(roleArn ? { roleArn } : {}) };
  }
  if (answers.nthQueueUrl !== undefined)
    notes.push(`${flag('nthQueueUrl')} ignored: IMDS mode polls instance metadata.`);
  if (answers.nthRoleArn !== undefined)
    notes.push(`${flag('nthRoleArn')} ignored: IMDS mode calls no AWS API.`);
  return { mode, rebalance, prometheus };
}

function required(answers: InitAnswers, id: 'region' | 'clusterName', what: string): string {
  const value = answers[id];
  if (value === undefined || value.trim() === '') {
    throw usageError('MISSING_ANSWER', `${flagOf(id)} is required: ${what}`, {
      suggestions: [`Pass ${flagOf(id)}.`],
    });
  }
  return checkedValue({ ...answers, [id]: value.trim() }, id)!;
}

function quantityLimit(resource: 'cpu' | 'memory', value: string): Record<string, string> {
  return value === 'none' ? {} : { [resource]: value };
}

function gpuLimit(answers: InitAnswers, workload: Workload): { gpu?: number } {
  const value = valueOf(answers, 'gpuLimit')!;
  if (value === 'none') return {};
  if (workload !== 'gpu') {
    throw usageError('GPU_LIMIT_WITHOUT_GPU', `${flagOf('gpuLimit')} needs a GPU workload`, {
      suggestions: [`Pass ${flagOf('workload')} gpu, or drop ${flagOf('gpuLimit')}.`],
    });
  }
  return { gpu: Number(checkedValue(answers, 'gpuLimit')) };
}

/** The GPU device-plugin resource of GPU types; an input error when they have none or mix makers. */
export function gpuResourceFor(facts: TypeFacts[]): GpuResource {
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

/** An input error when a pod of `pod` cannot fit on some of the types. */
export function checkPodFits(facts: TypeFacts[], pod: PodNeeds): SpotctlError | void {
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
          `Drop those types, choose larger sizes, or correct ${flagOf('podVcpus')} / ${flagOf('podMemoryGiB')} / ${flagOf('podGpus')}.`,
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
