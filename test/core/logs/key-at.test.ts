/**
 * keyAt finds a quoted JSON key by searching for it without its opening quote and checking the quote
 * after: it must answer exactly what `indexOf` of the whole needle answers, wherever the key is, however
 * often its tail occurs without the quote, and from any starting point.
 */
import { describe, expect, it } from 'vitest';

import { jsonStringFieldBy, keyAt } from '../../../src/core/logs/json-fields.js';

describe('keyAt', () => {
  it.each([
    ['at the very start', '"reason":"x"', '"reason":"'],
    ['after its tail without a quote', '{"disruption-reason":"a","reason":"b"}', '"reason":"'],
    ['only as a tail', '{"disruption-reason":"a"}', '"reason":"'],
    ['after a tail that overlaps it', '{"aa"a":"x","a":"y"}', '"a":"'],
    ['twice', '{"time":"1","time":"2"}', '"time":"'],
    ['in an escaped string (the needle is not there)', '{"m":"\\"time\\":\\"1"}', '"time":"'],
    ['absent', '{"level":"INFO"}', '"time":"'],
    ['in an empty line', '', '"time":"'],
  ])('finds a key %s as indexOf does', (_what, line, needle) => {
    // Given a line and a key needle / When it is looked for / Then the answer is indexOf's, from anywhere
    for (let from = 0; from <= line.length; from += 1)
      expect(keyAt(line, needle, from), `from ${from}`).toBe(line.indexOf(needle, from));
  });

  it('agrees with indexOf on lines put together from keys, tails and quotes', () => {
    // Given many lines assembled at random (seeded) from pieces that make and break the needle
    const pieces = ['"', 'reason', '":"', '":', 'x', '-', '\\"', '"reason":"', 'reason":"', ','];
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const lines = Array.from({ length: 5000 }, () =>
      Array.from({ length: 1 + random(12) }, () => pieces[random(pieces.length)]).join(''),
    );
    // When the key is looked for in each / Then every answer is indexOf's, and some lines had it
    const differ = lines.filter((line) => keyAt(line, '"reason":"') !== line.indexOf('"reason":"'));
    expect(differ).toEqual([]);
    expect(lines.filter((line) => line.includes('"reason":"')).length).toBeGreaterThan(500);
  });

  it('is what the field reader uses: a value after a look-alike key is still read', () => {
    // Given a line whose first "reason" is part of another key
    const line = '{"level":"INFO","disruption-reason":"drifted","reason":"underutilized"}';
    // When the field is read / Then it is the real key's value
    expect(jsonStringFieldBy(line, '"reason":"')).toBe('underutilized');
    expect(jsonStringFieldBy('{"reason":5}', '"reason":"', '"reason":')).toBeNull();
  });
});
