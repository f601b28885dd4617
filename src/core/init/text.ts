/**
 * What `spotctl init` shows in words: the summary before it writes (each answer as the manifests will say
 * it, then the files), and the display of a finished run in place of --json.
 */
import { plainStyle, type Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import { planPools } from '../emit/pools.js';
import type { FileRole, InitFiles } from '../emit/init-files.js';
import type { InitOutcome, PlanFinding } from './plan.js';
import type { InitConfig } from './types.js';

export interface InitOutcomeText {
  /** Lines for stderr, before stdout. */
  stderr: string[];
  /** The text for stdout, if any. */
  stdout?: string;
}

/**
 * The display of a finished run when not --json. A dry run prints what `kubectl apply -f -` takes —
 * Kubernetes objects only, `---`-separated, each under `# Source: <file>` as `helm template` prints them —
 * and puts its warnings and the Helm values files on stderr, never into that stream. A run that wrote
 * names the files and the commands that apply them; a run the user stopped prints nothing more.
 */
export function renderInitOutcome(
  outcome: InitOutcome,
  style: { stdout: Style; stderr: Style },
): InitOutcomeText {
  const { output, files } = outcome;
  if (output.dryRun) {
    const manifests = files.filter((file) => file.role === 'manifest');
    const values = files.filter((file) => file.role !== 'manifest');
    return {
      stdout: manifests
        .flatMap((file) => file.parts.map((part) => `---\n# Source: ${file.path}\n${part}`))
        .join('')
        .replace(/\n$/, ''),
      stderr: [
        ...outcome.fileWarnings.map((warning) => style.stderr.yellow(`warning: ${warning}`)),
        ...values.map(
          (file) =>
            `${style.stderr.dim(`# ${file.path}: Helm values, not for kubectl (${helmUse(file.role)} -f ${file.path})`)}\n${file.content.replace(/\n$/, '')}`,
        ),
      ],
    };
  }
  if (!output.written) return { stderr: [] };
  return {
    stderr: [],
    stdout: `Wrote ${files.map((file) => file.path).join(', ')}\n\n${style.stdout.bold('Next:')}\n${output.nextCommands.map((cmd) => `  ${cmd}`).join('\n')}`,
  };
}

const helmUse = (role: FileRole): string =>
  role === 'nth-values'
    ? 'helm upgrade --install aws-node-termination-handler …'
    : 'helm upgrade karpenter …';

const CAPACITY_TEXT: Record<InitConfig['capacity'], string> = {
  'spot-and-on-demand': 'Spot, falling back to On-Demand',
  spot: 'Spot only',
  'on-demand': 'On-Demand only',
};

const INTERRUPTION_TEXT: Record<InitConfig['interruption']['mode'], string> = {
  native: 'Karpenter native (SQS queue)',
  'nth-imds': 'aws-node-termination-handler, IMDS mode',
  'nth-queue': 'aws-node-termination-handler, queue mode',
};

/** Plain text (styled when `style` is ANSI) summarising the config and the files to be written. */
export function renderInitSummary(
  config: InitConfig,
  files: InitFiles,
  paths: string[],
  findings: PlanFinding[] = [],
  style: Style = plainStyle,
): string {
  const pools = planPools(config);
  const limits = [
    config.limits.cpu !== undefined ? `cpu ${config.limits.cpu}` : '',
    config.limits.memory !== undefined ? `memory ${config.limits.memory}` : '',
    config.limits.gpu !== undefined && config.gpuResource ? `${config.gpuResource} ${config.limits.gpu}` : '',
  ].filter(Boolean);
  const rows: string[][] = [
    ['Region', config.region],
    [
      'Cluster',
      `${config.clusterName} (subnets and security groups tagged karpenter.sh/discovery=${config.clusterName})`,
    ],
    ['Workload', config.workload === 'gpu' ? `GPU (${config.gpuResource}, tainted NoSchedule)` : 'general'],
    [
      'Instance types',
      config.instanceTypes.length > 0
        ? `${config.instanceTypes.join(', ')} (${config.instanceTypes.length})`
        : config.categories.length > 0
          ? `any ${config.categories.join(', ')} type of generation ${(config.generationAbove ?? 0) + 1} or later`
          : `families ${config.families.join(', ')}${config.sizes.length > 0 ? `, sizes ${config.sizes.join(', ')}` : ''}`,
    ],
    ['Capacity', CAPACITY_TEXT[config.capacity]],
    [
      config.api === 'v1' ? 'NodePools' : 'Provisioners',
      pools
        .map(
          (pool) =>
            `${pool.name} (${pool.capacityTypes.join(' + ')}${pool.weight ? `, weight ${pool.weight}` : ''})`,
        )
        .join('; '),
    ],
    ['Limits', limits.length > 0 ? limits.join(', ') : 'none'],
    [
      'Disruption',
      `${config.disruption.consolidationPolicy} after ${config.disruption.consolidateAfter}; expire after ${config.expireAfter}`,
    ],
    ['Karpenter API', config.api === 'v1' ? 'v1 (Karpenter 1.0+)' : 'v1alpha5 (Karpenter before v0.32)'],
    [
      'Interruptions',
      INTERRUPTION_TEXT[config.interruption.mode] +
        (config.interruption.queueName ? `, queue ${config.interruption.queueName}` : '') +
        (config.interruption.mode === 'nth-imds' ? `, rebalance: ${config.interruption.rebalance}` : ''),
    ],
    ['Files', paths.join(', ')],
  ];
  return [
    style.bold('Summary'),
    renderTable([{ header: '' }, { header: '' }], rows).replace(/^.*\n/, ''),
    ...files.warnings.map((warning) => style.yellow(`! ${warning}`)),
    '',
    renderFindings(findings, style),
  ].join('\n');
}

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'dim' } as const;

/** What `spotctl lint` will say about these files, before they are written. */
export function renderFindings(findings: PlanFinding[], style: Style = plainStyle): string {
  if (findings.length === 0) return style.green('spotctl lint: no findings in these files.');
  return [
    style.bold(
      `spotctl lint finds ${findings.length === 1 ? 'one thing' : `${findings.length} things`} to look at:`,
    ),
    ...findings.map(
      (f) =>
        `  ${style[SEVERITY_STYLE[f.severity]](f.severity)} ${basename(f.file)}:${f.line} ${f.message}\n    → ${f.fix}`,
    ),
  ].join('\n');
}

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
