#!/usr/bin/env node
// Benchmark `spotctl explain-logs` on a large JSON Karpenter log built from the real fixture lines, beside
// `grep -c ERROR` and `jq` on the same file. Prints throughput (MB/s) and peak RSS for each.
//
//   node scripts/bench/explain-logs.mjs              # 256 MB
//   node scripts/bench/explain-logs.mjs --size 1024  # 1 GB (targets: >= 150 MB/s, peak RSS <= 150 MB)
//   options: --size <MB>  --fixtures <dir>  --keep (do not delete the generated file)
//            --cli <path to bin/run.js> (default: this checkout's)
//
// Build first: node scripts/build.mjs --no-readme. The generated log goes to the OS temp directory and is
// deleted afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const sizeMb = Number(option('size', '256'));
const fixturesDir = resolve(
  option(
    'fixtures',
    process.env.SPOTCTL_SHARED_DIR
      ? join(process.env.SPOTCTL_SHARED_DIR, 'fixtures/karpenter-logs')
      : join(repoRoot, '../shared/fixtures/karpenter-logs'),
  ),
);
const keep = args.includes('--keep');
const cli = resolve(option('cli', join(repoRoot, 'bin/run.js')));

if (!Number.isFinite(sizeMb) || sizeMb <= 0) fail('--size must be a positive number of MB');
if (!existsSync(join(dirname(cli), '../dist/commands/explain-logs.js')))
  fail('build first: node scripts/build.mjs --no-readme');
if (!existsSync(fixturesDir)) fail(`fixtures not found at ${fixturesDir} (pass --fixtures <dir>)`);

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** Single-line JSON records from the fixtures, as templates with their time replaced. */
function templates() {
  const out = [];
  for (const file of readdirSync(fixturesDir).filter((f) => f.endsWith('.log'))) {
    for (const raw of readFileSync(join(fixturesDir, file), 'utf8').split('\n')) {
      const line = raw.slice(raw.indexOf('{'));
      if (!line.startsWith('{') || !line.endsWith('}')) continue;
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof record !== 'object' || record === null || typeof record.message !== 'string') continue;
      // Every record gets a level and time, as a real v1 controller writes them.
      const { level = 'INFO', time: _time, ...rest } = record;
      const body = JSON.stringify({ level, time: '@@TIME@@', ...rest });
      const [before, after] = body.split('"@@TIME@@"');
      out.push([before, after]);
    }
  }
  if (out.length === 0) fail(`no JSON records in ${fixturesDir}`);
  return out;
}

async function generate(path, bytes) {
  const lines = templates();
  const stream = createWriteStream(path);
  let written = 0;
  let t = Date.parse('2025-01-01T00:00:00Z');
  let i = 0;
  while (written < bytes) {
    let block = '';
    while (block.length < 1 << 20) {
      const [before, after] = lines[i % lines.length];
      block += `${before}"${new Date(t).toISOString()}"${after}\n`;
      t += 37;
      i += 1;
    }
    written += Buffer.byteLength(block);
    if (!stream.write(block)) await new Promise((r) => stream.once('drain', r));
  }
  await new Promise((r) => stream.end(r));
  return { lines: i, templates: lines.length };
}

const TIME_BIN = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Run a command, stdout discarded; wall time and peak RSS (GNU time, else /proc polling). */
function measure(command, commandArgs) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const useTime = TIME_BIN !== undefined;
    // stdout is a pipe, drained: GNU grep treats /dev/null as `-q` and stops at the first match.
    const child = useTime
      ? spawn(TIME_BIN, ['-f', '%M', command, ...commandArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    let stderr = '';
    let peakKb = 0;
    child.stderr.on('data', (d) => (stderr += d));
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) peakKb = Math.max(peakKb, Number(m[1]));
          } catch {
            /* exited */
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (useTime) {
        const lines = stderr.trim().split('\n');
        peakKb = Number(lines[lines.length - 1]);
        stderr = lines.slice(0, -1).join('\n');
      }
      resolvePromise({ code, seconds, peakMb: peakKb / 1024, stderr });
    });
  });
}

const have = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;

const file = join(tmpdir(), `spotctl-bench-${process.pid}.log`);
try {
  process.stdout.write(`Generating ${sizeMb} MB of JSON Karpenter log from ${fixturesDir} …\n`);
  const generated = await generate(file, sizeMb * 1024 * 1024);
  const size = statSync(file).size;
  const mb = size / 1024 / 1024;
  process.stdout.write(
    `File: ${file} — ${mb.toFixed(0)} MB, ${generated.lines.toLocaleString('en-US')} lines (${generated.templates} distinct fixture records)\n\n`,
  );

  const runs = [
    {
      name: 'spotctl explain-logs --json',
      cmd: process.execPath,
      args: [cli, 'explain-logs', file, '--json'],
    },
    { name: 'spotctl explain-logs (human)', cmd: process.execPath, args: [cli, 'explain-logs', file] },
    { name: 'grep -c ERROR', cmd: 'grep', args: ['-c', 'ERROR', file] },
  ];
  if (have('jq'))
    runs.push({
      name: 'jq -c select(.level=="ERROR")',
      cmd: 'jq',
      args: ['-c', 'select(.level=="ERROR")', file],
    });

  const results = [];
  for (const run of runs) {
    const r = await measure(run.cmd, run.args);
    if (r.code !== 0 && !(run.cmd === 'grep' && r.code === 1)) {
      process.stderr.write(`${run.name} exited ${r.code}: ${r.stderr.slice(0, 500)}\n`);
    }
    results.push({ ...run, ...r });
  }
  const pad = (s, n) => String(s).padEnd(n);
  const padL = (s, n) => String(s).padStart(n);
  process.stdout.write(
    `${pad('TOOL', 32)}${padL('SECONDS', 9)}${padL('MB/S', 9)}${padL('PEAK RSS MB', 13)}\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${pad(r.name, 32)}${padL(r.seconds.toFixed(2), 9)}${padL((mb / r.seconds).toFixed(0), 9)}${padL(r.peakMb.toFixed(0), 13)}\n`,
    );
  }
  if (!have('jq')) process.stdout.write('\njq is not installed: skipped.\n');
  const spotctl = results[0];
  process.stdout.write(
    `\nTargets for explain-logs on JSON: >= 150 MB/s (${(mb / spotctl.seconds).toFixed(0)}), peak RSS <= 150 MB at 1 GB (${spotctl.peakMb.toFixed(0)} at ${mb.toFixed(0)} MB).\n`,
  );
} finally {
  if (!keep) rmSync(file, { force: true });
  else process.stdout.write(`Kept ${file}\n`);
}
