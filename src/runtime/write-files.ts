/**
 * The one way spotctl writes a user's files. Each file is written to a temporary file beside it and
 * renamed into place, so no reader ever sees half a file; a set of files is all-or-nothing — if any write
 * fails, nothing of the set remains and every file it would have replaced is back as it was. An existing
 * path is replaced only with `force`; a symbolic link (dangling or not) counts as existing and is never
 * followed; a directory, device, FIFO or socket is never replaced. File-system errors come out as input
 * errors naming the path and the cause in words (exit 3).
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import { inputError, type SpotctlError } from '../core/errors.js';
import type { FileWriter, OutputFile } from '../core/files.js';

export interface WriteOptions {
  /** Replace an existing file (or symbolic link). */
  force?: boolean;
}

type PathKind = 'absent' | 'file' | 'symlink' | 'directory' | 'special';

async function kindOf(path: string): Promise<PathKind> {
  try {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) return 'symlink';
    if (stats.isFile()) return 'file';
    return stats.isDirectory() ? 'directory' : 'special';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw writeError(path, error);
    throw writeError(path, error);
  }
}

/** What an errno means to someone who just asked spotctl to write a file. */
const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent of it is a file, not a directory',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links on the way to it',
  EMFILE: 'too many open files',
  EIO: 'an I/O error on the device',
  EBUSY: 'it is busy',
};

export function writeError(path: string, error: unknown): SpotctlError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const cause = CAUSES[code] ?? ((error as Error).message || code || 'unknown error').split('\n')[0]!;
  const next =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'Free some space, or write somewhere else.'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Choose a directory you can write to (or fix its permissions).'
        : 'Choose another output path.';
  return inputError('WRITE_FAILED', `cannot write ${path}: ${cause}`, { suggestions: [next], cause: error });
}

/** Throws for every path that may not be written: existing without `force`, or not a regular file. */
export async function assertWritable(paths: string[], options: WriteOptions = {}): Promise<void> {
  const existing: string[] = [];
  for (const path of paths) {
    const kind = await kindOf(path);
    if (kind === 'directory' || kind === 'special') {
      throw inputError(
        'NOT_A_FILE',
        `refusing to write ${path}: it is ${kind === 'directory' ? 'a directory' : 'a device, FIFO or socket'}`,
        { suggestions: ['Choose another output path.'] },
      );
    }
    if ((kind === 'file' || kind === 'symlink') && !options.force)
      existing.push(kind === 'symlink' ? `${path} (a symbolic link)` : path);
  }
  if (existing.length > 0) {
    throw inputError('FILE_EXISTS', `refusing to overwrite ${existing.join(', ')}`, {
      suggestions: ['Pass --force to replace it, or choose another output path.'],
    });
  }
}

/** Create `dir` and its missing parents; returns the directories created, outermost first. */
async function makeDirectories(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    const kind = await kindOf(current);
    if (kind === 'directory') break;
    if (kind !== 'absent') {
      throw inputError('WRITE_FAILED', `cannot create ${dir}: ${current} is not a directory`, {
        suggestions: ['Choose another output directory.'],
      });
    }
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(path, error);
    }
  }
  return missing;
}

const tempBeside = (path: string, tag: string) =>
  join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${tag}`);

/** Write `content` to a new temporary file next to `path`, flushed to disk. */
async function writeTemp(path: string, content: string): Promise<string> {
  const temp = tempBeside(path, 'tmp');
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw writeError(path, error);
  }
  await handle.close();
  return temp;
}

/**
 * Write every file or none. Checks all targets first (so a refusal writes nothing), writes all temporary
 * files, then moves each into place, keeping what it replaces until the whole set is in.
 */
export async function writeFilesAtomic(files: OutputFile[], options: WriteOptions = {}): Promise<void> {
  await assertWritable(
    files.map((file) => file.path),
    options,
  );
  const createdDirs: string[] = [];
  const temps: Array<{ path: string; temp: string }> = [];
  const placed: Array<{ path: string; backup?: string }> = [];
  try {
    for (const file of files) {
      createdDirs.push(...(await makeDirectories(dirname(file.path))));
      temps.push({ path: file.path, temp: await writeTemp(file.path, file.content) });
    }
    for (const { path, temp } of temps) {
      const kind = await kindOf(path);
      let backup: string | undefined;
      if (kind !== 'absent') {
        backup = tempBeside(path, 'bak');
        await rename(path, backup).catch((error: unknown) => {
          throw writeError(path, error);
        });
      }
      placed.push({ path, backup });
      await rename(temp, path).catch((error: unknown) => {
        throw writeError(path, error);
      });
    }
  } catch (error) {
    // Undo in reverse: what was put in place goes, what it replaced comes back.
    for (const { path, backup } of placed.reverse()) {
      await rm(path, { force: true }).catch(() => undefined);
      if (backup) await rename(backup, path).catch(() => undefined);
    }
    for (const { temp } of temps) await rm(temp, { force: true }).catch(() => undefined);
    for (const dir of createdDirs.reverse()) await rmdir(dir).catch(() => undefined);
    throw error;
  }
  for (const { backup } of placed) if (backup) await rm(backup, { force: true }).catch(() => undefined);
}

/** One file, atomically. */
export const writeFileAtomic = (path: string, content: string, options: WriteOptions = {}): Promise<void> =>
  writeFilesAtomic([{ path, content }], options);

/** Whether anything (a dangling symbolic link included) is at `path`. */
export const fileExists = async (path: string): Promise<boolean> => (await kindOf(path)) !== 'absent';

/** The core's FileWriter over the local file system. */
export const localFileWriter = (): FileWriter => ({
  assertWritable: (paths, options) => assertWritable(paths, options),
  writeFiles: (files, options) => writeFilesAtomic(files, options),
});
