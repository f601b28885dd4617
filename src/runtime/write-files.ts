/**
 * Writing users' files safely: never replace an existing file unless asked, and never leave a half-written
 * one — content goes to a temporary file in the same directory and is renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { inputError } from '../core/errors.js';
import type { FileWriter } from '../core/files.js';

export interface WriteOptions {
  /** Replace an existing file. */
  force?: boolean;
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Throws FILE_EXISTS for every path that exists, naming them all, before anything is written. */
export async function assertWritable(paths: string[], options: WriteOptions = {}): Promise<void> {
  if (options.force) return;
  const existing = [];
  for (const path of paths) if (await fileExists(path)) existing.push(path);
  if (existing.length > 0) {
    throw inputError('FILE_EXISTS', `refusing to overwrite ${existing.join(', ')}`, {
      suggestions: ['Pass --force to replace it, or choose another output path.'],
    });
  }
}

/** Atomically write one file (temp file + rename), creating parent directories. */
export async function writeFileAtomic(
  path: string,
  content: string,
  options: WriteOptions = {},
): Promise<void> {
  await assertWritable([path], options);
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Write several files, checking all targets first so a refusal writes none of them. */
export async function writeFilesAtomic(
  files: Array<{ path: string; content: string }>,
  options: WriteOptions = {},
) {
  await assertWritable(
    files.map((file) => file.path),
    options,
  );
  for (const file of files) await writeFileAtomic(file.path, file.content, { force: true });
}

/** The core's FileWriter over the local file system. */
export const localFileWriter = (): FileWriter => ({
  assertWritable: (paths, options) => assertWritable(paths, options),
  writeFiles: (files, options) => writeFilesAtomic(files, options),
});
