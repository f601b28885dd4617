/**
 * `spotctl init`'s flags, made from its question table (one flag per question) plus the few that steer a
 * run rather than answer a question, and the request a parsed set of them stands for.
 */
import { Flags } from '@oclif/core';

import {
  DEFAULT_DAYS,
  DEFAULT_MAX_SUGGESTIONS,
  type FlagSpec,
  type FlagValue,
  QUESTIONS,
} from '../core/init/questions.js';
import { answersFromFlags } from '../core/init/questions.js';
import type { InitRequest } from '../core/init/run.js';

function oclifFlag(spec: FlagSpec<unknown>) {
  const common = {
    description: spec.description,
    ...(spec.char ? { char: spec.char as 'a' } : {}),
    ...(spec.env ? { env: spec.env } : {}),
    ...(spec.helpGroup ? { helpGroup: spec.helpGroup } : {}),
    ...(spec.exclusive ? { exclusive: spec.exclusive } : {}),
  };
  switch (spec.kind) {
    case 'boolean':
      return Flags.boolean({ ...common, ...(spec.allowNo ? { allowNo: true } : {}) });
    case 'integer':
      return Flags.integer({ ...common, min: spec.min, max: spec.max });
    case 'list':
      return Flags.string({ ...common, multiple: true });
    default:
      return Flags.string({ ...common, ...(spec.options ? { options: [...spec.options] } : {}) });
  }
}

/** One flag per question of the table (those the AWS flags already declare excepted). */
const questionFlags = Object.fromEntries(
  QUESTIONS.filter((q) => !q.flag.shared).map((q) => [q.flag.name, oclifFlag(q.flag as FlagSpec<unknown>)]),
);

/** Flags that steer the run: how far the suggestions go, and whether to ask, replace or only print. */
const runFlags = {
  'max-suggestions': Flags.integer({
    description: 'Most types to suggest.',
    default: DEFAULT_MAX_SUGGESTIONS,
    min: 1,
    max: 60,
  }),
  days: Flags.integer({
    description: 'Days of Spot price history for the table.',
    default: DEFAULT_DAYS,
    min: 1,
    max: 90,
  }),
  yes: Flags.boolean({
    char: 'y',
    description: 'Take the defaults for every question not answered by a flag; do not ask.',
  }),
  force: Flags.boolean({ char: 'f', description: 'Replace existing files.' }),
  'dry-run': Flags.boolean({
    description: 'Print the manifests for kubectl apply -f - instead of writing them.',
  }),
  quiet: Flags.boolean({ char: 'q', description: 'No progress lines: only results, warnings and errors.' }),
};

export const initFlags = { ...questionFlags, ...runFlags };

/** The parsed flags of `spotctl init` → what the run is asked to do. */
export function initRequest(flags: Readonly<Record<string, FlagValue | undefined>>): InitRequest {
  return {
    given: answersFromFlags(flags),
    yes: flags.yes === true,
    force: flags.force === true,
    dryRun: flags['dry-run'] === true,
    maxSuggestions: Number(flags['max-suggestions'] ?? DEFAULT_MAX_SUGGESTIONS),
    days: Number(flags.days ?? DEFAULT_DAYS),
  };
}
