import { availableParallelism } from 'node:os';

import { defineConfig } from 'vitest/config';

// Vitest's default in run mode is one worker less than the cores: one worker on a 2-core CI machine.
// Many files here wait on child processes, local servers and timers rather than the CPU, so one worker
// more than the cores keeps both busy (measured on 2 cores: 184 s with the default, 99 s with 3).
const workers = availableParallelism() + 1;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: workers,
    minWorkers: workers,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
