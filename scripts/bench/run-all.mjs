// `npm run bench`: every benchmark the issues name, each printing its own figures. Needs a build.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = ['startup.mjs', 'aws-calls.mjs', 'explain-logs.mjs', 'init-fail-fast.mjs'];
let failed = 0;
for (const bench of benches) {
  const path = new URL(bench, import.meta.url);
  if (!existsSync(path)) continue;
  console.log(`\n== ${bench}`);
  const result = spawnSync(process.execPath, [path.pathname, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed ? 1 : 0;
