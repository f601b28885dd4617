/**
 * Reading ../shared without vitest, for helpers that also run outside the test runner (benchmarks).
 * Same location rules as `shared.ts`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDataRoot = process.env.SPOTCTL_SHARED_DIR ?? resolve(repoRoot, '../shared');

export const sharedDataPath = (...parts: string[]): string => join(sharedDataRoot, ...parts);
export const readSharedData = <T = unknown>(...parts: string[]): T =>
  JSON.parse(readFileSync(sharedDataPath(...parts), 'utf8')) as T;
