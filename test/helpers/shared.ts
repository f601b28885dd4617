/**
 * Access to the real upstream data beside the checkout (`../shared`). A fresh clone does not have it:
 * tests that need it are skipped with a visible note, the rest of the suite still runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, it } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = process.env.SPOTCTL_SHARED_DIR ?? resolve(repoRoot, '../shared');
export const hasShared = existsSync(join(sharedRoot, 'reference'));

let noted = false;
function noteMissing(): void {
  if (noted || hasShared) return;
  noted = true;
  process.stderr.write(
    `\n[spotctl tests] ../shared not found at ${sharedRoot}: tests on real upstream data are SKIPPED.\n\n`,
  );
}

/** `describe` that runs only when ../shared is present, and says so once when it is not. */
export const describeShared = (name: string, body: () => void): void => {
  noteMissing();
  if (hasShared) describe(`${name} [../shared]`, body);
  // The body is not run at all: it may read ../shared while collecting its tests.
  else describe.skip(`${name} [../shared]`, () => it.skip('needs ../shared beside the checkout', () => {}));
};

export const sharedPath = (...parts: string[]): string => join(sharedRoot, ...parts);
export const readShared = (...parts: string[]): string => readFileSync(sharedPath(...parts), 'utf8');
export const readSharedJson = <T = unknown>(...parts: string[]): T => JSON.parse(readShared(...parts)) as T;
