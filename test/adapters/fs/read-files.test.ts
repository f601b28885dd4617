/**
 * The one read path: regular files and FIFOs only, never past the cap, the same one-line errors for every
 * kind of file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readTextFile, type ReadRules } from '../../../src/adapters/fs/read-files.js';
import { loadSnapshotCatalog } from '../../../src/adapters/fs/snapshot-files.js';

const RULES: ReadRules = {
  maxBytes: 1024,
  what: 'thing',
  code: 'THING_NOT_READABLE',
  suggestion: 'Check it.',
};
const temp = () => mkdtempSync(join(tmpdir(), 'spotctl-read-'));
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('readTextFile', () => {
  it('reads a regular file under the cap', async () => {
    const path = join(temp(), 'a.yaml');
    writeFileSync(path, 'a: 1\n');
    expect(await readTextFile(path, RULES)).toBe('a: 1\n');
  });

  it.each([
    {
      what: 'a missing file',
      path: () => '/nonexistent/a.yaml',
      message: 'cannot read thing /nonexistent/a.yaml: no such file',
    },
    { what: 'a directory', path: () => temp(), message: 'it is a directory' },
    { what: 'a device', path: () => '/dev/zero', message: 'it is a device or socket, not a file' },
  ])('$what: an input error in words (exit 3)', async ({ path, message }) => {
    expect(await rejection(readTextFile(path(), RULES))).toMatchObject({
      code: 'THING_NOT_READABLE',
      exitCode: 3,
      message: expect.stringContaining(message),
    });
  });

  it('a file over the cap is refused from its size, before it is read', async () => {
    const path = join(temp(), 'big.yaml');
    writeFileSync(path, '');
    truncateSync(path, 10 * 1024 * 1024 * 1024); // 10 GiB, sparse: reading it would take long
    const started = Date.now();
    expect(await rejection(readTextFile(path, RULES))).toMatchObject({ code: 'FILE_TOO_LARGE', exitCode: 3 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a FIFO is read, and cut off once it passes the cap', async () => {
    const dir = temp();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // An endless writer: the reader must stop on its own.
    const writer = spawn('sh', ['-c', `yes x > ${fifo}`], { stdio: 'ignore' });
    try {
      expect(await rejection(readTextFile(fifo, RULES))).toMatchObject({ code: 'FILE_TOO_LARGE' });
    } finally {
      writer.kill();
    }
  });
});

describe('snapshots through the read path', () => {
  it('/dev/zero as a snapshot fails at once instead of reading forever', async () => {
    const started = Date.now();
    expect(await rejection(loadSnapshotCatalog('/dev/zero'))).toMatchObject({
      code: 'SNAPSHOT_NOT_READABLE',
      exitCode: 3,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
