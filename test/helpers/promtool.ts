/**
 * Prometheus's own promtool (Debian: apt-get install prometheus), found on PATH or at $PROMTOOL. Without
 * it the tests that need it are skipped with a visible note, like the ones on ../shared.
 */
import { spawnSync } from 'node:child_process';

import { describe, it } from 'vitest';

export const promtoolPath = process.env.PROMTOOL ?? 'promtool';
const probe = spawnSync(promtoolPath, ['--version'], { encoding: 'utf8' });
export const hasPromtool = probe.status === 0;
export const promtoolVersion = hasPromtool
  ? (/version (\S+)/.exec(probe.stdout)?.[1] ?? 'unknown')
  : undefined;

export interface PromtoolResult {
  code: number | null;
  output: string;
}

/** Run promtool with `args`; stdout and stderr together, as a failure is reported on either. */
export function promtool(args: string[], cwd?: string): PromtoolResult {
  const result = spawnSync(promtoolPath, args, { encoding: 'utf8', cwd, timeout: 60_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

let noted = false;

/**
 * `describe` that runs only when promtool is installed, and says so once when it is not. CI sets
 * SPOTCTL_REQUIRE_PROMTOOL=1 so that a missing promtool fails instead of skipping.
 */
export const describePromtool = (name: string, body: () => void): void => {
  if (!hasPromtool && process.env.SPOTCTL_REQUIRE_PROMTOOL === '1') {
    throw new Error(`SPOTCTL_REQUIRE_PROMTOOL=1 but promtool (${promtoolPath}) does not run`);
  }
  if (hasPromtool) {
    describe(`${name} [promtool ${promtoolVersion}]`, body);
    return;
  }
  if (!noted) {
    noted = true;
    process.stderr.write(
      `\n[spotctl tests] promtool not found (${promtoolPath}): the Prometheus rule tests are SKIPPED. Install it with: apt-get install prometheus\n\n`,
    );
  }
  describe.skip(`${name} [promtool]`, () => it.skip('needs promtool', () => {}));
};
