/**
 * Every question `spotctl init` can be asked, in the order the wizard asks them: the flag that answers it
 * in a script, the prompt, the default (which may depend on earlier answers, such as the API version), the
 * check of a single answer and the words of its help. The command's flags, the flags → answers mapping,
 * the no-terminal preflight and the wizard loop are all read from this one table; its entries are kept in
 * three files by topic, in the order given here.
 */
import { usageError } from '../errors.js';
import type { FlagValue, Question } from './question-types.js';
import { CAPACITY_QUESTIONS } from './questions/capacity.js';
import { POOL_QUESTIONS } from './questions/pool.js';
import { SETUP_QUESTIONS } from './questions/setup.js';
import type { AnswerKey, InitAnswers } from './types.js';

export * from './question-types.js';

export const QUESTIONS: readonly Question[] = [...POOL_QUESTIONS, ...CAPACITY_QUESTIONS, ...SETUP_QUESTIONS];

const byId = new Map<AnswerKey, Question>(QUESTIONS.map((q) => [q.id, q]));

/** The question behind an answer. */
export const questionFor = <K extends AnswerKey>(id: K): Question<K> =>
  byId.get(id) as unknown as Question<K>;

/** `--cpu-limit` for `cpuLimit`. */
export const flagOf = (id: AnswerKey): string => `--${questionFor(id).flag.name}`;

/** The answer given, or the question's default for these answers. */
export function valueOf<K extends AnswerKey>(answers: InitAnswers, id: K): InitAnswers[K] {
  return answers[id] ?? questionFor(id).default?.(answers);
}

/** The answer (given or default), after its question's check: a bad value is an error naming the flag. */
export function checkedValue<K extends AnswerKey>(answers: InitAnswers, id: K): InitAnswers[K] {
  const value = valueOf(answers, id);
  const q = questionFor(id);
  if (value === undefined || value === null || !q.check) return value;
  const problem = q.check(value as NonNullable<InitAnswers[K]>, answers);
  if (problem === undefined) return value;
  throw (
    q.reject?.(value as NonNullable<InitAnswers[K]>, problem) ??
    usageError('INVALID_ANSWER', `${flagOf(id)} "${String(value)}": ${problem}`, {
      suggestions: [`Pass ${flagOf(id)} with ${problem}.`],
    })
  );
}

/** Flags → answers; absent flags stay absent, so the prompts (or the defaults) fill them. */
export function answersFromFlags(flags: Readonly<Record<string, FlagValue | undefined>>): InitAnswers {
  const answers: Record<string, unknown> = {};
  for (const q of QUESTIONS) {
    const raw = flags[q.flag.name];
    if (raw === undefined) continue;
    const value = q.flag.toAnswer ? q.flag.toAnswer(raw) : raw;
    if (value !== undefined) answers[q.id] = value;
  }
  return answers as InitAnswers;
}

const answered = (answers: InitAnswers, id: AnswerKey): boolean => {
  const value = answers[id];
  return value !== undefined && !(Array.isArray(value) && value.length === 0) && value !== '';
};

/** Whether a flag answered any question of the group. */
export const groupAnswered = (answers: InitAnswers, group: NonNullable<Question['group']>): boolean =>
  QUESTIONS.some((q) => q.group === group && answered(answers, q.id));

/** The flags that answer a question: its own, or (for a group) every member's. */
export const flagsAnswering = (q: Question): string[] =>
  q.group === undefined
    ? [flagOf(q.id)]
    : QUESTIONS.filter((member) => member.group === q.group).map((m) => flagOf(m.id));

/**
 * Questions that have neither an answer nor a default. `regionFromEnv` counts AWS_REGION and friends.
 */
export function unansweredRequired(answers: InitAnswers, regionFromEnv?: string): Question[] {
  return QUESTIONS.filter((q) => {
    if (!q.required) return false;
    if (q.id === 'region' && regionFromEnv) return false;
    return q.group === undefined ? !answered(answers, q.id) : !groupAnswered(answers, q.group);
  });
}
