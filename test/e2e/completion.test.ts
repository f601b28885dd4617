/**
 * Shell completion through @oclif/plugin-autocomplete, tried in the real shells: the script
 * `spotctl autocomplete script <shell>` prints is sourced and asked to complete.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../helpers/cli.js';

const has = (shell: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    process.stderr.write(`\n[spotctl tests] ${shell} is not installed: its completion test is SKIPPED.\n`);
    return false;
  }
};

let cache: string;
const env = () => ({ XDG_CACHE_HOME: cache });

beforeAll(async () => {
  cache = mkdtempSync(join(tmpdir(), 'spotctl-completion-'));
});

describe.skipIf(!has('bash'))('bash', () => {
  it('completes commands and flags', async () => {
    // Given the completion set up as `spotctl autocomplete bash` tells a user to
    expect((await runCli(['autocomplete', 'bash'], { env: env() })).code).toBe(0);
    const script = (await runCli(['autocomplete', 'script', 'bash'], { env: env() })).stdout;
    expect(script).toMatch(/spotctl autocomplete setup/);
    // When bash is asked to complete `spotctl pri<TAB>` and `spotctl prices --ty<TAB>`
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _spotctl_autocomplete; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).trim();
    // Then it offers the command, then the flag
    expect(complete(['spotctl', 'pri'])).toBe('prices');
    expect(complete(['spotctl', 'prices', '--ty'])).toBe('--types');
    expect(complete(['spotctl', 'quota-check', '--quot']).split(' ').sort()).toEqual(['--quota', '--quotas']);
  });
});

describe.skipIf(!has('zsh'))('zsh', () => {
  it('registers a completion function for spotctl', async () => {
    expect((await runCli(['autocomplete', 'zsh'], { env: env() })).code).toBe(0);
    const script = (await runCli(['autocomplete', 'script', 'zsh'], { env: env() })).stdout;
    const out = execFileSync(
      'zsh',
      ['-f', '-c', `${script}\nprint -r -- "\${_comps[spotctl]}"; whence -w _spotctl`],
      { encoding: 'utf8', env: { ...process.env, HOME: cache } },
    );
    expect(out).toMatch(/^_spotctl$/m);
    expect(out).toMatch(/_spotctl: function/);
  });
});
