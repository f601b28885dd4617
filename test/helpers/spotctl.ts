/**
 * `spotctl <command> …` in this process: the command id picks the command class, the rest is its argv —
 * the same call shape as `runCli`, so a test reads like a shell line.
 */
import type { Command } from '@oclif/core';

import { runCommand, type CommandResult, type RunCommandOptions } from './run-command.js';

const COMMANDS: Record<string, () => Promise<{ default: unknown }>> = {
  convert: () => import('../../src/commands/convert.js'),
  'explain-logs': () => import('../../src/commands/explain-logs.js'),
  init: () => import('../../src/commands/init.js'),
  lint: () => import('../../src/commands/lint.js'),
  monitoring: () => import('../../src/commands/monitoring.js'),
  prices: () => import('../../src/commands/prices.js'),
  'quota-check': () => import('../../src/commands/quota-check.js'),
  snapshot: () => import('../../src/commands/snapshot.js'),
  suggest: () => import('../../src/commands/suggest.js'),
  version: () => import('../../src/commands/version.js'),
};

export async function spotctl(args: string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const [id, ...argv] = args;
  const load = id === undefined ? undefined : COMMANDS[id];
  if (!load) throw new Error(`no command ${id}`);
  const Cmd = (await load()).default as Parameters<typeof runCommand>[0] & typeof Command;
  return runCommand(Cmd, argv, options);
}
