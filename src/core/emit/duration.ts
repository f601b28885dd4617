/**
 * Karpenter durations (`30s`, `1h30m`, `Never`) and the seconds v1alpha5 used for the same settings.
 */

/** The pattern Karpenter v1 validates consolidateAfter and expireAfter against. */
export const DURATION_PATTERN = /^(([0-9]+(s|m|h))+|Never)$/;

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1 };

/** `1h30m` → 5400; `Never` → undefined. Throws on anything DURATION_PATTERN rejects. */
export function durationSeconds(duration: string): number | undefined {
  if (!DURATION_PATTERN.test(duration)) throw new RangeError(`not a duration: ${duration}`);
  if (duration === 'Never') return undefined;
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/([0-9]+)(s|m|h)/g)) {
    total += Number(amount) * UNIT_SECONDS[unit!]!;
  }
  return total;
}

/** 604800 → `168h`, 90 → `90s`, 3600 → `1h`: the shortest exact form in whole hours, minutes or seconds. */
export function secondsToDuration(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
