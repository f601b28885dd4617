/**
 * Progress while waiting: nothing unless stderr is a terminal (and not --quiet, not CI), nothing for a
 * short wait, a plain line without escape codes under NO_COLOR.
 */
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CommandIo } from '../../src/runtime/io.js';
import { PROGRESS_DELAY_MS, progress } from '../../src/runtime/progress.js';

function io(env: Record<string, string | undefined>, tty: boolean) {
  let text = '';
  const value: CommandIo = {
    stdout: { write: () => true },
    stderr: { write: (chunk) => ((text += chunk), true), isTTY: tty },
    stdin: Readable.from([]),
    env,
    now: () => new Date(),
    setExitCode: () => {},
  };
  return { io: value, text: () => text };
}

const slow = (ms: number) => () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), ms));

/** `wait` run to its end on the test clock, `ms` after it started. */
async function waited<T>(wait: Promise<T>, ms: number): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  return wait;
}

describe('progress while waiting', () => {
  // The clock the progress line reads (Date.now and its frame timer) is the test's: waits take no time.
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a plain line on a terminal under NO_COLOR, once the wait is long enough', async () => {
    const term = io({ NO_COLOR: '1' }, true);
    const ms = PROGRESS_DELAY_MS + 200;
    expect(await waited(progress(term.io, { quiet: false })('Reading Spot prices', slow(ms)), ms)).toBe(
      'done',
    );
    expect(term.text()).toBe('Reading Spot prices…\n');
  });

  it.each([
    ['a short wait', {}, true, false, PROGRESS_DELAY_MS - 50],
    ['no terminal', {}, false, false, PROGRESS_DELAY_MS + 200],
    ['--quiet or --json', {}, true, true, PROGRESS_DELAY_MS + 200],
    ['CI', { CI: 'true' }, true, false, PROGRESS_DELAY_MS + 200],
  ])('nothing for %s', async (_, env, tty, quiet, ms) => {
    const term = io({ NO_COLOR: '1', ...env }, tty);
    expect(await waited(progress(term.io, { quiet })('Reading Spot prices', slow(ms)), ms)).toBe('done');
    expect(term.text()).toBe('');
  });

  it('one line for a wait inside another', async () => {
    const term = io({ NO_COLOR: '1' }, true);
    const wait = progress(term.io, { quiet: false });
    const ms = PROGRESS_DELAY_MS + 200;
    expect(
      await waited(
        wait('Outer', () => wait('Inner', slow(ms))),
        ms,
      ),
    ).toBe('done');
    expect(term.text()).toBe('Outer…\n');
  });
});
