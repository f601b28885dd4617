/**
 * The `spotctl init` questions, asked in the issue's order, skipping every one a flag already answered.
 * Prompts return answers only: the core turns them into a config. @inquirer/prompts is loaded here, on
 * first use, so no other path of the CLI pays for it.
 */
import { DEFAULTS, defaultInterruption, defaultQueueName, defaultRebalance } from '../core/init/defaults.js';
import type {
  ApiVersion,
  CapacityStrategy,
  FallbackShape,
  InitAnswers,
  InterruptionMode,
  PodNeeds,
  ProviderStyle,
  RebalanceAction,
  Workload,
} from '../core/init/types.js';
import {
  clusterNameProblem,
  limitProblem,
  queueNameProblem,
  queueUrlProblem,
  regionProblem,
  splitSeeds,
} from '../core/init/validate.js';

export interface SuggestionChoice {
  instanceType: string;
  /** One line: the type and its key numbers. */
  label: string;
  /** Why it is suggested. */
  reasons: string[];
}

/** What the wizard needs from the outside world (the catalog, the analysis), as narrow as its use. */
export interface WizardServices {
  /** Print a block of text (a table, a note) between questions. */
  show(text: string): void;
  /** Why the data source cannot answer for this region (e.g. the bundled data lacks it), or undefined. */
  checkRegion(region: string): Promise<string | undefined>;
  /** Why these seeds cannot be used (unknown names, nothing matches), or undefined. */
  checkSeeds(region: string, types: string[], families: string[]): Promise<string | undefined>;
  /** The price and availability table for the seeds, and the suggested additions (types only). */
  analyse(
    region: string,
    seeds: { types: string[]; families: string[] },
    pod: PodNeeds,
    capacity: CapacityStrategy,
  ): Promise<{ table: string; suggestions: SuggestionChoice[] }>;
}

type Prompts = typeof import('@inquirer/prompts');
/** Terminal streams and abort signal for the prompts. */
export type Context = NonNullable<Parameters<Prompts['input']>[1]>;
let prompts: Prompts | undefined;
const load = async (): Promise<Prompts> => (prompts ??= await import('@inquirer/prompts'));

const nonEmpty = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/**
 * Ask every question `given` leaves open, in order, and return the completed answers. `context` carries
 * the terminal streams (stderr by default in the CLI, fake streams in tests) and an abort signal.
 */
export async function askInitAnswers(
  given: InitAnswers,
  services: WizardServices,
  context: Context = {},
): Promise<InitAnswers> {
  const { input, select, checkbox, number, confirm } = await load();
  const answers: InitAnswers = { ...given };

  answers.region ??= (
    await input(
      {
        message: 'AWS Region of the cluster',
        default: given.region,
        validate: async (value) => regionProblem(value) ?? (await services.checkRegion(value.trim())) ?? true,
      },
      context,
    )
  ).trim();

  answers.clusterName ??= (
    await input(
      {
        message: 'EKS cluster name (its subnets and security groups carry karpenter.sh/discovery=<name>)',
        validate: (value) => clusterNameProblem(value) ?? true,
      },
      context,
    )
  ).trim();

  if (!answers.workload) {
    answers.workload = await select<Workload>(
      {
        message: 'Workload',
        default: 'general',
        choices: [
          {
            value: 'gpu',
            name: 'GPU',
            description:
              'Nodes tainted nvidia.com/gpu:NoSchedule and limited in GPUs; only GPU pods land there.',
          },
          { value: 'general', name: 'General', description: 'No taint; any pod that fits.' },
        ],
      },
      context,
    );
  }

  if (!answers.pod) {
    const pod: PodNeeds = {};
    if (answers.workload === 'gpu') {
      pod.gpus = await number({ message: 'GPUs per pod', default: 1, min: 1, required: true }, context);
    }
    const vcpus = await number(
      { message: 'vCPUs per pod (blank: no minimum)', min: 0, required: false },
      context,
    );
    if (vcpus) pod.vcpus = vcpus;
    const memory = await number(
      { message: 'Memory per pod in GiB (blank: no minimum)', min: 0, step: 'any', required: false },
      context,
    );
    if (memory) pod.memoryGiB = memory;
    answers.pod = pod;
  }

  if (!answers.types?.length && !answers.families?.length) {
    const raw = await input(
      {
        message:
          'Seed instance types or families, comma-separated (e.g. g4dn.xlarge,g4dn.2xlarge or m6i,m7i)',
        validate: async (value) => {
          const { types, families } = splitSeeds(value.split(','));
          if (types.length === 0 && families.length === 0) return 'name at least one instance type or family';
          if (types.length > 0 && families.length > 0)
            return 'give either instance types or families, not both';
          return (await services.checkSeeds(answers.region!, types, families)) ?? true;
        },
      },
      context,
    );
    Object.assign(answers, splitSeeds(raw.split(',')));
  }

  const capacityForAnalysis = answers.capacity ?? DEFAULTS.capacity;
  const seeds = { types: answers.types ?? [], families: answers.families ?? [] };
  const { table, suggestions } = await services.analyse(
    answers.region!,
    seeds,
    answers.pod,
    capacityForAnalysis,
  );
  services.show(table);

  if (answers.addedTypes === undefined && suggestions.length > 0) {
    answers.addedTypes = await checkbox<string>(
      {
        message: 'Add these types too? (more types = more Spot capacity pools; all pre-selected)',
        pageSize: 12,
        choices: suggestions.map((s) => ({
          value: s.instanceType,
          name: s.label,
          short: s.instanceType,
          description: s.reasons.join('; '),
          checked: true,
        })),
      },
      context,
    );
  }

  answers.capacity ??= await select<CapacityStrategy>(
    {
      message: 'Capacity strategy',
      default: DEFAULTS.capacity,
      choices: [
        {
          value: 'spot-and-on-demand',
          name: 'Spot with On-Demand fallback (recommended, as in the seed)',
          description:
            'Karpenter launches Spot and falls back to On-Demand within milliseconds when no Spot offering is available.',
        },
        { value: 'spot', name: 'Spot only', description: 'Cheapest; pods wait when Spot capacity runs out.' },
        { value: 'on-demand', name: 'On-Demand only', description: 'No interruptions; full price.' },
      ],
    },
    context,
  );

  if (answers.capacity === 'spot-and-on-demand' && !answers.fallback) {
    answers.fallback = await select<FallbackShape>(
      {
        message: 'How should On-Demand back up Spot?',
        default: DEFAULTS.fallback,
        choices: [
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
      context,
    );
  }

  const limit = async (kind: 'cpu' | 'memory' | 'gpu', message: string, fallback: string) =>
    (
      await input(
        { message, default: fallback, validate: (value) => limitProblem(value, kind) ?? true },
        context,
      )
    ).trim();
  answers.cpuLimit ??= await limit('cpu', 'Pool limit: total vCPUs (or none)', DEFAULTS.cpuLimit);
  answers.memoryLimit ??= await limit('memory', 'Pool limit: total memory (or none)', DEFAULTS.memoryLimit);
  if (answers.workload === 'gpu') {
    answers.gpuLimit ??= await limit('gpu', 'Pool limit: total GPUs (or none)', DEFAULTS.gpuLimit);
  }

  answers.api ??= await select<ApiVersion>(
    {
      message: 'Karpenter API version',
      default: DEFAULTS.api,
      choices: [
        { value: 'v1', name: 'v1 (Karpenter 1.0 and later): NodePool + EC2NodeClass' },
        {
          value: 'v1alpha5',
          name: 'v1alpha5 (Karpenter before v0.32): Provisioner + AWSNodeTemplate',
          description: 'For clusters not yet upgraded; `spotctl convert` moves them to v1 later.',
        },
      ],
    },
    context,
  );
  if (answers.api === 'v1alpha5' && !answers.provider) {
    answers.provider = await select<ProviderStyle>(
      {
        message: 'Node settings for the Provisioner',
        default: 'node-template',
        choices: [
          { value: 'node-template', name: 'An AWSNodeTemplate referenced by providerRef' },
          { value: 'inline', name: 'An inline provider block (deprecated since v0.7; as the seed did)' },
        ],
      },
      context,
    );
  }

  answers.interruption ??= await select<InterruptionMode>(
    {
      message: 'Interruption handling',
      default: defaultInterruption(answers.api),
      choices: [
        {
          value: 'native',
          name: 'Karpenter native, through an SQS queue (Karpenter 0.19+)',
          description:
            'Recommended. Sets settings.interruptionQueue to the queue NAME (not its ARN). Do not run NTH beside it.',
        },
        {
          value: 'nth-imds',
          name: 'aws-node-termination-handler, IMDS mode (as in the seed)',
          description:
            'For Karpenter before 0.19. With newer Karpenter, NTH draining on rebalance loops: Karpenter relaunches the same type.',
        },
        {
          value: 'nth-queue',
          name: 'aws-node-termination-handler, queue mode',
          description: 'Needs its own SQS queue and drains on every rebalance recommendation.',
        },
      ],
    },
    context,
  );
  if (answers.interruption === 'native' && answers.interruptionQueue === undefined) {
    answers.interruptionQueue = (
      await input(
        {
          message: 'Interruption queue NAME (not its ARN)',
          default: defaultQueueName(answers.clusterName),
          validate: (value) => {
            const bad = queueNameProblem(value);
            return bad ? `${bad.problem}${bad.name ? `: use ${bad.name}` : ''}` : true;
          },
        },
        context,
      )
    ).trim();
  }
  if (answers.interruption === 'nth-queue' && !nonEmpty(answers.nthQueueUrl)) {
    answers.nthQueueUrl = (
      await input(
        { message: 'URL of NTH’s own SQS queue', validate: (value) => queueUrlProblem(value) ?? true },
        context,
      )
    ).trim();
  }
  if (answers.interruption === 'nth-imds' && !answers.nthRebalance) {
    answers.nthRebalance = await select<RebalanceAction>(
      {
        message: 'On a rebalance recommendation, NTH should',
        default: defaultRebalance(answers.api),
        choices: [
          { value: 'cordon', name: 'cordon the node (no new pods; no drain loop with Karpenter)' },
          { value: 'drain', name: 'cordon and drain it (as the seed; loops with Karpenter 0.19+)' },
          { value: 'off', name: 'ignore it' },
        ],
      },
      context,
    );
  }
  if (answers.interruption !== 'native' && answers.nthPrometheus === undefined) {
    answers.nthPrometheus = await confirm(
      {
        message: 'Expose NTH metrics for Prometheus (enablePrometheusServer)?',
        default: DEFAULTS.nthPrometheus,
      },
      context,
    );
  }

  answers.outputDir ??= (
    await input(
      {
        message: 'Output directory',
        default: DEFAULTS.outputDir,
        validate: (v) => nonEmpty(v) || 'a directory',
      },
      context,
    )
  ).trim();
  return answers;
}

/** Show the summary and ask to write. */
export async function confirmWrite(
  summary: string,
  services: Pick<WizardServices, 'show'>,
  context: Context = {},
): Promise<boolean> {
  const { confirm } = await load();
  services.show(summary);
  return confirm({ message: 'Write these files?', default: true }, context);
}

/** Existing files are only replaced with an explicit yes. */
export async function confirmOverwrite(paths: string[], context: Context = {}): Promise<boolean> {
  const { confirm } = await load();
  return confirm({ message: `Overwrite ${paths.join(', ')}?`, default: false }, context);
}
