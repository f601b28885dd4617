/**
 * Writing a set of files is all or nothing: a refusal, a failed write or a failed rename leaves the
 * directory as it was — no partial set, no temporary files, replaced files restored.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { writeFilesAtomic } from '../../src/runtime/write-files.js';

/** The rename that will fail: one real rename cannot be made to fail half-way through a set. */
const failRenameOf = { path: undefined as string | undefined };
const realRename = fsPromises.rename;

// Node's built-in modules keep their named exports in step with their CommonJS object on request, so the
// module under test sees this rename without a module mock (and this file needs no module registry of
// its own).
beforeAll(() => {
  fsPromises.rename = async (from, to) => {
    if (to === failRenameOf.path) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    return realRename(from, to);
  };
  syncBuiltinESMExports();
});
afterAll(() => {
  fsPromises.rename = realRename;
  syncBuiltinESMExports();
});

const dir = () => mkdtempSync(join(tmpdir(), 'spotctl-write-'));
const listing = (path: string) => readdirSync(path).sort();

afterEach(() => {
  failRenameOf.path = undefined;
});

describe('writeFilesAtomic', () => {
  it('writes every file of the set, creating the directory', async () => {
    // Given an output directory that does not exist yet
    const out = join(dir(), 'monitoring');
    // When a set of files is written
    await writeFilesAtomic([
      { path: join(out, 'a.yaml'), content: 'a: 1\n' },
      { path: join(out, 'b.yaml'), content: 'b: 2\n' },
    ]);
    // Then both are there, and no temporary file is left
    expect(listing(out)).toEqual(['a.yaml', 'b.yaml']);
    expect(readFileSync(join(out, 'b.yaml'), 'utf8')).toBe('b: 2\n');
  });

  it('refuses the whole set when one file exists, naming it, and writes none', async () => {
    // Given one of the targets exists
    const out = dir();
    writeFileSync(join(out, 'b.yaml'), 'mine\n');
    // When the set is written without force
    const write = writeFilesAtomic([
      { path: join(out, 'a.yaml'), content: 'a\n' },
      { path: join(out, 'b.yaml'), content: 'b\n' },
    ]);
    // Then it is refused and nothing changed
    await expect(write).rejects.toMatchObject({ code: 'FILE_EXISTS', exitCode: 3 });
    await expect(write).rejects.toThrow(/refusing to overwrite .*b\.yaml/);
    expect(listing(out)).toEqual(['b.yaml']);
    expect(readFileSync(join(out, 'b.yaml'), 'utf8')).toBe('mine\n');
  });

  it('with force, a target that cannot be replaced (a directory) leaves the others unwritten', async () => {
    // Given the second target is a directory
    const out = dir();
    mkdirSync(join(out, 'b.yaml'));
    // When the set is written with force
    const write = writeFilesAtomic(
      [
        { path: join(out, 'a.yaml'), content: 'a\n' },
        { path: join(out, 'b.yaml'), content: 'b\n' },
      ],
      { force: true },
    );
    // Then it fails before any rename: a.yaml was not written, no temporary files remain
    await expect(write).rejects.toThrow();
    expect(listing(out)).toEqual(['b.yaml']);
  });

  it('a rename failing half-way removes the new files and restores the replaced ones', async () => {
    // Given an existing a.yaml, and a rename that will fail for c.yaml
    const out = dir();
    writeFileSync(join(out, 'a.yaml'), 'old a\n');
    failRenameOf.path = join(out, 'c.yaml');
    // When a, b and c are written with force
    const write = writeFilesAtomic(
      [
        { path: join(out, 'a.yaml'), content: 'new a\n' },
        { path: join(out, 'b.yaml'), content: 'new b\n' },
        { path: join(out, 'c.yaml'), content: 'new c\n' },
      ],
      { force: true },
    );
    // Then the error comes through, a.yaml is back as it was, b.yaml is gone, nothing else is left
    await expect(write).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      exitCode: 3,
      message: expect.stringMatching(/an I\/O error on the device$/),
    });
    expect(listing(out)).toEqual(['a.yaml']);
    expect(readFileSync(join(out, 'a.yaml'), 'utf8')).toBe('old a\n');
  });

  it('with force, replaces existing files and keeps no backup', async () => {
    const out = dir();
    writeFileSync(join(out, 'a.yaml'), 'old\n');
    await writeFilesAtomic([{ path: join(out, 'a.yaml'), content: 'new\n' }], { force: true });
    expect(listing(out)).toEqual(['a.yaml']);
    expect(readFileSync(join(out, 'a.yaml'), 'utf8')).toBe('new\n');
  });
});
