/**
 * `spotctl init`: the answers the flags gave, checked before anything is loaded; the wizard's questions
 * when there is a terminal (or the defaults with --yes); the plan and what `spotctl lint` says about it;
 * then a dry run, or the files written after the user said yes. Prompts, files and progress are ports.
 */
import type { CatalogAccess } from '../catalog/access.js';
import type { Catalog } from '../catalog/types.js';
import type { TemplateSet } from '../emit/document.js';
import type { FileWriter } from '../files.js';
import type { Style } from '../format/style.js';
import type { InitOutcome, InitPlan } from './plan.js';
import { checkGiven, preflight } from './preflight.js';
import type { WizardHints, WizardServices } from './questions.js';
import { renderInitSummary } from './text.js';
import type { InitAnswers } from './types.js';
import type { PlacementScoring } from '../suggest/placement.js';

export interface InitRequest {
  /** What the flags answered. */
  given: InitAnswers;
  /** Take the defaults for every question no flag answered; ask nothing. */
  yes: boolean;
  force: boolean;
  dryRun: boolean;
  maxSuggestions: number;
  days: number;
}

/** The wizard, as the core needs it: questions in, answers out. */
export interface InitPrompter {
  /** Ask every question `given` leaves open and return the completed answers. */
  ask(given: InitAnswers, services: WizardServices): Promise<InitAnswers>;
  /** Show the summary and ask to write. */
  confirmWrite(summary: string): Promise<boolean>;
  /** Existing files are only replaced with an explicit yes. */
  confirmOverwrite(paths: string[]): Promise<boolean>;
  /** Another directory, when the user keeps the existing files. */
  askOutputDir(suggestion: string): Promise<string>;
}

export interface InitDeps {
  catalogs: CatalogAccess;
  /** AWS's Spot placement score for the types the wizard shows (live AWS only). */
  placement?: PlacementScoring;
  /** The wizard, loaded on first use; absent when there is no terminal to ask on. */
  prompter?: () => Promise<InitPrompter>;
  files: FileWriter;
  /** Which of these paths exist already. */
  existing: (paths: string[]) => Promise<string[]>;
  templates: () => Promise<TemplateSet>;
  /** The cluster of the current kubectl context (or CLUSTER_NAME), for a default the user can see. */
  clusterHint?: () => Promise<{ name: string; from: string } | undefined>;
  /** $USER, for a cluster name to start from when nothing else is known. */
  user?: string;
  /** spotctl's version, stamped into the files. */
  version: string;
  now: () => Date;
  /** Progress, notes and blocks of text between questions: stderr. */
  note: (message: string) => void;
  /** Say what is being waited for while `work` runs (a spinner on a terminal; nothing otherwise). */
  wait: <T>(label: string, work: () => Promise<T>) => Promise<T>;
  /** How stderr is styled. */
  style: Style;
  /** AWS_REGION or AWS_DEFAULT_REGION. */
  regionFromEnv?: string;
}

/**
 * Run init to the end. Throws, before loading the prompts or any catalog, when the run cannot be answered
 * without a terminal or a flag is wrong; a run the user stops at the confirmation writes nothing and is
 * not an error.
 */
export async function runInit(request: InitRequest, deps: InitDeps): Promise<InitOutcome> {
  const interactive = deps.prompter !== undefined && !request.yes;
  checkGiven(request.given);
  let given = request.given;
  const cluster = given.clusterName === undefined ? await deps.clusterHint?.() : undefined;
  if (!interactive && cluster) {
    given = { ...given, clusterName: cluster.name };
    deps.note(`Cluster ${cluster.name} (from ${cluster.from}); pass --cluster-name to choose another.`);
  }
  given = preflight(given, { interactive, yes: request.yes, regionFromEnv: deps.regionFromEnv });
  // Only a run that will go on pays for the analysis, the YAML and the lint rules.
  const [{ initOutput, planInit }, { lintPlan }, { wizardServices }] = await Promise.all([
    import('./plan.js'),
    import('./lint-plan.js'),
    import('./wizard-services.js'),
  ]);

  const now = deps.now();
  const { style } = deps;
  let catalog: Promise<Catalog> | undefined;
  // Inside a prompt's check the prompt shows its own spinner: only waits between prompts show ours.
  const catalogFor = (region: string) => (catalog ??= deps.catalogs.catalog(region));

  const prompter = interactive ? await deps.prompter!() : undefined;
  let answers = given;
  if (prompter) {
    const hints: WizardHints = {
      region: given.region ? undefined : await deps.catalogs.region().catch(() => undefined),
      cluster,
      user: deps.user,
    };
    answers = await prompter.ask(
      given,
      wizardServices({
        given,
        hints,
        wait: deps.wait,
        catalogFor,
        show: deps.note,
        now,
        style,
        maxSuggestions: request.maxSuggestions,
        days: request.days,
        placement: deps.placement,
      }),
    );
  }

  const source = await deps.wait('Loading instance types and prices', () => catalogFor(answers.region!));
  const plan = (answers: InitAnswers) =>
    deps.wait('Working out the instance types', async () =>
      planInit(answers, source, {
        maxSuggestions: request.maxSuggestions,
        days: request.days,
        now,
        version: deps.version,
        templates: await deps.templates(),
      }),
    );
  let current = await plan(answers);
  if (!interactive) sayWhatWasChosen(given, current, deps.note);
  for (const note of current.notes) deps.note(style.yellow(`note: ${note}`));
  const check = (planned: InitPlan) =>
    deps.wait('Checking the files as spotctl lint does', () => lintPlan(planned, source, now));
  let findings = await check(current);
  // Nobody will see a summary: say what lint will say, on stderr, as lint prints it.
  if (!interactive) {
    for (const f of findings.filter((finding) => finding.severity !== 'info')) {
      deps.note(style.yellow(`${f.file}:${f.line} ${f.severity} ${f.ruleId} ${f.message}`));
    }
  }

  const outcome = (written: boolean): InitOutcome => ({
    output: initOutput(current, { written, dryRun: request.dryRun }, findings),
    files: current.files.map(({ path, role, content, parts }) => ({ path, role, content, parts })),
    fileWarnings: current.emitted.warnings,
  });
  if (request.dryRun) return outcome(false);

  let force = request.force;
  if (prompter) {
    const paths = () => current.files.map((file) => file.path);
    const summary = renderInitSummary(current.config, current.emitted, paths(), findings, style);
    if (!(await prompter.confirmWrite(summary))) {
      deps.note('Nothing written.');
      return outcome(false);
    }
    // Keeping the files someone already has means writing these somewhere else: ask where.
    for (let existing = await deps.existing(paths()); !force && existing.length > 0;) {
      if (await prompter.confirmOverwrite(existing)) force = true;
      else {
        const dir = await prompter.askOutputDir(nextDirectory(current.config.outputDir));
        current = await plan({ ...current.answers, outputDir: dir });
        findings = await check(current);
        existing = await deps.existing(paths());
      }
    }
  } else {
    for (const warning of current.emitted.warnings) deps.note(style.yellow(`warning: ${warning}`));
  }

  // Relative paths: resolved against the working directory, and named as the user gave them.
  await deps.files.writeFiles(
    current.files.map(({ path, content }) => ({ path, content })),
    { force },
  );
  return outcome(true);
}

/** `out` → `out-2`, `out-2` → `out-3`: a directory name to offer instead of one that holds files. */
export function nextDirectory(dir: string): string {
  const match = /^(.*?)-(\d+)$/.exec(dir.replace(/\/+$/, ''));
  return match ? `${match[1]}-${Number(match[2]) + 1}` : `${dir.replace(/\/+$/, '')}-2`;
}

/** Without a terminal nobody saw the choices made for them: say what was taken. */
function sayWhatWasChosen(given: InitAnswers, plan: InitPlan, note: (message: string) => void): void {
  if (given.addedTypes === undefined && plan.added.length > 0) {
    note(`Adding suggested types: ${plan.added.join(', ')} (--no-suggested to keep only --types).`);
  }
  if (!given.types?.length && !given.families?.length && !given.categories?.length) {
    note(
      plan.config.categories.length > 0
        ? `No --types given: any ${plan.config.categories.join(', ')} type of generation 3 or later (Karpenter's getting-started choice).`
        : `No --types given: the ${plan.config.families.join(', ')} families.`,
    );
  }
}
