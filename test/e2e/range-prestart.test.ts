/**
 * The range worker the CLI's entry starts for `explain-logs FILE` before oclif loads (range-prestart.ts),
 * with the built modules and a real worker thread: it starts on the file by itself, what it posts before
 * the reader listens is kept, and the reader adopts it only for the file it was started on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, describe, expect, it } from 'vitest';

import { routineLine } from '../../scripts/bench/v1-log.mjs';
import type * as LogRanges from '../../src/adapters/fs/log-ranges.js';
import type * as RangePrestart from '../../src/adapters/fs/range-prestart.js';
import { repoRoot } from '../helpers/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'spotctl-prestart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The built modules: a worker thread runs the compiled worker entry. */
const built = async () => ({
  prestart: (await import(join(repoRoot, 'dist/adapters/fs/range-prestart.js'))) as typeof RangePrestart,
  ranges: (await import(join(repoRoot, 'dist/adapters/fs/log-ranges.js'))) as typeof LogRanges,
});

/** A v1 log of about `mb` MB: routine lines, one problem every 33. */
function largeLog(name: string, mb: number): { path: string; size: number } {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i += 1)
    lines.push(routineLine(new Date(Date.UTC(2025, 0, 1) + i * 50).toISOString(), i));
  const block = `${lines.join('\n')}\n`;
  const text = block.repeat(Math.ceil((mb * 1024 * 1024) / block.length));
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, size: Buffer.byteLength(text) };
}

describe('a range worker started before the command', () => {
  it('starts on the file at once, and its ranges reach the reader that adopts it', async () => {
    const { prestart, ranges } = await built();
    // Given a 70 MB log and a worker started on it for two threads
    const { path, size } = largeLog('adopted.log', 70);
    prestart.prestartRanges(['explain-logs', path, '--json'], 2);
    // When the reader comes to the file a while later (the worker has posted ranges meanwhile)
    await sleep(1500);
    const adopted = prestart.takePrestarted({ path, size, threads: 2 });
    expect(adopted).toBeDefined();
    const cuts = await ranges.rangeStarts(
      path,
      size,
      (await import(join(repoRoot, 'dist/adapters/fs/range-plan.js'))).cutPoints(size, 2),
    );
    const analyser = ranges.rangeWorker(adopted);
    const analyses = await analyser.run({ path, name: path, cuts }, adopted!.claims);
    analyser.close();
    // Then the ranges it analysed are handed over, each with the lines of its bytes
    expect(analyses.size).toBeGreaterThan(1);
    for (const [index, analysis] of analyses) {
      expect(index).toBeGreaterThan(0);
      expect(analysis.bytes).toBe((cuts[index + 1] ?? size) - cuts[index]!);
    }
  }, 60_000);

  it('is not adopted for the file at another size, nor handed over afterwards', async () => {
    const { prestart } = await built();
    // Given a worker started on a 70 MB log
    const { path, size } = largeLog('other.log', 70);
    prestart.prestartRanges(['explain-logs', path], 2);
    // When the reader comes to the same path at another size / Then it is not handed over, nor later
    expect(prestart.takePrestarted({ path, size: size + 1, threads: 2 })).toBeUndefined();
    expect(prestart.takePrestarted({ path, size, threads: 2 })).toBeUndefined();
  }, 60_000);

  it.each([
    ['another command', ['lint', 'x.log']],
    ['a flag before the file', ['explain-logs', '--json']],
    ['stdin', ['explain-logs', '-']],
    ['a missing file', ['explain-logs', '/nonexistent/karpenter.log']],
  ])('starts nothing for %s', async (_what, argv) => {
    const { prestart } = await built();
    // Given arguments the worker cannot be sure of / When they are looked at / Then no worker is waiting
    prestart.prestartRanges(argv, 2);
    expect(prestart.takePrestarted({ path: argv[1]!, size: 0, threads: 2 })).toBeUndefined();
  });

  it('starts nothing for a file too small to split or compressed', async () => {
    const { prestart } = await built();
    const small = largeLog('small.log', 1);
    const gz = join(dir, 'big.log.gz');
    writeFileSync(gz, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(70 * 1024 * 1024)]));
    for (const path of [small.path, gz]) {
      prestart.prestartRanges(['explain-logs', path], 2);
      expect(prestart.takePrestarted({ path, size: 70 * 1024 * 1024 + 2, threads: 2 })).toBeUndefined();
    }
  });
});
