/**
 * The one place AWS SDK clients are built. Every SDK package is imported dynamically, so commands that do
 * not reach AWS (and `--help`) never load it. Clients share one configuration: the standard credential
 * chain, `--region`/`--profile`/`--endpoint-url`, the SDK's adaptive retry (throttling is retried, not
 * reported), and connection/request timeouts so a dead endpoint fails instead of hanging.
 */
import { beginActivity } from '../activity.js';
import type { AwsOptions } from './options.js';

/** Pricing's API lives in a few regions only; us-east-1 serves every region's prices. */
export const PRICING_API_REGION = 'us-east-1';

const MAX_ATTEMPTS = 6;

/**
 * The SDK's standard retry (throttling and transient errors, jittered backoff, a retry quota) with up to
 * six attempts, unless the user's own `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE` (or the profile's
 * `retry_mode`) say otherwise. Not adaptive mode: its client-side rate limit, once a call is throttled,
 * delays every later call of the client (every page of a paginated call, and the other APIs sharing it),
 * which is the wrong trade for a command someone is waiting on.
 */
function retrySettings(env: NodeJS.ProcessEnv = process.env): { maxAttempts?: number } {
  return env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: MAX_ATTEMPTS };
}

/** How long an AWS call may go without an answer before it is abandoned. */
const DEFAULT_AWS_TIMEOUT_MS = 30_000;

/**
 * The idle deadline for AWS calls: `SPOTCTL_AWS_TIMEOUT_MS` (for slow links, and for tests that need a
 * silent endpoint to fail fast), else 30 s. Each attempt's socket timeouts never exceed it.
 */
export function awsTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SPOTCTL_AWS_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_AWS_TIMEOUT_MS;
}

/** The SDK's own log lines ("[WARN] a request has exceeded…") would reach the user's stderr raw. */
const SILENT_LOGGER = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

async function baseConfig(options: AwsOptions, regionOverride?: string) {
  // The SDK warns on Node < 22 about SDK releases after January 2027; spotctl pins its SDK in the lockfile,
  // so the warning tells a spotctl user nothing they can act on and would clutter stderr. Set the variable
  // yourself to see it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  const timeout = awsTimeoutMs();
  return {
    ...((regionOverride ?? options.region) ? { region: regionOverride ?? options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    ...retrySettings(),
    logger: SILENT_LOGGER,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(5_000, timeout),
      requestTimeout: Math.min(20_000, timeout),
      // Otherwise a silent endpoint only logs a warning and the call waits on.
      throwOnRequestTimeout: true,
      logger: SILENT_LOGGER,
    }),
  };
}

/** The wire format each client's protocol answers in: EC2 Query is XML, the rest are awsJson. */
type WireFormat = 'xml' | 'json';

interface StackLike {
  middlewareStack: {
    add(middleware: unknown, options: { step: string; priority?: string; name?: string }): void;
  };
}

/**
 * Every call of every client under the same rules: one deadline for the whole call, retries included (a
 * silent endpoint fails within `SPOTCTL_AWS_TIMEOUT_MS` instead of being retried for minutes), and an
 * answer that is not the protocol's (a proxy's HTML page, an empty body) is a failure naming the
 * endpoint — never parsed as "no records".
 */
export function guarded<T extends StackLike>(client: T, format: WireFormat): T {
  const timeout = awsTimeoutMs();
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => {
      const activity = beginActivity((context.commandName ?? 'AWS call').replace(/Command$/, ''));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              Object.assign(new Error(`no answer within ${Math.round(timeout / 100) / 10} s`), {
                name: 'TimeoutError',
              }),
            ),
          timeout,
        );
      });
      return Promise.race([next(args), deadline]).finally(() => {
        clearTimeout(timer);
        activity.end();
      });
    },
    { step: 'initialize', priority: 'high', name: 'spotctlDeadline' },
  );
  client.middlewareStack.add(
    (
      next: (args: {
        request: { hostname?: string; port?: number; protocol?: string };
      }) => Promise<RawResult>,
    ) =>
      async (args: { request: { hostname?: string; port?: number; protocol?: string } }) => {
        const result = await next(args);
        const status = result.response?.statusCode ?? 0;
        if (status < 200 || status >= 300) return result;
        const body = await collect(result.response.body);
        const type = String(headerOf(result.response.headers, 'content-type') ?? '');
        const { protocol = 'https:', hostname = '', port } = args.request;
        const endpoint = `${protocol}//${hostname}${port ? `:${port}` : ''}`;
        const problem =
          body.length === 0
            ? 'an empty body'
            : !type.toLowerCase().includes(format)
              ? `${type ? `"${type.split(';')[0]}"` : 'a body without a content type'} instead of ${format.toUpperCase()}`
              : undefined;
        if (problem)
          throw Object.assign(
            new Error(
              `${endpoint} answered HTTP ${status} with ${problem}: not an AWS response (a proxy or captive portal?)`,
            ),
            { name: 'NotAnAwsResponse' },
          );
        result.response.body = body;
        return result;
      },
    { step: 'deserialize', priority: 'low', name: 'spotctlProtocolGuard' },
  );
  return client;
}

interface RawResult {
  response: { statusCode?: number; headers: Record<string, string | undefined>; body: unknown };
}

const headerOf = (headers: Record<string, string | undefined>, name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];

/** The whole body: AWS pages are small, and the deserializer reads it whole anyway. */
async function collect(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body && typeof body === 'object' && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>)
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return new Uint8Array();
}

export async function ec2Client(options: AwsOptions) {
  const { EC2Client } = await import('@aws-sdk/client-ec2');
  return guarded(new EC2Client(await baseConfig(options)), 'xml');
}

export async function pricingClient(options: AwsOptions) {
  const { PricingClient } = await import('@aws-sdk/client-pricing');
  return guarded(new PricingClient(await baseConfig(options, PRICING_API_REGION)), 'json');
}

export async function serviceQuotasClient(options: AwsOptions) {
  const { ServiceQuotasClient } = await import('@aws-sdk/client-service-quotas');
  return guarded(new ServiceQuotasClient(await baseConfig(options)), 'json');
}

export async function cloudWatchClient(options: AwsOptions) {
  const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch');
  return guarded(new CloudWatchClient(await baseConfig(options)), 'json');
}

export async function cloudWatchLogsClient(options: AwsOptions) {
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
  return guarded(new CloudWatchLogsClient(await baseConfig(options)), 'json');
}
