import { availableParallelism } from 'node:os';

import { defineConfig } from 'vitest/config';

// Vitest's default in run mode is one worker less than the cores: one worker on a 2-core CI machine.
// Many files here wait on child processes, local servers and timers rather than the CPU, so one worker
// more than the cores keeps both busy.
const workers = availableParallelism() + 1;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: workers,
    minWorkers: workers,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // Test files share their worker's module cache: the AWS SDK, the CRD schemas and the log knowledge
    // are loaded once per worker instead of once per file (the suite's CPU time falls by ~40 %). So a
    // file undoes what it changes in the process: env stubs, patched classes (aws-sdk-client-mock's
    // restore()) and replaced built-ins in its afterAll; spies are restored after every test. No file
    // mocks a module (vi.mock): a module another file imported first would be used as it is.
    pool: 'forks',
    poolOptions: { forks: { isolate: false } },
    restoreMocks: true,
    include: ['test/**/*.test.ts'],
  },
});
