/**
 * Every flag value is checked before any work: Regions against the known ones on every command that takes
 * one, lists that list nothing, floods of unknown names answered short and fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AwsTestServer } from '../helpers/aws-server.js';
import { spotctl } from '../helpers/spotctl.js';

let server: AwsTestServer;
beforeAll(async () => {
  server = await AwsTestServer.start();
});
afterAll(() => server.close());

const LIVE = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

describe('an unknown Region', () => {
  it.each([
    ['prices', '--types', 'm5.large'],
    ['suggest', '--types', 'm5.large'],
    ['lint', '/dev/null'],
    ['quota-check', '--types', 'm5.large'],
    ['snapshot', '--output-file', '/tmp/never-written.json'],
  ])('%s: exit 3 naming the nearest, before any AWS call', async (command, ...args) => {
    server.reset();
    const result = await spotctl([command, ...args, '--region', 'us-east-7', '--endpoint-url', server.url], {
      env: LIVE,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^Error: unknown AWS Region "us-east-7"/);
    expect(result.stderr).toMatch(/Did you mean us-east-1/);
    expect(server.calls).toEqual([]);
  });

  it('from AWS_REGION says so', async () => {
    const result = await spotctl(['prices', '--offline', '--types', 'm5.large'], {
      env: { AWS_REGION: 'eu-moon-1' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/unknown AWS Region "eu-moon-1" \(from AWS_REGION\)/);
  });
});

describe('a list flag that lists nothing', () => {
  it.each([[['--types', ',']], [['--types', ' , ']]])(
    'prices %j is a usage error, not an empty table',
    async (args) => {
      const result = await spotctl(['prices', '--offline', '--region', 'us-east-1', ...args]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/was given an empty list/);
    },
  );
});

describe('ten thousand unknown instance types', () => {
  it('get a short answer, fast', async () => {
    const types = Array.from({ length: 10_000 }, (_, i) => `zz${i}.large`).join(',');
    const result = await spotctl(['prices', '--offline', '--region', 'us-east-1', '--types', types]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/and 9980 more/);
    expect(result.stderr.length).toBeLessThan(2_000);
    expect(result.durationMs).toBeLessThan(5_000);
  });
});
