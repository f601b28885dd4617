import { describe, expect, it } from 'vitest';

import { isSpotctlError } from '../../../src/core/errors.js';
import { parseDuration, parseTimePoint, resolveTimeRange } from '../../../src/core/log-sources/time-range.js';

const NOW = new Date('2024-05-01T12:00:00Z');
const H = 3_600_000;

const usageCode = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (isSpotctlError(error) && error.exitCode === 2) return error.code;
    throw error;
  }
  return undefined;
};

describe('durations', () => {
  it.each([
    ['90m', 5400],
    ['6h', 21_600],
    ['30d', 2_592_000],
    ['2w', 1_209_600],
    ['1h30m', 5400],
    ['45s', 45],
    [' 6H ', 21_600],
  ])('%s is %i s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['6x', '6', 'h', '0h', '-6h', '1.5h', '', '6 h', '99999w'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('points in time', () => {
  it.each([
    ['now', NOW.getTime()],
    ['6h', NOW.getTime() - 6 * H],
    ['-6h', NOW.getTime() - 6 * H],
    ['6h ago', NOW.getTime() - 6 * H],
    ['2024-05-01', Date.parse('2024-05-01T00:00:00Z')],
    // Without a zone, UTC: the same reading the analyser gives zoneless log times.
    ['2024-05-01T10:00', Date.parse('2024-05-01T10:00:00Z')],
    ['2024-05-01 10:00:30', Date.parse('2024-05-01T10:00:30Z')],
    ['2024-05-01T10:00:00+02:00', Date.parse('2024-05-01T08:00:00Z')],
    ['2024-05-01T10:00:00.250Z', Date.parse('2024-05-01T10:00:00.250Z')],
  ])('%s', (text, ms) => {
    expect(parseTimePoint(text, NOW)).toBe(ms);
  });

  it.each(['yesterday', '2024-13-01', '2024-05-01T25:00', '05/01/2024', '1714564800'])(
    '%j is not a time',
    (text) => {
      expect(parseTimePoint(text, NOW)).toBeUndefined();
    },
  );
});

describe('the window', () => {
  it('--since: back from now, and the seconds the Kubernetes API takes', () => {
    expect(resolveTimeRange({ since: '6h' }, NOW, 86_400)).toEqual({
      startMs: NOW.getTime() - 6 * H,
      endMs: NOW.getTime(),
      defaulted: false,
      sinceSeconds: 21_600,
      explicitStart: false,
      explicitEnd: false,
    });
  });

  it('no flag: the default window, marked as such', () => {
    const range = resolveTimeRange({}, NOW, 86_400);
    expect([range.startMs, range.endMs, range.defaulted]).toEqual([
      NOW.getTime() - 24 * H,
      NOW.getTime(),
      true,
    ]);
  });

  it('--start alone runs to now; --start and --end give a fixed window', () => {
    expect(resolveTimeRange({ start: '2024-05-01T08:00:00Z' }, NOW, 86_400)).toMatchObject({
      startMs: Date.parse('2024-05-01T08:00:00Z'),
      endMs: NOW.getTime(),
      explicitStart: true,
      explicitEnd: false,
    });
    expect(resolveTimeRange({ start: '2d', end: '1d' }, NOW, 86_400)).toMatchObject({
      startMs: NOW.getTime() - 48 * H,
      endMs: NOW.getTime() - 24 * H,
      explicitEnd: true,
    });
  });

  it.each([
    [{ since: '6x' }, 'BAD_DURATION'],
    [{ since: '6h', start: '1d' }, 'SINCE_WITH_START'],
    [{ since: '6h', end: 'now' }, 'SINCE_WITH_START'],
    [{ end: '2024-05-01' }, 'END_WITHOUT_START'],
    [{ start: 'yesterday' }, 'BAD_TIME'],
    [{ start: '1d', end: 'soon' }, 'BAD_TIME'],
    [{ start: '2024-05-01T11:00:00Z', end: '2024-05-01T10:00:00Z' }, 'START_AFTER_END'],
    [{ start: '2024-05-01T10:00:00Z', end: '2024-05-01T10:00:00Z' }, 'START_AFTER_END'],
    [{ start: '2024-06-01' }, 'START_IN_FUTURE'],
  ])('%j is a usage error %s, before any call', (flags, code) => {
    expect(usageCode(() => resolveTimeRange(flags, NOW, 86_400))).toBe(code);
  });

  it('the errors say what was wrong and what to pass', () => {
    try {
      resolveTimeRange({ since: '6x' }, NOW, 86_400);
      expect.unreachable();
    } catch (error) {
      expect(isSpotctlError(error) && [error.message, error.suggestions[0]]).toEqual([
        '--since "6x" is not a duration',
        expect.stringContaining('90m, 6h, 30d'),
      ]);
    }
  });
});
