import { Args, Flags } from '@oclif/core';

import { usageError } from '../core/errors.js';

/** Flags for commands that talk to AWS. Values fall back to the standard AWS_* variables. */
export const awsFlags = {
  region: Flags.string({
    description:
      'AWS Region to analyse (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile’s region).',
    helpGroup: 'AWS',
  }),
  profile: Flags.string({
    description: 'Named profile from the shared AWS config and credentials files.',
    env: 'AWS_PROFILE',
    helpGroup: 'AWS',
  }),
  'endpoint-url': Flags.string({
    description: 'Send every AWS API call to this endpoint (LocalStack, a proxy, a test server).',
    env: 'SPOTCTL_ENDPOINT_URL',
    helpGroup: 'AWS',
  }),
};

/** Flags choosing the catalog source: live AWS, a snapshot file, or the bundled offline data. */
export const catalogFlags = {
  offline: Flags.boolean({
    description: 'Use the bundled offline data; never call AWS.',
    exclusive: ['snapshot', 'live'],
    helpGroup: 'DATA',
  }),
  snapshot: Flags.string({
    description: 'Use a snapshot file written by `spotctl snapshot` instead of live AWS.',
    env: 'SPOTCTL_SNAPSHOT',
    exclusive: ['offline', 'live'],
    helpGroup: 'DATA',
  }),
  live: Flags.boolean({
    description: 'Require live AWS data: fail instead of falling back to the bundled data.',
    exclusive: ['offline', 'snapshot'],
    helpGroup: 'DATA',
  }),
};

/**
 * `a,b , c` → ['a','b','c'] for comma-separated list flags; also accepts repeated flags. A flag that was
 * given but lists nothing (`--types ,`, `--types ""`) is a usage error: silently meaning "none" would turn
 * a script's empty variable into a run over nothing.
 */
export function splitList(values: string[] | string | undefined, flag?: string): string[] {
  const given = Array.isArray(values) ? values : values === undefined ? [] : [values];
  const list = given
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  if (given.length > 0 && list.length === 0) {
    throw usageError('EMPTY_LIST', `${flag ? `--${flag}` : 'a list flag'} was given an empty list`, {
      suggestions: [`Pass at least one value${flag ? `, e.g. --${flag} a,b` : ''}, or leave the flag out.`],
    });
  }
  return list;
}

/**
 * The FILE|DIR… argument of the manifest commands. `ignoreStdin`: oclif would otherwise read piped stdin
 * whole into it as if it were a path; stdin is read only when asked for with `-`.
 */
export const manifestPathsArg = (description = 'Manifest files or directories; - reads stdin.') =>
  Args.string({ description, required: false, ignoreStdin: true });
