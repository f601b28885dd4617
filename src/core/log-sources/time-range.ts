/**
 * The time window remote log sources read: `--since 6h`, or `--start`/`--end` as ISO 8601 or relative
 * times. Checked before any call, so a typo costs nothing.
 */
import { usageError } from '../errors.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION = /^(?:\d+[smhdw])+$/;
const DURATION_PART = /(\d+)([smhdw])/g;
/** A date, or a date and time with an optional zone; the zoneless forms are read as UTC. */
const ISO_TIME = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)(Z|[+-]\d\d:?\d\d)?)?$/i;
/** Past every window CloudWatch keeps (10 years of retention) — anything longer is a typo. */
const MAX_SECONDS = 20 * 366 * 86_400;

const DURATION_HINT = 'Pass a number and a unit: 90m, 6h, 30d, 2w or 1h30m (units s, m, h, d, w).';
const TIME_HINT =
  'Pass an ISO 8601 time (2024-05-01T10:00:00Z, 2024-05-01) or a time ago such as 6h or 2d (or now).';

/** `90m`, `6h`, `30d`, `1h30m` → seconds; undefined when not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (!DURATION.test(value)) return undefined;
  let seconds = 0;
  for (const [, count, unit] of value.matchAll(DURATION_PART))
    seconds += Number(count) * UNIT_SECONDS[unit!]!;
  return seconds > 0 && seconds <= MAX_SECONDS ? seconds : undefined;
}

/**
 * An absolute or relative point in time → epoch ms: `now`, a duration ago (`6h`, `-6h`, `6h ago`), or ISO
 * 8601 (`2024-05-01`, `2024-05-01T10:00`, `2024-05-01T10:00:00+02:00`; without a zone, UTC).
 */
export function parseTimePoint(text: string, now: Date): number | undefined {
  const value = text.trim();
  if (value.toLowerCase() === 'now') return now.getTime();
  const ago = /^-?\s*(\S+?)(?:\s+ago)?$/i.exec(value);
  const seconds = ago ? parseDuration(ago[1]!) : undefined;
  if (seconds !== undefined) return now.getTime() - seconds * 1000;
  const iso = ISO_TIME.exec(value);
  if (!iso) return undefined;
  const [, date, time, zone] = iso;
  const ms = Date.parse(`${date}T${time ?? '00:00'}${zone ?? 'Z'}`);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface TimeWindowFlags {
  since?: string;
  start?: string;
  end?: string;
}

export interface TimeRange {
  startMs: number;
  endMs: number;
  /** No time flag was given: the caller's default window was used. */
  defaulted: boolean;
  /** `--since`, in seconds (what the Kubernetes log API takes). */
  sinceSeconds?: number;
  /** `--start` was given (the Kubernetes log API takes it as `sinceTime`). */
  explicitStart: boolean;
  explicitEnd: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The window the time flags describe; `defaultSeconds` back from now when none is given.
 * @throws SpotctlError (usage) for a bad duration or time, --since with --start/--end, --end alone, or a
 *   window that is empty or starts in the future.
 */
export function resolveTimeRange(flags: TimeWindowFlags, now: Date, defaultSeconds: number): TimeRange {
  const nowMs = now.getTime();
  if (flags.since !== undefined && (flags.start !== undefined || flags.end !== undefined)) {
    throw usageError('SINCE_WITH_START', '--since cannot be combined with --start or --end', {
      suggestions: ['Use --since 6h for the last six hours, or --start and --end for a fixed window.'],
    });
  }
  if (flags.since !== undefined) {
    const seconds = parseDuration(flags.since);
    if (seconds === undefined) {
      throw usageError('BAD_DURATION', `--since "${flags.since}" is not a duration`, {
        suggestions: [DURATION_HINT],
      });
    }
    return {
      startMs: nowMs - seconds * 1000,
      endMs: nowMs,
      defaulted: false,
      sinceSeconds: seconds,
      explicitStart: false,
      explicitEnd: false,
    };
  }
  if (flags.end !== undefined && flags.start === undefined) {
    throw usageError('END_WITHOUT_START', '--end needs --start', {
      suggestions: ['Add --start, e.g. --start 2024-05-01T08:00:00Z --end 2024-05-01T12:00:00Z.'],
    });
  }
  if (flags.start === undefined) {
    return {
      startMs: nowMs - defaultSeconds * 1000,
      endMs: nowMs,
      defaulted: true,
      explicitStart: false,
      explicitEnd: false,
    };
  }
  const point = (flag: 'start' | 'end', text: string): number => {
    const ms = parseTimePoint(text, now);
    if (ms === undefined) {
      throw usageError('BAD_TIME', `--${flag} "${text}" is not a time`, { suggestions: [TIME_HINT] });
    }
    return ms;
  };
  const startMs = point('start', flags.start);
  const endMs = flags.end === undefined ? nowMs : point('end', flags.end);
  if (startMs > nowMs) {
    throw usageError('START_IN_FUTURE', `--start ${iso(startMs)} is in the future`, {
      suggestions: ['Pass a time in the past, or a time ago such as --start 6h.'],
    });
  }
  if (startMs >= endMs) {
    throw usageError('START_AFTER_END', `--start ${iso(startMs)} is not before --end ${iso(endMs)}`, {
      suggestions: ['Swap the two values, or widen the window.'],
    });
  }
  return { startMs, endMs, defaulted: false, explicitStart: true, explicitEnd: flags.end !== undefined };
}
