/**
 * The `spotctl init` wizard: the question table, asked in order, skipping every question a flag already
 * answered. Prompts return answers only: the core turns them into a config. @inquirer/prompts is loaded
 * here, on first use, so no other path of the CLI pays for it.
 */
import { groupAnswered, QUESTIONS, type Question, type WizardServices } from '../core/init/questions.js';
import type { InitPrompter } from '../core/init/run.js';
import type { InitAnswers } from '../core/init/types.js';

type Prompts = typeof import('@inquirer/prompts');
/** Terminal streams and abort signal for the prompts. */
export type Context = NonNullable<Parameters<Prompts['input']>[1]>;
let prompts: Prompts | undefined;
const load = async (): Promise<Prompts> => (prompts ??= await import('@inquirer/prompts'));

/** `question`'s answer, as the prompt gave it; the key and the value come from the same table entry. */
const assign = (answers: InitAnswers, update: InitAnswers): InitAnswers => Object.assign(answers, update);

/** The question's own check of a typed answer, for the prompt's `validate` (true: fine). */
function checkText(q: Question, value: string, answers: InitAnswers): string | undefined {
  return q.check?.(value as never, answers);
}

/** Ask one question; returns the answers it gave (nothing for a blank optional number). */
async function askOne(
  q: Question,
  answers: InitAnswers,
  services: WizardServices,
  given: InitAnswers,
  context: Context,
): Promise<InitAnswers> {
  const prompt = q.prompt!;
  const { input, select, checkbox, number, confirm, search } = await load();
  const message =
    typeof prompt.message === 'string' ? prompt.message : prompt.message(answers, services.hints);
  switch (prompt.kind) {
    case 'search': {
      const value = await search<string>(
        {
          message,
          source: (term) => prompt.choices(term ?? '', services.hints),
          validate: async (choice) =>
            checkText(q, choice, answers) ?? (await prompt.verify?.(choice, answers, services)) ?? true,
        },
        context,
      );
      return { [q.id]: value };
    }
    case 'text': {
      const fallback = prompt.default?.(answers, services.hints) ?? q.default?.(answers);
      const raw = await input(
        {
          message,
          ...(typeof fallback === 'string' ? { default: fallback } : {}),
          validate: async (value) =>
            prompt.validate?.(value, answers) ??
            (prompt.parse ? undefined : checkText(q, value.trim(), answers)) ??
            (await prompt.verify?.(value, answers, services)) ??
            true,
        },
        context,
      );
      return prompt.parse ? prompt.parse(raw) : { [q.id]: raw.trim() };
    }
    case 'number': {
      const value = await number(
        {
          message,
          min: prompt.min,
          required: prompt.required,
          ...(prompt.default !== undefined ? { default: prompt.default } : {}),
          ...(prompt.step ? { step: prompt.step } : {}),
        },
        context,
      );
      // Blank, or 0 where 0 is allowed: no minimum.
      return value ? { [q.id]: value } : {};
    }
    case 'select': {
      const fallback = prompt.default?.(answers) ?? q.default?.(answers);
      const value = await select(
        {
          message,
          choices: prompt.choices(answers),
          ...(fallback !== undefined ? { default: fallback } : {}),
        },
        context,
      );
      return { [q.id]: value };
    }
    case 'confirm': {
      const fallback = q.default?.(answers);
      return {
        [q.id]: await confirm(
          { message, ...(typeof fallback === 'boolean' ? { default: fallback } : {}) },
          context,
        ),
      };
    }
    case 'suggestions': {
      // The price table is shown whether or not the suggestions are asked about.
      const { table, suggestions } = await services.analyse(answers);
      services.show(table);
      if (given[q.id] !== undefined || suggestions.length === 0) return {};
      const ticked = await checkbox<string>(
        {
          message,
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
      return { [q.id]: ticked };
    }
    default:
      return {};
  }
}

/** Whether the wizard asks `q` now: it has a prompt that applies, and no flag answered it (or its group). */
function asks(q: Question, answers: InitAnswers, given: InitAnswers): boolean {
  if (!q.prompt) return false;
  if (q.prompt.when && !q.prompt.when(answers)) return false;
  if (q.prompt.kind === 'suggestions') return true;
  if (q.group !== undefined) return !groupAnswered(given, q.group);
  return answers[q.id] === undefined;
}

/**
 * Ask every question `given` leaves open, in the table's order, and return the completed answers.
 * `context` carries the terminal streams (stderr in the CLI, fake streams in tests) and an abort signal.
 */
export async function askInitAnswers(
  given: InitAnswers,
  services: WizardServices,
  context: Context = {},
): Promise<InitAnswers> {
  const answers: InitAnswers = { ...given };
  for (const q of QUESTIONS) {
    if (asks(q, answers, given)) assign(answers, await askOne(q, answers, services, given, context));
  }
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

/** Keeping the existing files: where to write these instead. */
export async function askOutputDir(suggestion: string, context: Context = {}): Promise<string> {
  const { input } = await load();
  const dir = await input(
    {
      message: 'Write them to another directory instead',
      default: suggestion,
      validate: (value) => (value.trim() === '' ? 'a directory' : true),
    },
    context,
  );
  return dir.trim();
}

/** The wizard on these terminal streams, as the core's port. */
export function createPrompter(context: Context): InitPrompter {
  const show = (text: string) => (context.output as NodeJS.WritableStream | undefined)?.write(`${text}\n`);
  return {
    ask: (given, services) => askInitAnswers(given, services, context),
    confirmWrite: (summary) => confirmWrite(summary, { show }, context),
    confirmOverwrite: (paths) => confirmOverwrite(paths, context),
    askOutputDir: (suggestion) => askOutputDir(suggestion, context),
  };
}
