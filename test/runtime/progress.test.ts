/**
 * While spotctl waits on AWS, a terminal shows what it is waiting on; a pipe, --json and --quiet show
 * nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';

import { AwsTestServer } from '../helpers/aws-server.js';
import { installWorld } from '../helpers/aws-world.js';
import { describeShared } from '../helpers/shared.js';
import { spotctl } from '../helpers/spotctl.js';

const LIVE = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };

describeShared('the progress line', () => {
  let server: AwsTestServer;
  beforeAll(async () => {
    // Given AWS answering every call after 400 ms
    server = await AwsTestServer.start({ latencyMs: 400 });
    installWorld(server);
  });
  afterAll(() => server.close());

  const prices = (extra: string[], tty: boolean) =>
    spotctl(
      ['prices', '--region', 'us-east-1', '--types', 'm5.large', '--endpoint-url', server.url, ...extra],
      { env: { ...LIVE, NO_COLOR: undefined }, ...(tty ? { tty: { columns: 80 } } : {}) },
    );

  it('on a terminal, names the API it waits on, then clears the line', async () => {
    const { code, stderr } = await prices([], true);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/Describe\w+…/);
    // Every frame is drawn over the last one and the line is cleared at the end.
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  it.each([
    ['piped', [], false],
    ['--json on a terminal', ['--json'], true],
    ['--quiet on a terminal', ['--quiet'], true],
  ])('%s: no progress at all', async (_, extra, tty) => {
    const { code, stderr } = await prices(extra as string[], tty as boolean);
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/…|\r/);
  });
});
