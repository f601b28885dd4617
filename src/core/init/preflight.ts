/**
 * The checks `spotctl init` makes before it loads anything or asks anything: a run that cannot be answered
 * (no terminal and no --yes, or --yes with nothing to take for a required question) fails at once.
 */
import { SpotctlError, usageError } from '../errors.js';
import { checkedValue, flagsAnswering, QUESTIONS, unansweredRequired } from './questions.js';
import type { InitAnswers } from './types.js';

export interface PreflightOptions {
  /** The questions will be asked: there is a terminal and no --yes. */
  interactive: boolean;
  /** --yes: take the defaults for every question no flag answered. */
  yes: boolean;
  /** AWS_REGION or AWS_DEFAULT_REGION, which answer the region question. */
  regionFromEnv?: string;
}

/**
 * The answers the run starts from: `given` with the region from the environment when no flag set it.
 * Throws NOT_INTERACTIVE without a terminal and without --yes, and ANSWERS_REQUIRED when --yes meets a
 * question that has no default; both name the flags a script must pass.
 */
export function preflight(given: InitAnswers, options: PreflightOptions): InitAnswers {
  const { interactive, yes, regionFromEnv } = options;
  if (!interactive && !yes) throw notInteractive(given, regionFromEnv);
  const answers = !given.region && regionFromEnv ? { ...given, region: regionFromEnv } : given;
  const missing = unansweredRequired(answers, regionFromEnv);
  if (!interactive && missing.length > 0) {
    throw usageError(
      'ANSWERS_REQUIRED',
      `--yes takes defaults, but there is none for ${missing.map((q) => q.summary).join(' and ')}`,
      {
        suggestions: [`Pass ${missing.map((q) => flagsAnswering(q).join(' or ')).join(', ')}.`],
      },
    );
  }
  return answers;
}

/**
 * Every answer a flag gave, checked on its own before anything is loaded or asked: a wrong flag fails at
 * once, naming itself, instead of after a dozen questions.
 */
export function checkGiven(given: InitAnswers): void {
  for (const q of QUESTIONS) if (given[q.id] !== undefined) checkedValue(given, q.id);
}

/** No terminal and no --yes: never wait, never guess — say which flags a script must pass. */
function notInteractive(given: InitAnswers, regionFromEnv: string | undefined): SpotctlError {
  const missing = unansweredRequired(given, regionFromEnv);
  const flags = missing.map((q) => flagsAnswering(q).join(' or '));
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
