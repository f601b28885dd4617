#!/usr/bin/env node
// Benchmark `spotctl explain-logs` on a large Karpenter v1 JSON log beside `jq -c 'select(.level=="ERROR")'`
// on the same file, in one run: the file (read in parallel byte ranges), the same bytes piped on stdin
// (analysed on one thread while a reader thread drains the pipe, as `kubectl logs … | spotctl explain-logs`
// runs), and jq. Prints throughput, the ratio to jq, peak RSS and the CPU seconds each run used, and the
// start-up alone (an empty input), which each spotctl row includes.
//
//   node scripts/bench/explain-logs.mjs              # 300 MB
//   node scripts/bench/explain-logs.mjs --size 1024  # 1 GB (target: peak RSS <= 150 MB)
//   options: --size <MB>  --runs <n> (best of n, default 1)  --fixtures <dir>  --keep  --cli <bin/run.js>
//
// The log is what a v1 controller writes: mostly routine INFO lines (provisioning, launches, registration,
// disruption) with the real error and warning records of the fixtures mixed in (about 3 %). Build first:
// node scripts/build.mjs --no-readme. The machine's load is printed: measure when it is low.
import { spawn, spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { routineLine } from './v1-log.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
};
const sizeMb = Number(option('size', '300'));
const runs = Number(option('runs', '1'));
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

/** The fixtures' single-line JSON error and warning records, with their time as a slot. */
function problemRecords() {
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
      if (typeof record?.message !== 'string' || !['ERROR', 'WARN'].includes(record.level)) continue;
      const { level, time: _time, ...rest } = record;
      out.push(JSON.stringify({ level, time: '@@TIME@@', ...rest }).split('"@@TIME@@"'));
    }
  }
  if (out.length === 0) fail(`no JSON error records in ${fixturesDir}`);
  return out;
}

const pick = (list, i) => list[i % list.length];

async function generate(path, bytes) {
  const problems = problemRecords();
  const stream = createWriteStream(path);
  let written = 0;
  let t = Date.parse('2025-01-01T00:00:00Z');
  let i = 0;
  let errors = 0;
  while (written < bytes) {
    let block = '';
    while (block.length < 1 << 20) {
      const time = new Date(t).toISOString();
      if (i % 33 === 0) {
        const [before, after] = pick(problems, errors);
        block += `${before}"${time}"${after}\n`;
        errors += 1;
      } else block += `${routineLine(time, i)}\n`;
      t += 37;
      i += 1;
    }
    written += Buffer.byteLength(block);
    if (!stream.write(block)) await new Promise((r) => stream.once('drain', r));
  }
  await new Promise((r) => stream.end(r));
  return { lines: i, errors };
}

const TIME_BIN = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Run a command (stdin from `input` when given), stdout drained; wall time and peak RSS. */
function measure(command, commandArgs, input) {
  return new Promise((resolvePromise, reject) => {
    const useTime = TIME_BIN !== undefined;
    const stdin = input ? 'pipe' : 'ignore';
    const started = process.hrtime.bigint();
    const child = useTime
      ? spawn(TIME_BIN, ['-f', '%M %U %S', command, ...commandArgs], { stdio: [stdin, 'pipe', 'pipe'] })
      : spawn(command, commandArgs, { stdio: [stdin, 'pipe', 'pipe'] });
    if (input) createReadStream(input).pipe(child.stdin);
    child.stdout.resume();
    let stderr = '';
    let peakKb = 0;
    let cpuSeconds;
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
        const [maxKb, user, sys] = lines[lines.length - 1].split(' ').map(Number);
        peakKb = maxKb;
        cpuSeconds = user + sys;
        stderr = lines.slice(0, -1).join('\n');
      }
      resolvePromise({ code, seconds, peakMb: peakKb / 1024, cpuSeconds, stderr });
    });
  });
}

const have = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;

const file = join(tmpdir(), `spotctl-bench-${process.pid}.log`);
try {
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  process.stdout.write(`Generating ${sizeMb} MB of Karpenter v1 JSON log …\n`);
  const generated = await generate(file, sizeMb * 1024 * 1024);
  const mb = statSync(file).size / 1024 / 1024;
  process.stdout.write(
    `File: ${mb.toFixed(0)} MB, ${generated.lines.toLocaleString('en-US')} lines (${generated.errors.toLocaleString('en-US')} error/warning records)\n`,
  );
  if (!have('jq')) fail('jq is not installed (apt-get install jq)');
  const tools = [
    {
      name: 'spotctl explain-logs FILE --json',
      cmd: process.execPath,
      args: [cli, 'explain-logs', file, '--json'],
    },
    {
      name: 'spotctl explain-logs --json < FILE',
      cmd: process.execPath,
      args: [cli, 'explain-logs', '--json'],
      input: file,
    },
    { name: 'jq -c select(.level=="ERROR")', cmd: 'jq', args: ['-c', 'select(.level=="ERROR")', file] },
  ];
  const results = [];
  for (const tool of tools) {
    let best;
    for (let r = 0; r < runs; r += 1) {
      const before = load();
      const result = await measure(tool.cmd, tool.args, tool.input);
      if (result.code !== 0)
        process.stderr.write(`${tool.name} exited ${result.code}: ${result.stderr.slice(0, 500)}\n`);
      if (!best || result.seconds < best.seconds) best = { ...result, load: before };
    }
    results.push({ ...tool, ...best });
  }
  // The fixed part of every spotctl row: Node, oclif and the command loaded, an empty input explained.
  let startup = Infinity;
  for (let r = 0; r < Math.max(3, runs); r += 1)
    startup = Math.min(
      startup,
      (await measure(process.execPath, [cli, 'explain-logs', '--json'], '/dev/null')).seconds,
    );
  const jq = results[2];
  const pad = (s, n) => String(s).padEnd(n);
  const padL = (s, n) => String(s).padStart(n);
  process.stdout.write(
    `\n${pad('TOOL', 36)}${padL('SECONDS', 9)}${padL('CPU S', 7)}${padL('MB/S', 8)}${padL('× JQ', 7)}${padL('PEAK RSS MB', 13)}  LOAD BEFORE\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${pad(r.name, 36)}${padL(r.seconds.toFixed(2), 9)}${padL(r.cpuSeconds === undefined ? '—' : r.cpuSeconds.toFixed(2), 7)}${padL((mb / r.seconds).toFixed(0), 8)}${padL((jq.seconds / r.seconds).toFixed(1), 7)}${padL(r.peakMb.toFixed(0), 13)}  ${r.load}\n`,
    );
  }
  process.stdout.write(
    `\nStart-up alone (empty stdin), included in each spotctl row: ${startup.toFixed(2)} s\n`,
  );
  process.stdout.write(
    `Targets: file >= 5× jq (${(jq.seconds / results[0].seconds).toFixed(1)}×), stdin >= 3× jq (${(jq.seconds / results[1].seconds).toFixed(1)}×), peak RSS <= 150 MB at 1 GB (${Math.max(results[0].peakMb, results[1].peakMb).toFixed(0)} MB at ${mb.toFixed(0)} MB).\n`,
  );
} finally {
  if (!keep) rmSync(file, { force: true });
  else process.stdout.write(`Kept ${file}\n`);
}
