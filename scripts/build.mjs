// Build: compile, ship the bundled data next to the compiled core, regenerate the oclif manifest, the
// README command reference and the JSON Schemas. CI fails when a committed copy of any of them is stale.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// The oclif CLI's update notice is about the build tool, not spotctl: it only clutters `npm ci`.
const run = (cmd, args) =>
  execFileSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true' },
  });
const bin = (name) => `node_modules/.bin/${name}`;

rmSync('dist', { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);
if (existsSync('src/data')) cpSync('src/data', 'dist/data', { recursive: true });
// `--version` names the bundled data's date without parsing the 1 MB snapshot.
const { generatedAt } = JSON.parse(readFileSync('src/data/bundled-snapshot.json', 'utf8'));
writeFileSync('dist/data/bundled-info.json', `${JSON.stringify({ generatedAt })}\n`);
run(bin('oclif'), ['manifest']);
// The generated documents (README command reference, JSON Schemas) are for `npm run build`; tests and
// `npm ci` need neither.
if (!process.argv.includes('--no-readme')) {
  run(process.execPath, ['scripts/readme-commands.mjs']);
  run(process.execPath, ['scripts/build-schemas.mjs']);
}
