// AWS calls and wall time of `prices` and `suggest` over 20 instance types × 3 Availability Zones, against
// the local AWS test server (real SDK, EC2 Query XML + awsJson1_1) with 100 ms of latency on every call.
// Targets: one paginated request per API — never one per type or zone — plus one GetSpotPlacementScores
// request for the whole list (none when its answer is cached), and ≤ 1.5 s wall time.
// Needs a build (`node scripts/build.mjs --no-readme`) and ../shared (the server replays real responses).
// Usage: node scripts/bench/aws-calls.mjs [--runs N] [--latency MS]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { register } from 'tsx/esm/api';

import { median } from './lib.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', Number(process.env.BENCH_RUNS ?? 5));
const latencyMs = arg('latency', 100);
const TARGET_MS = 1_500;

const root = fileURLToPath(new URL('../../', import.meta.url));
const shared = process.env.SPOTCTL_SHARED_DIR ?? `${root}../shared`;
if (!existsSync(`${shared}/reference`)) {
  console.log(`aws-calls: skipped — ${shared} (real API responses for the local server) not found`);
  process.exit(0);
}

register();
const { AwsTestServer } = await import('../../test/helpers/aws-server.ts');
const { installWorld } = await import('../../test/helpers/aws-world.ts');

// 20 types across general-purpose, compute, memory, burstable and GPU families.
const TYPES = [
  'm5.large', 'm5.xlarge', 'm5.2xlarge', 'm5.4xlarge', 'm6i.large', 'm6i.xlarge', 'm6i.2xlarge',
  'c5.large', 'c5.xlarge', 'c5.2xlarge', 'c6i.large', 'c6i.xlarge', 'r5.large', 'r5.xlarge',
  'g4dn.xlarge', 'g4dn.2xlarge', 'g4dn.4xlarge', 'g5.xlarge', 'g6.xlarge', 't3.medium',
].join(','); // prettier-ignore
const APIS = [
  'DescribeInstanceTypes',
  'DescribeAvailabilityZones',
  'DescribeInstanceTypeOfferings',
  'DescribeSpotPriceHistory',
  'GetProducts',
  'GetSpotPlacementScores',
];
const SEEDS = ['suggest', '--region', 'us-east-1', '--types', 'g4dn.xlarge,g4dn.2xlarge', '--json'];
// `cached`: every run after the warm-up finds the placement score in the cache the warm-up wrote.
const COMMANDS = {
  prices: { args: ['prices', '--region', 'us-east-1', '--types', TYPES, '--json'] },
  suggest: { args: ['suggest', '--region', 'us-east-1', '--types', TYPES, '--json'] },
  // The usual case for comparison: a GPU NodePool's two seed types.
  'suggest (2 seeds)': { args: SEEDS },
  'suggest (2 seeds, score cached)': { args: SEEDS, cached: true },
};

const cacheRoot = mkdtempSync(join(tmpdir(), 'spotctl-bench-cache-'));
let cacheCount = 0;
const freshCache = () => join(cacheRoot, String(cacheCount++));

function run(args, endpoint, cacheHome = freshCache()) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [`${root}bin/run.js`, ...args, '--endpoint-url', endpoint], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NO_COLOR: '1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_CONFIG_FILE: '/nonexistent/spotctl-bench-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/spotctl-bench-credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
        XDG_CACHE_HOME: cacheHome,
      },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`spotctl ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(ms);
    });
  });
}

const server = await AwsTestServer.start({ latencyMs });
installWorld(server);
const rows = [];
try {
  for (const [name, { args, cached }] of Object.entries(COMMANDS)) {
    const shared = cached ? freshCache() : undefined;
    await run(args, server.url, shared); // warm the OS file cache (and, when `cached`, the score cache)
    const times = [];
    let calls;
    for (let i = 0; i < runs; i++) {
      server.reset();
      times.push(await run(args, server.url, shared));
      // A request is a call without NextToken; the rest are its further pages.
      calls = Object.fromEntries(
        APIS.map((api) => {
          const all = server.calls.filter((call) => call.operation === api);
          const requests = all.filter((call) => !call.params.NextToken).length;
          return [api, { requests, pages: all.length }];
        }),
      );
    }
    rows.push({ name, calls, ms: median(times) });
  }
} finally {
  await server.close();
}

const short = {
  DescribeInstanceTypes: 'InstanceTypes',
  DescribeAvailabilityZones: 'AZs',
  DescribeInstanceTypeOfferings: 'Offerings',
  DescribeSpotPriceHistory: 'SpotPriceHistory',
  GetProducts: 'GetProducts',
  GetSpotPlacementScores: 'PlacementScores',
};
// The same process without AWS, to tell start-up cost (node, oclif, the SDK import) from AWS time.
const offline = [];
for (let i = 0; i < runs; i++)
  offline.push(
    await run(
      ['prices', '--offline', '--region', 'us-east-1', '--types', TYPES, '--json'],
      'http://127.0.0.1:9',
    ),
  );

rmSync(cacheRoot, { recursive: true, force: true });

const header = ['command', ...APIS.map((api) => short[api]), 'total calls', 'wall (median)'];
const table = rows.map(({ name, calls, ms }) => [
  name,
  ...APIS.map(
    (api) =>
      `${calls[api].requests}${calls[api].pages > calls[api].requests ? ` (${calls[api].pages} pages)` : ''}`,
  ),
  String(APIS.reduce((sum, api) => sum + calls[api].pages, 0)),
  `${ms.toFixed(0)} ms${ms <= TARGET_MS ? '' : '  ✗ over target'}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) =>
  cells
    .map((cell, i) => cell.padEnd(widths[i]))
    .join('  ')
    .trimEnd();

console.log(
  `AWS calls per API and wall time: 20 types × 3 zones, ${latencyMs} ms latency per call, median of ${runs} runs`,
);
console.log('(requests per API; further pages of the same paginated request in brackets)');
console.log(line(header));
for (const row of table) console.log(line(row));
console.log(`reference: prices --offline (no AWS, no SDK) ${median(offline).toFixed(0)} ms`);
console.log(
  `targets: one paginated request per API for one category of types — 20 seeds across several categories get one specs request per category, and more than 40 priced types a few history requests by family, sent in parallel (never one per type or zone) — plus exactly one GetSpotPlacementScores request for the whole list, none when it is cached; ≤ ${TARGET_MS} ms`,
);
const scoring = (row) => row.calls.GetSpotPlacementScores.pages;
const wrongScoring = rows.some((row) => scoring(row) !== (row.name.includes('cached') ? 0 : 1));
if (wrongScoring) console.log('✗ GetSpotPlacementScores calls off target');
const over = rows.filter((row) => !row.name.startsWith('suggest (2 seeds')).some((row) => row.ms > TARGET_MS);
process.exitCode = over || wrongScoring ? 1 : 0;
