/**
 * Bounded concurrency for AWS calls. Rate limits are per account and Region and shared with everything
 * else running there (Karpenter included), so spotctl never has more than a handful of calls in flight.
 */

/** Most AWS calls spotctl has in flight at once. */
export const AWS_CONCURRENCY = 4;

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A limiter: wrap each call in it and at most `limit` run at once, the rest wait in FIFO order. Wrap only
 * leaf calls — a wrapped task that waits on other wrapped tasks can deadlock the pool.
 */
export function createLimiter(limit: number): Limiter {
  const slots = Math.max(1, limit);
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
