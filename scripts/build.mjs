// Build: compile, ship the bundled data next to the compiled core, regenerate the oclif manifest, the
// README command reference and the JSON Schemas. CI fails when a committed copy of any of them is stale.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import { build } from 'esbuild';

// The oclif CLI's update notice is about the build tool, not spotctl: it only clutters `npm ci`.
const run = (cmd, args) =>
  execFileSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true' },
  });
const bin = (name) => `node_modules/.bin/${name}`;

rmSync('dist', { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);
await inlineCelEngine('dist/core/manifests/crd/cel.js');
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

/**
 * The CEL engine is some 440 small ES modules (@bufbuild/cel and the protobuf runtime under it); resolving
 * and linking them cost every init, lint and convert run ~60 ms of its start-up. The one module that
 * evaluates CRD rules is rebuilt with the engine inlined; its own imports stay as they are.
 */
async function inlineCelEngine(file) {
  const fromPackage = (args) =>
    args.path.startsWith('@bufbuild/') || args.importer.includes('/node_modules/');
  const result = await build({
    entryPoints: [file],
    outfile: file,
    allowOverwrite: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.10',
    logLevel: 'warning',
    metafile: true,
    plugins: [
      {
        name: 'inline-only-the-cel-engine',
        setup(builder) {
          builder.onResolve({ filter: /.*/ }, (args) =>
            args.kind === 'entry-point' || fromPackage(args)
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  if (!Object.keys(result.metafile.inputs).some((input) => input.includes('@bufbuild/cel/')))
    throw new Error(`${file}: the CEL engine was not inlined`);
}
