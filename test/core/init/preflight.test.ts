/**
 * Before anything is loaded or asked: which runs go on, which fail at once, and what they are told.
 */
import { describe, expect, it } from 'vitest';

import { SpotctlError } from '../../../src/core/errors.js';
import { preflight } from '../../../src/core/init/preflight.js';
import type { InitAnswers } from '../../../src/core/init/types.js';

const SCRIPTED: InitAnswers = { region: 'us-east-1', clusterName: 'demo', types: ['g4dn.xlarge'] };

function failure(run: () => unknown): SpotctlError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpotctlError) return error;
    throw error;
  }
  throw new Error('expected preflight to throw');
}

describe('preflight', () => {
  it.each([
    [
      'no terminal, no --yes, nothing given',
      {},
      undefined,
      'NOT_INTERACTIVE',
      'Pass --region, --cluster-name and --yes (the other questions take their defaults; see --help for their flags).',
    ],
    [
      'no terminal, no --yes, the region from the environment',
      {},
      'eu-west-1',
      'NOT_INTERACTIVE',
      'Pass --cluster-name and --yes (the other questions take their defaults; see --help for their flags).',
    ],
    [
      'no terminal, no --yes, every required answer given',
      SCRIPTED,
      undefined,
      'NOT_INTERACTIVE',
      'Pass --yes to take the defaults for the questions not answered by flags (see --help).',
    ],
  ])('%s: exit 2, naming the flags to pass', (_case, given, regionFromEnv, code, suggestion) => {
    // Given no terminal and no --yes / When preflight runs / Then it refuses to wait for input
    const error = failure(() => preflight(given, { interactive: false, yes: false, regionFromEnv }));
    expect(error).toMatchObject({ code, exitCode: 2, suggestions: [suggestion] });
    expect(error.message).toBe('init needs a terminal to ask its questions, or --yes to take the defaults');
  });

  it('--yes without a cluster name: says which answer has no default', () => {
    const error = failure(() =>
      preflight({ region: 'us-east-1' }, { interactive: false, yes: true, regionFromEnv: undefined }),
    );
    expect(error).toMatchObject({ code: 'ANSWERS_REQUIRED', exitCode: 2 });
    expect(error.message).toBe('--yes takes defaults, but there is none for the EKS cluster name');
    expect(error.suggestions).toEqual(['Pass --cluster-name.']);
  });

  it('fills the region from the environment only when no flag set it, without touching the input', () => {
    const given: InitAnswers = { clusterName: 'demo', types: ['m5.large'] };
    const answers = preflight(given, { interactive: false, yes: true, regionFromEnv: 'us-west-2' });
    expect(answers).toEqual({ ...given, region: 'us-west-2' });
    expect(given.region).toBeUndefined();
    expect(preflight(SCRIPTED, { interactive: false, yes: true, regionFromEnv: 'us-west-2' }).region).toBe(
      'us-east-1',
    );
  });

  it('on a terminal, unanswered questions are left for the wizard', () => {
    expect(preflight({}, { interactive: true, yes: false, regionFromEnv: undefined })).toEqual({});
  });
});
