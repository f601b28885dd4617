import { Flags } from '@oclif/core';

import { DEFAULTS } from '../core/init/defaults.js';
import { renderInitOutcome, type InitOutput } from '../core/init/outcome.js';
import {
  API_VERSIONS,
  CAPACITY_STRATEGIES,
  CONSOLIDATION_CHOICES,
  FALLBACK_SHAPES,
  INTERRUPTION_MODES,
  REBALANCE_ACTIONS,
  WORKLOADS,
} from '../core/init/types.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags } from '../runtime/flags.js';
import { runInitSession } from '../runtime/init-session.js';

export type { InitOutput } from '../core/init/outcome.js';

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
      char: 'd',
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
    const outcome = await runInitSession(flags, {
      terminal: this.term,
      io: this.io,
      catalogs: this.awsContext(flags),
      regionFromEnv: this.io.env.AWS_REGION ?? this.io.env.AWS_DEFAULT_REGION,
      version: this.config.version,
      now: () => this.io.now(),
      note: (message) => this.note(message),
      setExitCode: (code) => this.setExitCode(code),
    });
    if (!this.jsonEnabled()) {
      const text = renderInitOutcome(outcome, {
        stdout: this.term.stdoutStyle,
        stderr: this.term.stderrStyle,
      });
      for (const line of text.stderr) this.note(line);
      if (text.stdout !== undefined) this.log(text.stdout);
    }
    return outcome.output;
  }
}
