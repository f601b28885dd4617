/**
 * The rules every AWS client shares, through the real SDK against a local endpoint: one deadline per call
 * (retries included), an answer that is not the protocol's is a failure naming the endpoint, and nothing
 * of the SDK's own logging reaches stderr.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { cloudWatchClient, ec2Client } from '../../../src/adapters/aws/clients.js';
import { createUsagePort } from '../../../src/adapters/aws/cloudwatch-usage.js';
import { ec2CatalogPorts } from '../../../src/adapters/aws/ec2-ports.js';
import { createServiceQuotasPort } from '../../../src/adapters/aws/service-quotas.js';
import { awsFailureToError } from '../../../src/core/aws/failures.js';
import { AwsCallError } from '../../../src/core/aws/ports.js';
import { AwsTestServer } from '../../helpers/aws-server.js';

let server: AwsTestServer;
const options = () => ({ region: 'us-east-1', endpointUrl: server.url });

beforeAll(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  server = await AwsTestServer.start();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});
afterEach(() => server.reset());

const failure = async (call: Promise<unknown>): Promise<AwsCallError> => {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsCallError);
  return error as AwsCallError;
};

describe('an answer that is not the protocol’s', () => {
  it.each([
    {
      what: 'an HTML page',
      reply: { raw: '<html><body>Sign in to the Wi-Fi</body></html>', contentType: 'text/html' },
    },
    { what: 'an empty body', reply: { raw: '', contentType: 'text/xml' } },
  ])(
    'EC2 given $what with HTTP 200 fails (exit 5) naming the endpoint, not "no records"',
    async ({ reply }) => {
      // Given a proxy that answers DescribeInstanceTypes with a 200 that is not EC2's XML
      server.on('DescribeInstanceTypes', () => reply);
      const ports = await ec2CatalogPorts(await ec2Client(options()), { idleTimeoutMs: 5_000 });
      // When the catalog asks for instance types
      const error = await failure(ports.instanceTypes.describeInstanceTypes({}));
      // Then it is an AWS/network failure that names the endpoint, with exit code 5
      expect(error.kind).toBe('network');
      expect(error.message).toContain(server.url);
      expect(awsFailureToError(error, 'us-east-1')).toMatchObject({ code: 'AWS_BAD_RESPONSE', exitCode: 5 });
      // and it was not retried: a proxy page does not change in a second
      expect(server.count('DescribeInstanceTypes')).toBe(1);
    },
  );

  it('Service Quotas given HTML fails the same way', async () => {
    server.on('ListServiceQuotas', () => ({
      raw: '<!doctype html><title>Blocked</title>',
      contentType: 'text/html; charset=utf-8',
    }));
    const port = await createServiceQuotasPort(options());
    const error = await failure(port.listEc2Quotas());
    expect(error).toMatchObject({ kind: 'network', code: 'NotAnAwsResponse' });
    expect(error.message).toMatch(/answered HTTP 200 with "text\/html" instead of JSON/);
  });

  it('a real answer still parses (the check does not reject AWS)', async () => {
    server.on('ListServiceQuotas', () => ({
      body: { Quotas: [{ QuotaCode: 'L-34B43A08', QuotaName: 'x', Value: 5 }] },
    }));
    const port = await createServiceQuotasPort(options());
    expect((await port.listEc2Quotas()).map((q) => q.value)).toEqual([5]);
  });
});

describe('one deadline for every call', () => {
  it.each([
    {
      api: 'Service Quotas',
      operation: 'GetServiceQuota',
      call: async () => (await createServiceQuotasPort(options())).getEc2Quota('L-34B43A08'),
    },
    {
      api: 'CloudWatch',
      operation: 'GetMetricData',
      call: async () =>
        (await createUsagePort(options())).latest(
          { namespace: 'AWS/Usage', name: 'ResourceCount', dimensions: {} },
          { start: new Date(0), end: new Date(1000) },
        ),
    },
  ])('$api that never answers fails within SPOTCTL_AWS_TIMEOUT_MS, silently', async ({ operation, call }) => {
    // Given an endpoint that accepts the request and never answers, and a 600 ms deadline
    vi.stubEnv('SPOTCTL_AWS_TIMEOUT_MS', '600');
    server.on(operation, () => ({ hang: true }));
    const warn = vi.spyOn(console, 'warn');
    const write = vi.spyOn(process.stderr, 'write');
    const started = Date.now();
    // When the call is made
    const error = await failure(call());
    // Then it ends as a network failure (exit 5) close to the deadline, not after minutes of retries
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ kind: 'network', code: 'TimeoutError' });
    expect(awsFailureToError(error)).toMatchObject({ exitCode: 5 });
    // and the SDK printed nothing of its own
    expect(warn).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
    warn.mockRestore();
    write.mockRestore();
    vi.stubEnv('SPOTCTL_AWS_TIMEOUT_MS', '');
  });
});

describe('retries', () => {
  const answer = { body: { Quotas: [{ QuotaCode: 'L-34B43A08', QuotaName: 'x', Value: 5 }] } };
  const unavailable = { error: { code: 'ServiceUnavailableException', message: 'down', status: 503 } };
  const throttle = { error: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 } };
  afterEach(() => vi.unstubAllEnvs());
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  });

  it('a service that keeps failing is tried six times, then the failure is reported', async () => {
    // Given Service Quotas answering 503 every time
    server.script('ListServiceQuotas', [unavailable]);
    const error = await failure((await createServiceQuotasPort(options())).listEc2Quotas());
    // Then the failure is the service's, after six attempts
    expect(error.code).toBe('ServiceUnavailableException');
    expect(server.count('ListServiceQuotas')).toBe(6);
  });

  it('AWS_MAX_ATTEMPTS is the user’s to set', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
    server.script('ListServiceQuotas', [unavailable]);
    const error = await failure((await createServiceQuotasPort(options())).listEc2Quotas());
    expect(error.code).toBe('ServiceUnavailableException');
    expect(server.count('ListServiceQuotas')).toBe(2);
  });

  it('the standard retry mode unless AWS_RETRY_MODE chooses another', async () => {
    const retryMode = async () => {
      const mode = (await cloudWatchClient(options())).config.retryMode;
      return typeof mode === 'string' ? mode : mode();
    };
    expect(await retryMode()).toBe('standard');
    vi.stubEnv('AWS_RETRY_MODE', 'adaptive');
    expect(await retryMode()).toBe('adaptive');
  });

  it('one throttled call is retried and does not slow the calls after it', async () => {
    // Given a throttled first answer, then answers at once
    server.script('ListServiceQuotas', [throttle, answer]);
    const port = await createServiceQuotasPort(options());
    await port.listEc2Quotas();
    // When ten more calls are made through the same client
    const started = Date.now();
    for (let call = 0; call < 10; call++) await port.listEc2Quotas();
    // Then they take what the server takes (adaptive mode's client-side rate limit would space them out
    // by a second or more once throttled)
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.count('ListServiceQuotas')).toBe(12);
  });
});
