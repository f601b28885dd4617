import { join, resolve } from 'node:path';

import { Flags } from '@oclif/core';

import { ExitCode, SpotctlError, usageError } from '../core/errors.js';
import {
  analyseSeeds,
  familyMembers,
  finalTypes,
  renderSeedTable,
  suggestionLabel,
} from '../core/init/analyse.js';
import { buildInitConfig } from '../core/init/build-config.js';
import { DEFAULTS } from '../core/init/defaults.js';
import { unansweredRequired } from '../core/init/questions.js';
import { renderInitSummary } from '../core/init/summary.js';
import {
  API_VERSIONS,
  CAPACITY_STRATEGIES,
  CONSOLIDATION_CHOICES,
  FALLBACK_SHAPES,
  INTERRUPTION_MODES,
  REBALANCE_ACTIONS,
  WORKLOADS,
  type InitAnswers,
  type InitConfig,
} from '../core/init/types.js';
import { renderInit, type FileRole } from '../core/render/render-init.js';
import { resolveInstanceTypes } from '../core/suggest/plan.js';
import type { Catalog } from '../core/catalog/types.js';
import type { Style } from '../core/format/style.js';
import type { WizardServices } from '../prompts/init-wizard.js';
import { BaseCommand } from '../runtime/base-command.js';
import { resolveCatalog } from '../runtime/catalog-source.js';
import { awsFlags, catalogFlags, splitList } from '../runtime/flags.js';
import { loadTemplates } from '../runtime/templates.js';
import { fileExists, writeFilesAtomic } from '../runtime/write-files.js';

export interface InitOutput {
  written: boolean;
  dryRun: boolean;
  outputDir: string;
  files: Array<{ path: string; role: FileRole; bytes: number; content?: string }>;
  nextCommands: string[];
  warnings: string[];
  config: InitConfig;
  addedTypes: string[];
  source: { kind: string; description: string; generatedAt: string };
}

const choice = (options: readonly string[], description: string, helpGroup?: string) =>
  Flags.string({ description, options: [...options], ...(helpGroup ? { helpGroup } : {}) });

export default class Init extends BaseCommand {
  static override summary =
    'Answer a few questions (or pass flags) and get Karpenter manifests and interruption-handling values for Spot.';
  static override description = `Walks through region, cluster, workload, seed instance types, a per-AZ table of Spot prices, savings and availability, suggested additional types (pre-selected, with reasons), capacity strategy, limits, Karpenter API version and interruption handling, then writes ready-to-apply files and prints the exact commands to apply them:

  v1 (default):  ec2nodeclass.yaml, nodepool.yaml (karpenter.sh/v1, karpenter.k8s.aws/v1)
  v1alpha5:      awsnodetemplate.yaml (unless --inline-provider), provisioner.yaml (Karpenter < 0.32)
  interruption:  karpenter-values.yaml (native, the default for v1: settings.interruptionQueue, a queue NAME)
                 or nth-values.yaml (aws-node-termination-handler in IMDS or queue mode)

Every question has a flag. In a terminal, unanswered questions are asked; with --yes the defaults are taken. Without a terminal and without --yes, init does not wait: it exits with a usage error naming the flags to pass. Existing files are never replaced without --force (or a yes on a terminal), and are written atomically.

Uses live AWS data when credentials are available, otherwise the bundled data (--offline to choose it).`;
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --yes --region us-east-1 --cluster-name prod --types g4dn.xlarge,g4dn.2xlarge',
    '<%= config.bin %> init --yes --offline --region ap-southeast-1 --cluster-name karpenter-cluster --types g4dn.xlarge,g4dn.2xlarge --no-suggested --api v1alpha5 --inline-provider --gpu-limit 100 --cpu-limit none --memory-limit none --interruption nth-imds',
    '<%= config.bin %> init --yes --region eu-west-1 --cluster-name web --families m6i,m7i --sizes xlarge,2xlarge --capacity spot --dry-run',
    '<%= config.bin %> init --yes --region us-west-2 --cluster-name ml --types g5.xlarge --fallback weighted-pools --json',
  ];

  static override flags = {
    ...awsFlags,
    'cluster-name': Flags.string({
      description:
        'EKS cluster name; subnets and security groups are selected by its karpenter.sh/discovery tag.',
      env: 'SPOTCTL_CLUSTER_NAME',
    }),
    name: Flags.string({ description: 'NodePool/Provisioner name (default: gpu or default).' }),
    workload: choice(
      WORKLOADS,
      'GPU pools get a GPU taint and a GPU limit (default: gpu when every type has GPUs).',
    ),
    'pod-vcpus': Flags.integer({
      description: 'vCPUs each pod needs (checks the types; lets suggestions go smaller).',
      min: 1,
    }),
    'pod-memory': Flags.integer({ description: 'Memory each pod needs, GiB.', min: 1 }),
    'pod-gpus': Flags.integer({ description: 'GPUs each pod needs.', min: 1 }),
    types: Flags.string({
      char: 't',
      description: 'Seed instance types, comma-separated.',
      multiple: true,
      exclusive: ['families'],
    }),
    families: Flags.string({
      description: 'Instance families instead of types, comma-separated.',
      multiple: true,
    }),
    sizes: Flags.string({
      description: 'With --families: sizes, comma-separated (e.g. xlarge,2xlarge).',
      multiple: true,
    }),
    suggested: Flags.boolean({
      description: 'Add the suggested types (all of them with --yes); --no-suggested keeps exactly --types.',
      allowNo: true,
    }),
    'max-suggestions': Flags.integer({
      description: 'Most types to suggest.',
      default: DEFAULTS.maxSuggestions,
      min: 1,
      max: 60,
    }),
    days: Flags.integer({
      description: 'Days of Spot price history for the table.',
      default: 7,
      min: 1,
      max: 90,
    }),
    capacity: choice(CAPACITY_STRATEGIES, 'Capacity strategy (default: spot-and-on-demand).'),
    fallback: choice(
      FALLBACK_SHAPES,
      'With spot-and-on-demand: one pool, or a weighted Spot pool plus an On-Demand pool (default: single-pool).',
    ),
    'cpu-limit': Flags.string({
      description: `Pool limit on vCPUs, or none (default: ${DEFAULTS.cpuLimit}).`,
    }),
    'memory-limit': Flags.string({
      description: `Pool limit on memory, or none (default: ${DEFAULTS.memoryLimit}).`,
    }),
    'gpu-limit': Flags.string({
      description: `GPU pools: limit on GPUs, or none (default: ${DEFAULTS.gpuLimit}).`,
    }),
    consolidation: choice(
      CONSOLIDATION_CHOICES,
      'Which nodes Karpenter removes or replaces (default: when-empty-or-underutilized for v1, when-empty for v1alpha5).',
      'DISRUPTION',
    ),
    'consolidate-after': Flags.string({
      description:
        'How long a node must be empty/underutilized first (default: 1m for v1, 30s for v1alpha5).',
      helpGroup: 'DISRUPTION',
    }),
    'expire-after': Flags.string({
      description: 'Node lifetime, e.g. 720h or Never (default: 720h for v1, Never for v1alpha5).',
      helpGroup: 'DISRUPTION',
    }),
    'budget-nodes': Flags.string({
      description: `v1: most nodes disrupted at once, count or % (default: ${DEFAULTS.budgetNodes}).`,
      helpGroup: 'DISRUPTION',
    }),
    api: choice(API_VERSIONS, 'Karpenter API: v1 (Karpenter 1.0+) or v1alpha5 (before v0.32) (default: v1).'),
    'inline-provider': Flags.boolean({
      description: 'v1alpha5: an inline provider block instead of an AWSNodeTemplate (as the seed).',
    }),
    'node-role': Flags.string({
      description: 'v1: IAM role of the nodes (default: KarpenterNodeRole-<cluster>).',
      helpGroup: 'NODES',
    }),
    'instance-profile': Flags.string({
      description: 'IAM instance profile instead of a role.',
      helpGroup: 'NODES',
    }),
    'ami-alias': Flags.string({
      description: `v1: AMI alias (default: ${DEFAULTS.amiAlias}).`,
      helpGroup: 'NODES',
    }),
    interruption: choice(
      INTERRUPTION_MODES,
      'Interruption handling (default: native for v1, nth-imds for v1alpha5).',
      'INTERRUPTIONS',
    ),
    'interruption-queue': Flags.string({
      description: 'native: the SQS queue NAME, not its ARN (default: the cluster name).',
      helpGroup: 'INTERRUPTIONS',
    }),
    'nth-queue-url': Flags.string({
      description: 'nth-queue: URL of NTH’s own SQS queue (required).',
      helpGroup: 'INTERRUPTIONS',
    }),
    'nth-rebalance': choice(
      REBALANCE_ACTIONS,
      'nth-imds: on rebalance recommendations (default: cordon for v1, drain for v1alpha5).',
      'INTERRUPTIONS',
    ),
    'nth-prometheus': Flags.boolean({
      description: 'NTH: enablePrometheusServer.',
      allowNo: true,
      helpGroup: 'INTERRUPTIONS',
    }),
    'nth-role-arn': Flags.string({
      description: 'nth-queue: IAM role ARN for NTH’s service account (IRSA).',
      helpGroup: 'INTERRUPTIONS',
    }),
    'output-dir': Flags.string({
      char: 'o',
      description: `Where to write the files (default: ${DEFAULTS.outputDir}).`,
    }),
    yes: Flags.boolean({
      char: 'y',
      description: 'Take the defaults for every question not answered by a flag; do not ask.',
    }),
    force: Flags.boolean({ char: 'f', description: 'Replace existing files.' }),
    'dry-run': Flags.boolean({ description: 'Print the files to stdout instead of writing them.' }),
    ...catalogFlags,
  };

  async run(): Promise<InitOutput> {
    const { flags } = await this.parse(Init);
    const given = answersFromFlags(flags);
    const envRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const interactive = this.term.interactive && !flags.yes;
    if (!interactive && !flags.yes) throw notInteractive(given, envRegion);
    if (!given.region && envRegion) given.region = envRegion;
    const missing = unansweredRequired(given, envRegion);
    if (!interactive && missing.length > 0) {
      throw usageError(
        'ANSWERS_REQUIRED',
        `--yes takes defaults, but there is none for ${missing.map((q) => q.summary).join(' and ')}`,
        {
          suggestions: [`Pass ${missing.map((q) => q.flags.join(' or ')).join(', ')}.`],
        },
      );
    }

    const now = new Date();
    const style = this.term.stderrStyle;
    const show = (text: string) => process.stderr.write(`${text}\n`);
    let catalog: Catalog | undefined;
    const catalogFor = async (region: string) =>
      (catalog ??= await resolveCatalog({ ...flags, region }, (message) => this.note(message)));

    let answers = given;
    const context = { input: process.stdin, output: process.stderr };
    if (interactive) {
      const wizard = await import('../prompts/init-wizard.js');
      answers = await wizard.askInitAnswers(
        given,
        wizardServices({
          given,
          catalogFor,
          show,
          now,
          style,
          maxSuggestions: flags['max-suggestions'],
          days: flags.days,
        }),
        context,
      );
    }

    const c = await catalogFor(answers.region!);
    const final = await finalTypes(c, answers, {
      maxSuggestions: flags['max-suggestions'],
      days: flags.days,
      now,
    });
    if (!interactive && given.addedTypes === undefined && final.added.length > 0) {
      this.note(`Adding suggested types: ${final.added.join(', ')} (--no-suggested to keep only --types).`);
    }
    answers = final.answers;
    const added = final.added;
    const facts = final.facts;

    const { config, notes } = buildInitConfig(answers, facts);
    const rendered = renderInit(config, {
      version: this.config.version,
      date: now.toISOString().slice(0, 10),
      source: `${c.info.description}${c.info.kind === 'live' ? '' : `, ${answers.region}`}`,
      templates: await loadTemplates(),
    });
    const files = rendered.files.map((file) => ({ ...file, path: join(config.outputDir, file.name) }));
    for (const note of notes) this.note(style.yellow(`note: ${note}`));

    const output: InitOutput = {
      written: false,
      dryRun: Boolean(flags['dry-run']),
      outputDir: config.outputDir,
      files: files.map((file) => ({
        path: file.path,
        role: file.role,
        bytes: Buffer.byteLength(file.content),
        ...(flags['dry-run'] ? { content: file.content } : {}),
      })),
      nextCommands: rendered.nextCommands,
      warnings: [...rendered.warnings, ...notes],
      config,
      addedTypes: added,
      source: { kind: c.info.kind, description: c.info.description, generatedAt: c.info.generatedAt },
    };

    if (flags['dry-run']) {
      if (!this.jsonEnabled()) {
        for (const warning of rendered.warnings) this.note(style.yellow(`warning: ${warning}`));
        this.log(files.map((file) => `# ==> ${file.path} <==\n${file.content}`).join('\n'));
      }
      return output;
    }

    let force = Boolean(flags.force);
    if (interactive) {
      const wizard = await import('../prompts/init-wizard.js');
      const summary = renderInitSummary(
        config,
        rendered,
        files.map((f) => f.path),
        style,
      );
      if (!(await wizard.confirmWrite(summary, { show }, context))) {
        this.note('Nothing written.');
        this.setExitCode(ExitCode.ok);
        return output;
      }
      const existing = [];
      for (const file of files) if (await fileExists(resolve(file.path))) existing.push(file.path);
      if (!force && existing.length > 0) force = await wizard.confirmOverwrite(existing, context);
    } else {
      for (const warning of rendered.warnings) this.note(style.yellow(`warning: ${warning}`));
    }

    await writeFilesAtomic(
      // Relative paths: resolved against the working directory, and named as the user gave them.
      files.map((file) => ({ path: file.path, content: file.content })),
      { force },
    );
    output.written = true;
    if (!this.jsonEnabled()) {
      const out = this.term.stdoutStyle;
      this.log(
        `Wrote ${files.map((file) => file.path).join(', ')}\n\n${out.bold('Next:')}\n${rendered.nextCommands.map((cmd) => `  ${cmd}`).join('\n')}`,
      );
    }
    return output;
  }
}

/** What the wizard needs from the catalog and the analysis, bound to this run. */
function wizardServices(deps: {
  given: InitAnswers;
  catalogFor: (region: string) => Promise<Catalog>;
  show: (text: string) => void;
  now: Date;
  style: Style;
  maxSuggestions: number;
  days: number;
}): WizardServices {
  const { given, catalogFor, show, now, style } = deps;
  return {
    show,
    checkRegion: async (region) => {
      const known = await (await catalogFor(region)).regions();
      return known.includes(region)
        ? undefined
        : `${(await catalogFor(region)).info.description} has no data for ${region}: choose one of ${known.join(', ')}, or drop --offline`;
    },
    checkSeeds: async (region, types, families) => {
      try {
        const c = await catalogFor(region);
        if (types.length > 0) await resolveInstanceTypes(c, types);
        else await familyMembers(c, families, given.sizes ?? []);
        return undefined;
      } catch (error) {
        if (error instanceof SpotctlError) return [error.message, ...error.suggestions].join(' — ');
        throw error;
      }
    },
    analyse: async (region, seeds, pod, capacity) => {
      const result = await analyseSeeds(await catalogFor(region), {
        region,
        ...seeds,
        sizes: given.sizes ?? [],
        pod,
        capacity,
        maxSuggestions: deps.maxSuggestions,
        days: deps.days,
        now,
      });
      const unit = result.suggest?.unit ?? 'vcpu';
      const shown = [
        ...seeds.types,
        ...(given.addedTypes !== undefined
          ? given.addedTypes
          : result.suggestions.map((s) => s.instanceType)),
      ];
      return {
        table: renderSeedTable(result, seeds.types.length > 0 ? shown : undefined, now, style),
        suggestions:
          given.addedTypes !== undefined
            ? []
            : result.suggestions.map((s) => ({
                instanceType: s.instanceType,
                label: suggestionLabel(s, unit),
                reasons: s.reasons,
              })),
      };
    },
  };
}

type InitFlags = Record<string, unknown>;

/** Flags → answers; absent flags stay absent so prompts (or defaults) fill them. */
function answersFromFlags(flags: InitFlags): InitAnswers {
  const str = (name: string) => flags[name] as string | undefined;
  const list = (name: string) => (flags[name] === undefined ? undefined : splitList(flags[name] as string[]));
  const pod = {
    ...(flags['pod-vcpus'] !== undefined ? { vcpus: flags['pod-vcpus'] as number } : {}),
    ...(flags['pod-memory'] !== undefined ? { memoryGiB: flags['pod-memory'] as number } : {}),
    ...(flags['pod-gpus'] !== undefined ? { gpus: flags['pod-gpus'] as number } : {}),
  };
  const answers: InitAnswers = {
    region: str('region'),
    clusterName: str('cluster-name'),
    name: str('name'),
    workload: str('workload') as InitAnswers['workload'],
    pod: Object.keys(pod).length > 0 ? pod : undefined,
    types: list('types'),
    families: list('families'),
    sizes: list('sizes'),
    addedTypes: flags.suggested === false ? [] : undefined,
    capacity: str('capacity') as InitAnswers['capacity'],
    fallback: str('fallback') as InitAnswers['fallback'],
    cpuLimit: str('cpu-limit'),
    memoryLimit: str('memory-limit'),
    gpuLimit: str('gpu-limit'),
    consolidation: str('consolidation') as InitAnswers['consolidation'],
    consolidateAfter: str('consolidate-after'),
    expireAfter: str('expire-after'),
    budgetNodes: str('budget-nodes'),
    api: str('api') as InitAnswers['api'],
    provider: flags['inline-provider'] ? 'inline' : undefined,
    nodeRole: str('node-role'),
    instanceProfile: str('instance-profile'),
    amiAlias: str('ami-alias'),
    interruption: str('interruption') as InitAnswers['interruption'],
    interruptionQueue: str('interruption-queue'),
    nthQueueUrl: str('nth-queue-url'),
    nthRebalance: str('nth-rebalance') as InitAnswers['nthRebalance'],
    nthPrometheus: flags['nth-prometheus'] as boolean | undefined,
    nthRoleArn: str('nth-role-arn'),
    outputDir: str('output-dir'),
  };
  return Object.fromEntries(
    Object.entries(answers).filter(([, value]) => value !== undefined),
  ) as InitAnswers;
}

/** No terminal and no --yes: never wait, never guess — say which flags a script must pass. */
function notInteractive(given: InitAnswers, envRegion: string | undefined): SpotctlError {
  const missing = unansweredRequired(given, envRegion);
  const flags = missing.map((q) => q.flags.join(' or '));
  return usageError(
    'NOT_INTERACTIVE',
    'init needs a terminal to ask its questions, or --yes to take the defaults',
    {
      suggestions: [
        missing.length > 0
          ? `Pass ${flags.join(', ')} and --yes (the other questions take their defaults; see --help for their flags).`
          : 'Pass --yes to take the defaults for the questions not answered by flags (see --help).',
      ],
    },
  );
}
