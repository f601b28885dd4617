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
// Test worlds read the same reference responses for every server they start; the text is read once.
const texts = new Map<string, string>();

/** A fresh parse of a JSON file of ../shared (callers may change what they get). */
export function readSharedData<T = unknown>(...parts: string[]): T {
  const path = sharedDataPath(...parts);
  let text = texts.get(path);
  if (text === undefined) texts.set(path, (text = readFileSync(path, 'utf8')));
  return JSON.parse(text) as T;
}
