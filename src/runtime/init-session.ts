/**
 * One `spotctl init` run, CLI side: flags → answers, fail fast without a terminal, the catalog, the wizard
 * (loaded only when it will ask) or the defaults, the config and its files, then a dry run or the write.
 * The pure steps are in core/init and core/render; this glue owns the terminal, the prompts and the files.
 */
import { join, resolve } from 'node:path';

import type { Catalog } from '../core/catalog/types.js';
import { ExitCode, type ExitCodeValue } from '../core/errors.js';
import { finalTypes } from '../core/init/analyse.js';
import { buildInitConfig } from '../core/init/build-config.js';
import type { InitOutcome, InitOutput } from '../core/init/outcome.js';
import { preflight } from '../core/init/preflight.js';
import { renderInitSummary } from '../core/init/summary.js';
import type { InitAnswers } from '../core/init/types.js';
import { emitInitFiles } from '../core/emit/init-files.js';
import type { CatalogAccess } from '../core/catalog/access.js';
import type { AwsFlags } from './aws-context.js';
import type { CommandIo } from './io.js';
import { splitList } from './flags.js';
import { wizardServices } from './init-wizard-services.js';
import { loadTemplates } from './templates.js';
import type { Terminal } from './terminal.js';
import { fileExists, writeFilesAtomic } from './write-files.js';

/** The parsed flags of `spotctl init`, by the names the command declares. */
export type InitFlags = AwsFlags &
  Record<string, unknown> & {
    yes?: boolean;
    force?: boolean;
    'dry-run'?: boolean;
    'max-suggestions': number;
    days: number;
  };

export interface InitSessionDeps {
  terminal: Terminal;
  io: CommandIo;
  catalogs: CatalogAccess;
  /** AWS_REGION or AWS_DEFAULT_REGION. */
  regionFromEnv: string | undefined;
  /** The CLI version, stamped into the files. */
  version: string;
  now: () => Date;
  /** Progress and hints, to stderr. */
  note: (message: string) => void;
  setExitCode: (code: ExitCodeValue) => void;
}

/**
 * Runs init to the end: asks (on a terminal) or takes the defaults (--yes), then writes the files, prints
 * them (--dry-run), or writes nothing when the user says no. Throws, before loading the prompts or any
 * catalog, when the run cannot be answered without a terminal.
 */
export async function runInitSession(flags: InitFlags, deps: InitSessionDeps): Promise<InitOutcome> {
  const interactive = deps.terminal.interactive && !flags.yes;
  const given = preflight(answersFromFlags(flags), {
    interactive,
    yes: Boolean(flags.yes),
    regionFromEnv: deps.regionFromEnv,
  });

  const now = deps.now();
  const style = deps.terminal.stderrStyle;
  const show = (text: string) => deps.io.stderr.write(`${text}\n`);
  let catalog: Catalog | undefined;
  const catalogFor = async (region: string) => (catalog ??= await deps.catalogs.catalog(region));

  let answers = given;
  const context = {
    input: deps.io.stdin as NodeJS.ReadableStream,
    output: deps.io.stderr as NodeJS.WritableStream,
  };
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
    deps.note(`Adding suggested types: ${final.added.join(', ')} (--no-suggested to keep only --types).`);
  }
  answers = final.answers;

  const { config, notes } = buildInitConfig(answers, final.facts);
  const rendered = emitInitFiles(config, {
    version: deps.version,
    date: now.toISOString().slice(0, 10),
    source: `${c.info.description}${c.info.kind === 'live' ? '' : `, ${answers.region}`}`,
    templates: await loadTemplates(),
  });
  const files = rendered.files.map((file) => ({ ...file, path: join(config.outputDir, file.name) }));
  for (const note of notes) deps.note(style.yellow(`note: ${note}`));

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
    addedTypes: final.added,
    source: { kind: c.info.kind, description: c.info.description, generatedAt: c.info.generatedAt },
  };
  const outcome: InitOutcome = {
    output,
    files: files.map((file) => ({ path: file.path, content: file.content })),
    fileWarnings: rendered.warnings,
  };
  if (flags['dry-run']) return outcome;

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
      deps.note('Nothing written.');
      deps.setExitCode(ExitCode.ok);
      return outcome;
    }
    const existing = [];
    for (const file of files) if (await fileExists(resolve(file.path))) existing.push(file.path);
    if (!force && existing.length > 0) force = await wizard.confirmOverwrite(existing, context);
  } else {
    for (const warning of rendered.warnings) deps.note(style.yellow(`warning: ${warning}`));
  }

  await writeFilesAtomic(
    // Relative paths: resolved against the working directory, and named as the user gave them.
    outcome.files,
    { force },
  );
  output.written = true;
  return outcome;
}

/** Flags → answers; absent flags stay absent so prompts (or defaults) fill them. */
export function answersFromFlags(flags: Record<string, unknown>): InitAnswers {
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
