#!/usr/bin/env node
// Help and --version are answered from oclif.manifest.json without loading @oclif/core (a third of a
// second's start-up budget); everything else goes to oclif.
const fast = await import('../dist/runtime/fast-help.js').catch(() => undefined);
if (!fast?.tryFastHelp(new URL('../', import.meta.url), process.argv.slice(2))) {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
