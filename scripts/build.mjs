// Build: compile, ship the bundled data next to the compiled core, regenerate the oclif manifest and the
// README command reference. CI fails when a committed copy of either generated file is stale.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const bin = (name) => `node_modules/.bin/${name}`;

rmSync('dist', { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);
if (existsSync('src/data')) cpSync('src/data', 'dist/data', { recursive: true });
run(bin('oclif'), ['manifest']);
if (!process.argv.includes('--no-readme'))
  run(bin('oclif'), ['readme', '--no-aliases', '--repository-prefix', '<%- commandPath %>']);
