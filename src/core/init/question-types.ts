/**
 * The shape of `spotctl init`'s question table (see `questions.ts`): a question's flag, prompt, default,
 * check and help, and the small helpers the entries are written with.
 */
import { type SpotctlError, usageError } from '../errors.js';
import { nearest } from '../text/nearest.js';
import type { AnswerKey, ApiVersion, InitAnswers } from './types.js';

export interface SuggestionChoice {
  instanceType: string;
  /** One line: the type and its key numbers. */
  label: string;
  /** Why it is suggested. */
  reasons: string[];
}

/** What the run found out before asking, to offer as defaults. */
export interface WizardHints {
  /** The Region of the AWS profile (or the environment), when there is one. */
  region?: string;
  /** The cluster of the current kubectl context (or CLUSTER_NAME), and where it came from. */
  cluster?: { name: string; from: string };
  /** Who is asking ($USER), for a cluster name to start from. */
  user?: string;
}

/** What the wizard needs from the outside world (the catalog, the analysis), as narrow as its use. */
export interface WizardServices {
  hints: WizardHints;
  /** Print a block of text (a table, a note) between questions. */
  show(text: string): void;
  /** Why the data source cannot answer for this Region (e.g. the bundled data lacks it), or undefined. */
  checkRegion(region: string): Promise<string | undefined>;
  /** Why these seeds cannot be used (unknown names, nothing matches), or undefined. */
  checkSeeds(
    answers: InitAnswers,
    seeds: { types: string[]; families: string[] },
  ): Promise<string | undefined>;
  /** The price and availability table for the seeds, and the suggested additions (types only). */
  analyse(answers: InitAnswers): Promise<{ table: string; suggestions: SuggestionChoice[] }>;
}

/** A parsed flag value as the CLI hands it over. */
export type FlagValue = string | number | boolean | string[];

export interface FlagSpec<V> {
  /** Long name, kebab-case, without `--`. */
  name: string;
  kind: 'string' | 'integer' | 'boolean' | 'list';
  /** The values a choice flag accepts. */
  options?: readonly string[];
  char?: string;
  env?: string;
  helpGroup?: string;
  min?: number;
  max?: number;
  /** Boolean flags: also accept `--no-<name>`. */
  allowNo?: boolean;
  exclusive?: string[];
  description: string;
  /** Declared by the flags every AWS command shares (`--region`): not declared again. */
  shared?: boolean;
  /** The flag's value as an answer; undefined leaves the question open. Default: the value as it is. */
  toAnswer?: (raw: FlagValue) => V | undefined;
}

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
}

interface PromptBase {
  message: string | ((answers: InitAnswers, hints: WizardHints) => string);
  /** Whether the question applies, given the answers so far (default: always). */
  when?: (answers: InitAnswers) => boolean;
}

export type Prompt<V> =
  | (PromptBase & {
      kind: 'text';
      /** The default the prompt offers (default: the question's default). */
      default?: (answers: InitAnswers, hints: WizardHints) => string | undefined;
      /** What is wrong with the typed text before it becomes an answer (the question's check runs after). */
      validate?: (text: string, answers: InitAnswers) => string | undefined;
      /** A check that needs the data source (does the catalog know this Region, these types?). */
      verify?: (text: string, answers: InitAnswers, services: WizardServices) => Promise<string | undefined>;
      /** The answers the text stands for; default: the trimmed text is the answer. */
      parse?: (text: string) => InitAnswers;
    })
  | (PromptBase & { kind: 'number'; default?: number; min: number; step?: 'any'; required: boolean })
  | (PromptBase & {
      kind: 'select';
      choices: (answers: InitAnswers) => Array<Choice<NonNullable<V>>>;
      default?: (answers: InitAnswers) => NonNullable<V> | undefined;
    })
  | (PromptBase & { kind: 'confirm' })
  /** Type to filter a list; Enter takes the highlighted (first) entry. */
  | (PromptBase & {
      kind: 'search';
      choices: (term: string, hints: WizardHints) => Array<Choice<string>>;
      verify?: (value: string, answers: InitAnswers, services: WizardServices) => Promise<string | undefined>;
    })
  /** The seed analysis: the price table, then the suggested types to tick. Shown even when answered. */
  | (PromptBase & { kind: 'suggestions' });

export interface Question<K extends AnswerKey = AnswerKey> {
  id: K;
  flag: FlagSpec<InitAnswers[K]>;
  /** What the answer is, in the words of "there is none for …". */
  summary: string;
  /**
   * Questions asked (and skipped) together: when a flag answered one of them, the wizard asks none. A
   * required question of a group is answered by any of its members.
   */
  group?: 'pod' | 'seeds';
  /** No default a script may take: `--yes` cannot answer it (the wizard may still offer one). */
  required?: boolean;
  /** The answer when nobody gave one; may depend on earlier answers. */
  default?: (answers: InitAnswers) => InitAnswers[K] | undefined;
  /** What is wrong with one answer on its own, in a sentence the prompt shows when it asks again. */
  check?: (value: NonNullable<InitAnswers[K]>, answers: InitAnswers) => string | undefined;
  /** The error for a value that fails `check` and came from a flag (or a default). */
  reject?: (value: NonNullable<InitAnswers[K]>, problem: string) => SpotctlError;
  prompt?: Prompt<InitAnswers[K]>;
}

/** Type-checks one entry against its answer's type, then erases the key for the table. */
export const question = <K extends AnswerKey>(q: Question<K>): Question => q as unknown as Question;

/** A choice flag's value, typed by the list it was checked against. */
export const oneOf =
  <T extends string>(options: readonly T[]) =>
  (raw: FlagValue): T | undefined =>
    options.find((option) => option === raw);

/**
 * A choice whose values are too long to list in the flag's help label: taken as typed, and checked by
 * `choiceProblem` (with the nearest value) before anything else runs.
 */
export const choiceAnswer =
  <T extends string>(_options: readonly T[]) =>
  (raw: FlagValue): T =>
    String(raw) as T;

/** What is wrong with a choice's value: not one of `options`, and which it was probably meant to be. */
export function choiceProblem(value: string, options: readonly string[]): string | undefined {
  if (options.includes(value)) return undefined;
  const close = nearest(value, options, 1);
  return `one of ${options.join(', ')}${close[0] ? ` (did you mean ${close[0]}?)` : ''}`;
}

export const invalidChoice = (flag: string) => (value: string, problem: string) =>
  usageError('INVALID_CHOICE', `${flag} "${value}" is not ${problem}`, {
    suggestions: [`Pass ${flag} with ${problem.replace(/ \(did you mean .*\)$/, '')}.`],
  });

/** `a,b , c` or repeated flags → ['a', 'b', 'c']. */
export const listAnswer = (raw: FlagValue): string[] =>
  (Array.isArray(raw) ? raw : [String(raw)])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);

export const text = (raw: FlagValue): string => String(raw);
export const whole = (raw: FlagValue): number | undefined => (typeof raw === 'number' ? raw : undefined);

export const DEFAULT_OUTPUT_DIR = 'spotctl-output';
/**
 * Karpenter's own getting-started NodePool: any compute, general or memory optimised type (c, m, r) of
 * generation 3 or later — hundreds of Spot capacity pools, no hand-picked list to go stale.
 */
export const DEFAULT_CATEGORIES = ['c', 'm', 'r'];
export const GENERATION_ABOVE = 2;
/** NVIDIA GPU families on x86 (T4, A10G, L4): one device plugin, one image, plenty of Spot pools. */
export const DEFAULT_GPU_FAMILIES = ['g4dn', 'g5', 'g6'];
export const DEFAULT_CAPACITY = 'spot-and-on-demand';
export const DEFAULT_MAX_SUGGESTIONS = 10;
export const DEFAULT_DAYS = 7;
export const CPU_LIMIT = '1000';
export const MEMORY_LIMIT = '1000Gi';
/** The seed blog's GPU limit. */
export const GPU_LIMIT = '100';
export const BUDGET = '10%';
export const AMI = 'al2023@latest';

export const v1 = (answers: InitAnswers): boolean => (answers.api ?? 'v1') === 'v1';
export const apiOf = (answers: InitAnswers): ApiVersion => answers.api ?? 'v1';

export const invalidLimit = (flag: string) => (value: string, problem: string) =>
  usageError('INVALID_LIMIT', `${flag} "${value}" is not a resource quantity`, {
    suggestions: [`Pass ${problem}.`],
  });

export const invalidDuration = (flag: string) => (value: string) =>
  usageError('INVALID_DURATION', `${flag} "${value}" is not a duration`, {
    suggestions: ['Use hours, minutes and seconds such as 30s, 5m, 720h, or Never.'],
  });
