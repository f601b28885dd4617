/**
 * What a spotctl process loads: runs with the record-imports hook (`node --import`), which writes every
 * module URL it resolves to a log, so start-up tests can prove what a run does NOT load.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli, type CliOptions, type CliResult } from './cli.js';
import { repoRoot } from './shared.js';

export const IMPORT_HOOK = join(repoRoot, 'test/helpers/record-imports.mjs');

/** A fresh log file for the hook. */
export const newImportLog = (): string =>
  join(mkdtempSync(join(tmpdir(), 'spotctl-imports-')), 'imports.log');

/** The module URLs a log holds; none when the process never got as far as writing it. */
export function modulesIn(log: string): string[] {
  try {
    return readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    return [];
  }
}

/** The env that makes a node process record its imports into `log`. */
export const importEnv = (log: string): Record<string, string> => ({
  SPOTCTL_IMPORT_LOG: log,
  NODE_OPTIONS: `--import=${IMPORT_HOOK}`,
});

/** `spotctl …args`, with the modules it loaded. */
export async function runCliImports(
  args: string[],
  options: CliOptions = {},
): Promise<CliResult & { modules: string[] }> {
  const log = newImportLog();
  const result = await runCli(args, { ...options, env: { ...options.env, ...importEnv(log) } });
  return { ...result, modules: modulesIn(log) };
}
