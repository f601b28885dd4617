#!/usr/bin/env node
// `explain-logs FILE` on a large file: its second thread starts on the file now, while oclif loads.
if (process.argv[2] === 'explain-logs') {
  const prestart = await import('../dist/adapters/fs/range-prestart.js').catch(() => undefined);
  prestart?.prestartRanges(process.argv.slice(2));
}
// Help and --version are answered from oclif.manifest.json without loading @oclif/core (a third of a
// second's start-up budget); everything else goes to oclif.
const fast = await import('../dist/runtime/fast-help.js').catch(() => undefined);
if (!fast?.tryFastHelp(new URL('../', import.meta.url), process.argv.slice(2))) {
  // oclif checks the Node version against its own `engines` on every start by loading semver (~30 ms);
  // ours are declared in package.json and checked by npm when installing.
  process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1';
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
