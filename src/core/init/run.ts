/**
 * `spotctl init`: the answers the flags gave, checked before anything is loaded; the wizard's questions
 * when there is a terminal (or the defaults with --yes); the plan; then a dry run, or the files written
 * after the user said yes. The prompts and the file system come in as ports.
 */
import type { CatalogAccess } from '../catalog/access.js';
import type { Catalog } from '../catalog/types.js';
import type { TemplateSet } from '../emit/document.js';
import type { FileWriter } from '../files.js';
import type { Style } from '../format/style.js';
import { initOutput, planInit, type InitOutcome } from './plan.js';
import { preflight } from './preflight.js';
import type { WizardServices } from './questions.js';
import { renderInitSummary } from './text.js';
import type { InitAnswers } from './types.js';
import { wizardServices } from './wizard-services.js';

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
}

export interface InitDeps {
  catalogs: CatalogAccess;
  /** The wizard, loaded on first use; absent when there is no terminal to ask on. */
  prompter?: () => Promise<InitPrompter>;
  files: FileWriter;
  /** Which of these paths exist already. */
  existing: (paths: string[]) => Promise<string[]>;
  templates: () => Promise<TemplateSet>;
  /** spotctl's version, stamped into the files. */
  version: string;
  now: () => Date;
  /** Progress, notes and blocks of text between questions: stderr. */
  note: (message: string) => void;
  /** How stderr is styled. */
  style: Style;
  /** AWS_REGION or AWS_DEFAULT_REGION. */
  regionFromEnv?: string;
}

/**
 * Run init to the end. Throws, before loading the prompts or any catalog, when the run cannot be answered
 * without a terminal; a run the user stops at the confirmation writes nothing and is not an error.
 */
export async function runInit(request: InitRequest, deps: InitDeps): Promise<InitOutcome> {
  const interactive = deps.prompter !== undefined && !request.yes;
  const given = preflight(request.given, {
    interactive,
    yes: request.yes,
    regionFromEnv: deps.regionFromEnv,
  });
  const now = deps.now();
  const { style } = deps;
  let catalog: Catalog | undefined;
  const catalogFor = async (region: string) => (catalog ??= await deps.catalogs.catalog(region));

  const prompter = interactive ? await deps.prompter!() : undefined;
  const answers = prompter
    ? await prompter.ask(
        given,
        wizardServices({
          given,
          catalogFor,
          show: deps.note,
          now,
          style,
          maxSuggestions: request.maxSuggestions,
          days: request.days,
        }),
      )
    : given;

  const plan = await planInit(answers, await catalogFor(answers.region!), {
    maxSuggestions: request.maxSuggestions,
    days: request.days,
    now,
    version: deps.version,
    templates: await deps.templates(),
  });
  if (!interactive && given.addedTypes === undefined && plan.added.length > 0) {
    deps.note(`Adding suggested types: ${plan.added.join(', ')} (--no-suggested to keep only --types).`);
  }
  for (const note of plan.notes) deps.note(style.yellow(`note: ${note}`));

  const output = initOutput(plan, { written: false, dryRun: request.dryRun });
  const outcome: InitOutcome = {
    output,
    files: plan.files.map(({ path, role, content, parts }) => ({ path, role, content, parts })),
    fileWarnings: plan.emitted.warnings,
  };
  if (request.dryRun) return outcome;

  let force = request.force;
  if (prompter) {
    const paths = plan.files.map((file) => file.path);
    if (!(await prompter.confirmWrite(renderInitSummary(plan.config, plan.emitted, paths, style)))) {
      deps.note('Nothing written.');
      return outcome;
    }
    const existing = await deps.existing(paths);
    if (!force && existing.length > 0) force = await prompter.confirmOverwrite(existing);
  } else {
    for (const warning of plan.emitted.warnings) deps.note(style.yellow(`warning: ${warning}`));
  }

  // Relative paths: resolved against the working directory, and named as the user gave them.
  await deps.files.writeFiles(
    outcome.files.map(({ path, content }) => ({ path, content })),
    { force },
  );
  output.written = true;
  return outcome;
}
