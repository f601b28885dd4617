/**
 * The one write path: atomic per file, all-or-nothing for a set, never through a symbolic link or over a
 * non-regular file without being told, and file-system errors as input errors (exit 3) in words.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { writeFilesAtomic } from '../../src/runtime/write-files.js';

const temp = () => mkdtempSync(join(tmpdir(), 'spotctl-write-'));
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('writing a set of files', () => {
  it('writes every file, creating parent directories, and leaves no temporary file', async () => {
    const dir = temp();
    await writeFilesAtomic([
      { path: join(dir, 'out/a.yaml'), content: 'a: 1\n' },
      { path: join(dir, 'out/deep/b.yaml'), content: 'b: 2\n' },
    ]);
    expect(readFileSync(join(dir, 'out/a.yaml'), 'utf8')).toBe('a: 1\n');
    expect(readFileSync(join(dir, 'out/deep/b.yaml'), 'utf8')).toBe('b: 2\n');
    expect(readdirSync(join(dir, 'out'))).toEqual(['a.yaml', 'deep']);
  });

  it('refuses an existing file without --force, naming it, and writes none of the set', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'b.yaml'), 'old\n');
    const error = await rejection(
      writeFilesAtomic([
        { path: join(dir, 'a.yaml'), content: 'new\n' },
        { path: join(dir, 'b.yaml'), content: 'new\n' },
      ]),
    );
    expect(error).toMatchObject({ code: 'FILE_EXISTS', exitCode: 3 });
    expect(existsSync(join(dir, 'a.yaml'))).toBe(false);
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe('old\n');
  });

  it('treats a dangling symbolic link as existing, and with --force replaces the link, not its target', async () => {
    const dir = temp();
    symlinkSync(join(dir, 'elsewhere.yaml'), join(dir, 'a.yaml'));
    expect(await rejection(writeFilesAtomic([{ path: join(dir, 'a.yaml'), content: 'x\n' }]))).toMatchObject({
      code: 'FILE_EXISTS',
      message: expect.stringContaining('a symbolic link'),
    });
    await writeFilesAtomic([{ path: join(dir, 'a.yaml'), content: 'x\n' }], { force: true });
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('x\n');
    expect(existsSync(join(dir, 'elsewhere.yaml'))).toBe(false);
  });

  it.each([
    { what: 'a directory', make: (path: string) => mkdirSync(path), message: /it is a directory/ },
    {
      what: 'a FIFO',
      make: (path: string) => execFileSync('mkfifo', [path]),
      message: /a device, FIFO or socket/,
    },
  ])('never replaces $what, even with --force', async ({ make, message }) => {
    const dir = temp();
    make(join(dir, 'a.yaml'));
    const error = await rejection(
      writeFilesAtomic([{ path: join(dir, 'a.yaml'), content: 'x' }], { force: true }),
    );
    expect(error).toMatchObject({ code: 'NOT_A_FILE', exitCode: 3, message });
  });

  it('fails in words when a parent is a file, before writing anything of the set', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'blocker'), '');
    const error = await rejection(
      writeFilesAtomic([
        { path: join(dir, 'new/a.yaml'), content: 'a' },
        { path: join(dir, 'blocker/b.yaml'), content: 'b' },
      ]),
    );
    expect(error).toMatchObject({
      code: 'WRITE_FAILED',
      exitCode: 3,
      message: expect.stringContaining('a parent of it is a file'),
    });
    expect(readdirSync(dir)).toEqual(['blocker']);
  });
});

/** A tiny or read-only file system, when this process may mount one (root on Linux); else skipped. */
function mountTmpfs(options: string): string | undefined {
  const dir = temp();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return undefined;
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) execFileSync('umount', [dir], { stdio: 'ignore' });
});
const canMount = (() => {
  const dir = mountTmpfs('size=16k');
  if (dir) execFileSync('umount', [dir]);
  else
    process.stderr.write(
      '\n[spotctl tests] cannot mount a tmpfs here: the full-disk and read-only cases are SKIPPED.\n',
    );
  return dir !== undefined;
})();

describe.skipIf(!canMount)('on a full or read-only file system', () => {
  it('a set that runs out of space half-way leaves nothing behind (not even the directories it made) and restores what it replaced', async () => {
    const dir = mountTmpfs('size=64k')!;
    mounted.push(dir);
    writeFileSync(join(dir, 'a.yaml'), 'the old a\n');
    const error = await rejection(
      writeFilesAtomic(
        [
          { path: join(dir, 'a.yaml'), content: 'the new a\n' },
          { path: join(dir, 'new/dir/d.yaml'), content: 'd\n' },
          { path: join(dir, 'b.yaml'), content: 'b'.repeat(40_000) },
          { path: join(dir, 'c.yaml'), content: 'c'.repeat(40_000) },
        ],
        { force: true },
      ),
    );
    expect(error).toMatchObject({
      code: 'WRITE_FAILED',
      exitCode: 3,
      message: expect.stringMatching(/no space left on the device$/),
    });
    expect(readdirSync(dir)).toEqual(['a.yaml']);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('the old a\n');
  });

  it('a read-only file system is an input error in words', async () => {
    const dir = mountTmpfs('size=16k,ro')!;
    mounted.push(dir);
    const error = await rejection(writeFilesAtomic([{ path: join(dir, 'a.yaml'), content: 'x' }]));
    expect(error).toMatchObject({
      code: 'WRITE_FAILED',
      exitCode: 3,
      message: expect.stringContaining('read-only'),
    });
  });
});
