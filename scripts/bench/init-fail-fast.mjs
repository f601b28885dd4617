// Prints how fast `spotctl init` gives up without a terminal (issue 3: "exits at once, within a second"):
// stdin is a pipe left open and never written, as in a CI job, so a prompt would hang instead of failing.
// Also prints a full scripted `init --yes --offline --dry-run` for scale. Run after the build.
import { spawn } from 'node:child_process';
import { clearTimeout, setTimeout } from 'node:timers';

import { median } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

function timeOpenStdin(args, expectedCode) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['bin/run.js', ...args], {
      env,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== expectedCode)
        reject(new Error(`spotctl ${args.join(' ')} exited ${code}, expected ${expectedCode}`));
      else resolve(ms);
    });
  });
}

async function sample(args, code) {
  await timeOpenStdin(args, code); // warm the file cache
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await timeOpenStdin(args, code));
  return { median: median(times), max: Math.max(...times) };
}

const failFast = await sample(['init', '--region', 'us-east-1'], 2);
const scripted = await sample(
  [
    'init',
    '--yes',
    '--offline',
    '--region',
    'us-east-1',
    '--cluster-name',
    'demo',
    '--types',
    'g4dn.xlarge,g4dn.2xlarge',
    '--dry-run',
  ],
  0,
);
const fmt = ({ median: m, max }) => `median ${m.toFixed(1)} ms, max ${max.toFixed(1)} ms`;
console.log(`init without a TTY (${runs} runs, stdin open)`);
console.log(`  fail fast, no --yes            ${fmt(failFast)}  (target < 1000 ms)`);
console.log(`  --yes --offline --dry-run      ${fmt(scripted)}`);
if (failFast.max >= 1000) process.exitCode = 1;
