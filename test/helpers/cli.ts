/**
 * Spawn the built CLI (bin/run.js) with piped stdio — no TTY — and collect what a user or CI would see.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { repoRoot } from './shared.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  cwd?: string;
  timeoutMs?: number;
}

/** Env with no AWS credentials or config, so tests never pick up the machine's. */
export const isolatedEnv = (extra: Record<string, string | undefined> = {}): Record<string, string> => {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NO_COLOR: '1',
    AWS_CONFIG_FILE: '/nonexistent/spotctl-test-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/spotctl-test-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
};

export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/run.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: isolatedEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, durationMs: Date.now() - started });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}
