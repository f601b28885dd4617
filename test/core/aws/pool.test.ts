import { describe, expect, it } from 'vitest';

import { createLimiter } from '../../../src/core/aws/pool.js';

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once, in order, and returns each result', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      return i * 10;
    };
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => limit(task(i))));
    expect(results).toEqual([0, 10, 20, 30, 40, 50]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a failing task frees its slot', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });
});
