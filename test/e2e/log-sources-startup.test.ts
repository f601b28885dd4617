/**
 * The Kubernetes client is heavy: it must load only when the cluster is read. `--help` and a file run
 * never load it; the runtime that opens remote sources loads it for --kube and not otherwise — with a
 * control showing the check can fail.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isolatedEnv } from '../helpers/cli.js';
import { IMPORT_HOOK, modulesIn, newImportLog, runCliImports } from '../helpers/imports.js';
import { describeShared, repoRoot, sharedPath } from '../helpers/shared.js';

const KUBE = '@kubernetes/client-node';
const AWS = /@aws-sdk|@smithy/;

/** Run a module script against the built runtime, recording what it loads. */
function scriptImports(source: string): Promise<{ stdout: string; modules: string[] }> {
  const log = newImportLog();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', IMPORT_HOOK, '--input-type=module', '-e', source], {
      cwd: repoRoot,
      env: isolatedEnv({ SPOTCTL_IMPORT_LOG: log }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.on('error', reject);
    child.on('close', () => resolve({ stdout, modules: modulesIn(log) }));
  });
}

const runtime = JSON.stringify(join(repoRoot, 'dist/runtime/log-sources.js'));

describe('what loads the Kubernetes client', () => {
  it.each([[['--help']], [['explain-logs', '--help']]])('%j does not', async (args) => {
    const { code, modules } = await runCliImports(args);
    expect(code).toBe(0);
    expect(modules.some((url) => url.endsWith('/bin/run.js'))).toBe(true);
    expect(modules.filter((url) => url.includes(KUBE))).toEqual([]);
  });

  it('file-only sources through the runtime do not', async () => {
    const { stdout, modules } = await scriptImports(`
      const { logSourcePlan, withRemoteSources } = await import(${runtime});
      const plan = logSourcePlan({});
      const names = [];
      for await (const s of withRemoteSources([{ name: 'a.log', chunks: [] }], plan, { note() {} })) names.push(s.name);
      console.log(JSON.stringify({ plan: plan ?? null, names }));`);
    expect(JSON.parse(stdout)).toEqual({ plan: null, names: ['a.log'] });
    expect(modules.some((url) => url.endsWith('/dist/runtime/log-sources.js'))).toBe(true);
    expect(modules.filter((url) => url.includes(KUBE) || AWS.test(url))).toEqual([]);
  });

  it('--kube does (the check above can fail)', async () => {
    const { stdout, modules } = await scriptImports(`
      const { logSourcePlan, openLogSources } = await import(${runtime});
      const plan = logSourcePlan({ kube: true, kubeconfig: '/nonexistent/kubeconfig' });
      try { for await (const _ of openLogSources(plan, { note() {} })) {} } catch (e) { console.log(e.code); }`);
    expect(stdout.trim()).toBe('NO_KUBECONFIG');
    expect(modules.some((url) => url.includes(KUBE))).toBe(true);
    // And reading the cluster needs no AWS SDK.
    expect(modules.filter((url) => AWS.test(url))).toEqual([]);
  });
});

describeShared('a plain explain-logs run', () => {
  it('explain-logs FILE loads neither the Kubernetes client nor the AWS SDK', async () => {
    const file = sharedPath('fixtures/karpenter-logs/awsblog_maxspot_v05.log');
    const { code, modules } = await runCliImports(['explain-logs', file, '--json']);
    expect(code).toBe(0);
    expect(modules.filter((url) => url.includes(KUBE) || AWS.test(url))).toEqual([]);
  });
});
