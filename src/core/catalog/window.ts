import type { PriceWindow } from './types.js';

/** The window of `days` ending at `now`. */
export const windowEndingAt = (now: Date, days: number): PriceWindow => ({
  start: new Date(now.getTime() - days * 86_400_000),
  end: now,
});
