/**
 * Writing users' files safely: never replace an existing file unless asked, and never leave a half-written
 * one — content goes to a temporary file in the same directory and is renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { inputError } from '../core/errors.js';

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

/** A hidden name beside `path`, so the final rename never crosses file systems. */
const tempPath = (path: string) =>
  join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

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
  const temp = tempPath(path);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Write several files as a set: every target is checked first, every content goes to a temporary file
 * beside its target, and only then are they renamed into place. A failure before the renames leaves no
 * trace; a failure during them undoes the renames done so far (new files removed, replaced ones restored
 * from a hard link kept for the purpose), so the set is written whole or not at all.
 */
export async function writeFilesAtomic(
  files: Array<{ path: string; content: string }>,
  options: WriteOptions = {},
): Promise<void> {
  await assertWritable(
    files.map((file) => file.path),
    options,
  );
  const staged: Array<{ path: string; temp: string; backup?: string }> = [];
  const cleanUp = (paths: Array<string | undefined>) =>
    Promise.all(paths.map((path) => (path ? rm(path, { force: true }) : undefined)));
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const entry: { path: string; temp: string; backup?: string } = {
        path: file.path,
        temp: tempPath(file.path),
      };
      staged.push(entry);
      await writeFile(entry.temp, file.content, { flag: 'wx' });
      if (await fileExists(file.path)) {
        entry.backup = tempPath(file.path);
        await link(file.path, entry.backup);
      }
    }
  } catch (error) {
    await cleanUp(staged.flatMap((entry) => [entry.temp, entry.backup]));
    throw error;
  }
  const renamed: typeof staged = [];
  try {
    for (const entry of staged) {
      await rename(entry.temp, entry.path);
      renamed.push(entry);
    }
  } catch (error) {
    for (const entry of renamed.reverse()) {
      if (entry.backup) await rename(entry.backup, entry.path);
      else await rm(entry.path, { force: true });
    }
    await cleanUp(staged.flatMap((entry) => [entry.temp, entry.backup]));
    throw error;
  }
  await cleanUp(staged.map((entry) => entry.backup));
}
