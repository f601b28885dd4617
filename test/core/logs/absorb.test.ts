/**
 * A large file is read in byte ranges by separate analyzers whose partial analyses are absorbed in order.
 * Whatever the cut, the diagnosis must be the one a single pass gives: counts, first/last seen, examples and
 * their line numbers, the bounded timeline, blocked offerings, unrecognised lines.
 */
import { readdirSync } from 'node:fs';

import { expect, it } from 'vitest';

import { LogAnalyzer } from '../../../src/core/logs/analyzer.js';
import { RecordAssembler } from '../../../src/core/logs/records.js';
import { describeShared, readShared, sharedPath } from '../../helpers/shared.js';

const NAME = 'all.log';

/** Every real fixture, concatenated: all formats, pretty-printed records and continuation lines. */
const allFixtures = (): string =>
  readdirSync(sharedPath('fixtures/karpenter-logs'))
    .filter((file) => file.endsWith('.log'))
    .sort()
    .map((file) => readShared('fixtures/karpenter-logs', file))
    .join('');

/** Error lines no knowledge-base entry explains: 80 templates, more than the 50 the result keeps. */
const unknownErrors = (round: number): string =>
  Array.from({ length: 80 }, (_, i) => {
    const template = String.fromCharCode(97 + (i % 26)).repeat(1 + Math.floor(i / 26));
    const time = new Date(Date.UTC(2025, 0, 1, round, 0, i)).toISOString();
    return `{"level":"ERROR","time":"${time}","logger":"controller","message":"mystery ${template} went wrong on try ${round * 100 + i}"}\n`;
  }).join('');

async function onePass(text: string) {
  const analyzer = new LogAnalyzer();
  await analyzer.readSource({ name: NAME, chunks: [Buffer.from(text)] });
  return analyzer.finish();
}

/** The first `cut` lines read here, the rest by a range analyzer and absorbed (or read here when it cannot be). */
async function inTwoRanges(lines: string[], cut: number) {
  const analyzer = new LogAnalyzer();
  const first = new RecordAssembler(analyzer, NAME);
  const head = await analyzer.readInto([Buffer.from(lines.slice(0, cut).join(''))], first, NAME, true);

  const range = new LogAnalyzer({}, true);
  const assembler = new RecordAssembler(range, NAME);
  const tailBytes = Buffer.from(lines.slice(cut).join(''));
  const read = await range.readInto([tailBytes], assembler, NAME, true);
  const endedOpen = assembler.open;
  assembler.end();
  const partial = range.exportPartial(read, assembler.startsClean ?? true, endedOpen);

  let tail = read;
  const absorbed = !first.open && analyzer.canAbsorb(partial);
  if (absorbed) {
    first.end();
    analyzer.absorb(partial, head.lines);
  } else {
    tail = await analyzer.readInto([tailBytes], first, NAME, true);
    first.end();
  }
  analyzer.addSource(NAME, {
    lines: head.lines + tail.lines,
    bytes: head.bytes + tail.bytes,
    gzip: false,
  });
  return { result: analyzer.finish(), absorbed };
}

describeShared('reading a log in ranges', () => {
  it('gives the one-pass diagnosis wherever the log is cut', async () => {
    // Given every real fixture and unexplained error lines in one log, and its one-pass diagnosis
    const text = allFixtures() + unknownErrors(0);
    const lines = text.split(/(?<=\n)/);
    const expected = await onePass(text);
    expect(expected.problems.length).toBeGreaterThan(20);
    let absorbed = 0;
    // When it is cut at every 7th line and read in two ranges
    for (let cut = 1; cut < lines.length; cut += 7) {
      const actual = await inTwoRanges(lines, cut);
      if (actual.absorbed) absorbed += 1;
      // Then the diagnosis is the same
      expect(actual.result, `cut before line ${cut + 1}`).toEqual(expected);
    }
    // And most cuts were absorbed (not read again), so the merge itself was exercised
    expect(absorbed).toBeGreaterThan(lines.length / 7 / 2);
  });

  it('merges the bounded timeline and unrecognised lines exactly when both ranges overflow them', async () => {
    // Given a log long enough that the timeline and the unrecognised lines are capped in each half
    const fixtures = allFixtures();
    const text = [0, 1, 2, 3, 4, 5].map((round) => fixtures + unknownErrors(round)).join('');
    const lines = text.split(/(?<=\n)/);
    const expected = await onePass(text);
    expect(expected.timeline.omitted).toBeGreaterThan(0);
    expect(expected.unrecognized.more).toBeGreaterThan(0);
    const cuts = [lines.length / 3, lines.length / 2 + 3, lines.length - 100, lines.length - 30];
    for (const cut of cuts.map(Math.floor)) {
      // When it is read in two ranges; Then the diagnosis is the same
      const actual = await inTwoRanges(lines, cut);
      expect(actual.result, `cut before line ${cut + 1}`).toEqual(expected);
    }
  });
});
