/**
 * `spotctl init --help` at 80 columns: the help renderer wraps descriptions to the width it is given, so
 * what init itself controls — flag labels (a choice flag lists its values there), examples, the summary —
 * must leave every line within 80 columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { renderCommandHelp } from '../../src/runtime/fast-help.js';
import { repoRoot } from '../helpers/shared.js';

it('every line of init --help fits in 80 columns when the help is rendered 80 wide', () => {
  // Given the command as the build describes it / When its help is rendered 80 wide / Then no line is longer
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8'));
  const help = renderCommandHelp('spotctl', manifest.commands.init, 80);
  const long = help.split('\n').filter((line) => [...line].length > 80);
  expect(long).toEqual([]);
  expect(help).toContain('-d, --output-dir=<value>');
  // The check can fail: the same help at 100 columns has longer lines.
  expect(
    renderCommandHelp('spotctl', manifest.commands.init, 100)
      .split('\n')
      .some((l) => l.length > 80),
  ).toBe(true);
});
