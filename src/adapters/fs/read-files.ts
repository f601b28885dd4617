/**
 * The one way spotctl reads a user's files: regular files and FIFOs (`<(…)`) only, never more than the
 * caller's cap (checked before reading when the size is known, while reading otherwise), and the same
 * one-line errors for every kind of file — manifests, snapshots, quota files, logs.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

import { inputError, isSpotctlError, type SpotctlError } from '../../core/errors.js';

export interface ReadRules {
  /** Largest file accepted, bytes. */
  maxBytes: number;
  /** What the file is, in the messages: `manifest`, `snapshot`, `quotas file`. */
  what: string;
  /** Error code when the file cannot be read at all. */
  code: string;
  /** The next step when it cannot be read. */
  suggestion: string;
  /** Error code when it is over the cap (default FILE_TOO_LARGE). */
  tooLargeCode?: string;
}

const CAUSES: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent of it is a file, not a directory',
  ELOOP: 'too many symbolic links on the way to it',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'an I/O error on the device',
};

export function readError(path: string, error: unknown, rules: ReadRules): SpotctlError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const cause = CAUSES[code] ?? ((error as Error).message || code || 'unknown error').split('\n')[0]!;
  return inputError(rules.code, `cannot read ${rules.what} ${path}: ${cause}`, {
    suggestions: [rules.suggestion],
    cause: error,
  });
}

const tooLarge = (path: string, rules: ReadRules): SpotctlError =>
  inputError(
    rules.tooLargeCode ?? 'FILE_TOO_LARGE',
    `${path} is larger than ${formatBytes(rules.maxBytes)}`,
    {
      suggestions: [`Pass the ${rules.what} itself: it should be far smaller than that.`],
    },
  );

const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;

/** The size of the regular file at `path`, or undefined for a FIFO; anything else is an input error. */
export async function readableSize(path: string, rules: ReadRules): Promise<number | undefined> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    throw readError(path, error, rules);
  }
  if (stats.isDirectory()) throw readError(path, Object.assign(new Error(), { code: 'EISDIR' }), rules);
  if (stats.isFIFO()) return undefined;
  if (!stats.isFile()) {
    throw inputError(rules.code, `cannot read ${rules.what} ${path}: it is a device or socket, not a file`, {
      suggestions: [rules.suggestion],
    });
  }
  if (stats.size > rules.maxBytes) throw tooLarge(path, rules);
  return stats.size;
}

/** Read a whole stream as UTF-8, refusing it once it passes the cap. */
export async function readCapped(
  stream: AsyncIterable<Uint8Array | string>,
  label: string,
  rules: ReadRules,
): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    bytes += buffer.length;
    if (bytes > rules.maxBytes) throw tooLarge(label, rules);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Read a regular file or FIFO as UTF-8 under the rules. */
export async function readTextFile(path: string, rules: ReadRules): Promise<string> {
  await readableSize(path, rules);
  try {
    return await readCapped(createReadStream(path), path, rules);
  } catch (error) {
    if (isSpotctlError(error)) throw error;
    throw readError(path, error, rules);
  }
}
