/**
 * `quota-check --offline` with the quota values given must not even load the AWS SDK: the real binary,
 * with a hook recording every module it resolves.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { nodePoolYaml } from '../fixtures/nodepools.js';
import { runCliImports } from '../helpers/imports.js';
import { repoRoot } from '../helpers/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'spotctl-quota-e2e-'));
const pool = join(dir, 'gpu.yaml');
writeFileSync(
  pool,
  nodePoolYaml({ capacity: ['spot'], types: ['g4dn.xlarge', 'g4dn.2xlarge'], limits: { gpu: 100 } }),
);

async function run(args: string[]) {
  const { modules, ...result } = await runCliImports([
    'quota-check',
    pool,
    '--region',
    'ap-southeast-1',
    ...args,
  ]);
  // The hook did record the run (an empty log would prove nothing).
  if (modules.length === 0) throw new Error('no imports were recorded');
  return { ...result, sdk: modules.filter((url) => url.includes('@aws-sdk') || url.includes('@smithy')) };
}

describe('quota-check --offline', () => {
  it('with --quota fails --strict (exit 1) without loading the AWS SDK', async () => {
    const { code, stdout, sdk } = await run(['--offline', '--quota', 'L-3819A6DF=8', '--strict']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/L-3819A6DF\s+unbounded\s+8\s+\?\s+fail\s+--quota/);
    expect(sdk).toEqual([]);
  });

  it('a run that must ask Service Quotas does load it (the check above can fail)', async () => {
    const snapshot = join(repoRoot, 'src/data/bundled-snapshot.json');
    const { sdk } = await run(['--snapshot', snapshot, '--endpoint-url', 'http://127.0.0.1:9']);
    expect(sdk.length).toBeGreaterThan(0);
  });
});
