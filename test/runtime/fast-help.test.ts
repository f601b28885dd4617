import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { helpRequest, renderCommandHelp } from '../../src/runtime/fast-help.js';
import { runCli } from '../helpers/cli.js';

const ids = ['prices', 'suggest'];

describe('helpRequest', () => {
  it.each([
    [[], { kind: 'root' }],
    [['--help'], { kind: 'root' }],
    [['-h'], { kind: 'root' }],
    [['help'], { kind: 'root' }],
    [['--version'], { kind: 'version' }],
    [['help', 'suggest'], { kind: 'command', id: 'suggest' }],
    [['suggest', '--help'], { kind: 'command', id: 'suggest' }],
    [['suggest', '--types', 'm5.large', '-h'], { kind: 'command', id: 'suggest' }],
    [['suggest', '--types', 'm5.large'], undefined],
    [['suggest', '--', '--help'], undefined],
    [['nope', '--help'], { kind: 'unknown', id: 'nope' }],
    [['help', 'nope'], { kind: 'unknown', id: 'nope' }],
    [['autocomplete', 'script', '--help'], { kind: 'command', id: 'autocomplete:script' }],
    [['help', 'autocomplete', 'script'], { kind: 'command', id: 'autocomplete:script' }],
    [['autocomplete', 'bash', '--help'], { kind: 'command', id: 'autocomplete' }],
  ])('%j → %j', (argv, expected) => {
    expect(helpRequest(argv, [...ids, 'autocomplete', 'autocomplete:script'])).toEqual(expected);
  });
});

describe('help from the manifest', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../oclif.manifest.json', import.meta.url), 'utf8'));

  it('lists every visible flag of every command, with its description and examples', () => {
    for (const command of Object.values(manifest.commands) as Array<{
      id: string;
      flags: Record<string, { name: string; description?: string; hidden?: boolean }>;
      examples?: string[];
    }>) {
      const text = renderCommandHelp('spotctl', command as never);
      // Wrapped lines and ` \` continuations joined back, as a reader (or a shell) would.
      const flat = text.replace(/ \\\n\s+/g, ' ').replace(/\s+/g, ' ');
      for (const flag of Object.values(command.flags).filter((f) => !f.hidden)) {
        expect(text).toMatch(new RegExp(`--(?:\\[no-\\])?${flag.name}\\b`));
        if (flag.description) expect(flat).toContain(flag.description.replace(/\s+/g, ' '));
      }
      for (const example of command.examples ?? []) {
        expect(flat).toContain(example.replace('<%= config.bin %>', 'spotctl').replace(/\s+/g, ' '));
      }
      // and it fits 80 columns
      expect(text.split('\n').filter((line) => line.length > 80)).toEqual([]);
    }
  });

  it('spotctl --help lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const id of Object.keys(manifest.commands))
      expect(result.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
  });

  it.each([[['sugest', '--help']], [['sugest', '--types', 'm5.large']]])(
    'an unknown command %j names the nearest real one (exit 2)',
    async (argv) => {
      const result = await runCli(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'Error: unknown command "sugest"\n→ Did you mean suggest? See spotctl --help.\n',
      );
    },
  );
});
