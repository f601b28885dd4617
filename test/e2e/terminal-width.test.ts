/**
 * In a real 80-column terminal (a pty made by util-linux `script`), help and reports fit: no line wider
 * than the terminal. Piped, the same commands keep full lines (tested with the commands).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isolatedEnv } from '../helpers/cli.js';
import { describeShared, repoRoot, sharedPath } from '../helpers/shared.js';

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    process.stderr.write(
      '\n[spotctl tests] util-linux `script` is missing: the 80-column terminal tests are SKIPPED.\n',
    );
    return false;
  }
})();

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/** What a user sees running `spotctl …args` in an 80 × 50 terminal, escape sequences removed. */
function inTerminal(args: string[]): { lines: string[]; status: number | null } {
  const command = `stty cols 80 rows 50; ${quote(process.execPath)} ${quote(join(repoRoot, 'bin/run.js'))} ${args.map(quote).join(' ')}`;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: isolatedEnv({ TERM: 'xterm-256color', NO_COLOR: undefined }),
    timeout: 60_000,
    input: '',
  });
  // eslint-disable-next-line no-control-regex
  const text = result.stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  return { lines: text.split('\n'), status: result.status };
}

const wide = (lines: string[]) => lines.filter((line) => [...line].length > 80);

describe.skipIf(!hasScript)('in an 80-column terminal', () => {
  it.each([
    [['--help']],
    [['init', '--help']],
    [['prices', '--help']],
    [
      [
        'prices',
        '--offline',
        '--region',
        'us-east-1',
        '--types',
        'g4dn.xlarge,g4dn.2xlarge,g5.xlarge,m5.large',
      ],
    ],
    [['suggest', '--offline', '--region', 'us-east-1', '--types', 'g4dn.xlarge,g4dn.2xlarge']],
    [['suggest', '--offline', '--region', 'us-east-1', '--types', 'm5.xlarge', '--capacity', 'spot']],
  ])('spotctl %j fits', (args) => {
    const { lines, status } = inTerminal(args);
    expect(status).toBe(0);
    expect(lines.length).toBeGreaterThan(5);
    expect(wide(lines)).toEqual([]);
  });
});

describeShared('explain-logs in an 80-column terminal', () => {
  it.skipIf(!hasScript)('fits, long log lines shortened', () => {
    const { lines, status } = inTerminal([
      'explain-logs',
      sharedPath('fixtures/karpenter-logs/k6643_all_types_unavailable_v037.log'),
    ]);
    expect(status).toBe(0);
    expect(wide(lines)).toEqual([]);
  });
});
