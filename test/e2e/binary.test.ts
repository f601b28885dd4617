/**
 * The real binary, spawned with piped stdio (no TTY), as a CI job runs it: the documented exit codes and
 * stream discipline hold end to end. Command behaviour is tested in-process (test/commands); these few keep
 * the process edges honest.
 */
import { describe, expect, it } from 'vitest';

import { runCli } from '../helpers/cli.js';
import { describeShared, sharedPath } from '../helpers/shared.js';

describe('the spotctl binary', () => {
  it('exits 2 on an unknown flag, with one line and a next step on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['prices', '--offline', '--bogus']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('Error: Nonexistent flag: --bogus\n→ See --help for the flags this command takes.\n');
  });

  it('exits 3 on an unknown instance type, and gives the error as JSON on stdout under --json', async () => {
    const { code, stdout } = await runCli([
      'prices',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'm5.lrge',
      '--json',
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'UNKNOWN_INSTANCE_TYPE', exitCode: 3 } });
  });

  it('exits 0 with data on stdout and nothing but notes on stderr', async () => {
    const { code, stdout, stderr } = await runCli([
      'suggest',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'g4dn.xlarge',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).recommended.length).toBeGreaterThan(1);
    expect(stderr).not.toMatch(/Error/);
  });
});

describeShared('the spotctl binary on real input', () => {
  it('exits 1 when lint finds errors, reading the manifest from a piped stdin', async () => {
    const { readFileSync } = await import('node:fs');
    const { code, stdout } = await runCli(['lint', '-', '--offline'], {
      input: readFileSync(sharedPath('fixtures/seed/provisioner.v1alpha5.yaml')),
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/error capacity-type-value/);
  });
});
