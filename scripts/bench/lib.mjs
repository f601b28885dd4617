// Small helpers shared by the benchmark scripts: timing child processes and summarising samples.
import { spawnSync } from 'node:child_process';

/** Wall time in ms of one run of `command args`, with no TTY and no AWS credentials. */
export function timeRun(command, args, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median of `runs` timed runs after `warmup` untimed ones (to warm the OS file cache, not Node). */
export function medianRun(command, args, { runs = 15, warmup = 2, env } = {}) {
  for (let i = 0; i < warmup; i++) timeRun(command, args, env);
  return median(Array.from({ length: runs }, () => timeRun(command, args, env)));
}
