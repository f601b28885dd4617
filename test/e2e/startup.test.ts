/**
 * Start-up cost is a feature: help and offline commands must not load the AWS SDK.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/shared.js';

async function importsOf(args: string[]): Promise<{ code: number | null; modules: string[] }> {
  const log = join(mkdtempSync(join(tmpdir(), 'spotctl-imports-')), 'imports.log');
  const hook = join(repoRoot, 'test/helpers/record-imports.mjs');
  const result = await runCli(args, { env: { SPOTCTL_IMPORT_LOG: log, NODE_OPTIONS: `--import=${hook}` } });
  let modules: string[] = [];
  try {
    modules = readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    modules = [];
  }
  return { code: result.code, modules };
}

describe('what start-up loads', () => {
  it.each([
    [['--help']],
    [['suggest', '--help']],
    [['prices', '--help']],
    [['suggest', '--offline', '--region', 'us-east-1', '--types', 'g4dn.xlarge']],
  ])('%j does not load the AWS SDK', async (args) => {
    const { code, modules } = await importsOf(args);
    expect(code).toBe(0);
    expect(modules.some((url) => url.endsWith('/bin/run.js'))).toBe(true); // the hook did record the run
    expect(modules.filter((url) => url.includes('@aws-sdk') || url.includes('@smithy'))).toEqual([]);
  });

  it('a live run does load it (the check above can fail)', async () => {
    const { modules } = await importsOf(['suggest', '--region', 'us-east-1', '--types', 'g4dn.xlarge']);
    expect(modules.some((url) => url.includes('@aws-sdk') || url.includes('@smithy'))).toBe(true);
  });
});
