/**
 * A local AWS API endpoint for tests and benchmarks: the real SDK, pointed at it with `--endpoint-url`
 * (or `endpoint` in a client config), sends real wire requests and parses real wire responses.
 *
 * Protocols (told apart per request, so one server serves every client at once):
 * - EC2 Query — `POST /`, form-encoded `Action=…&Version=…&Filter.1.Name=…`. `request.params` is the
 *   form unflattened (`{ Action, Filter: [{ Name, Value: ['a', 'b'] }], MaxResults, NextToken }`). A reply
 *   `{ body }` is written as the XML EC2 sends, element names taken from the EC2 API model (member →
 *   `locationName`, lists → `<item>`), so a handler returns SDK-shaped objects:
 *   `{ body: { SpotPriceHistory: [{ InstanceType: 'm5.large', … }], NextToken: 't' } }`.
 * - awsJson1_1 — `POST /` with `X-Amz-Target: <Prefix>.<Operation>` (Pricing `AWSPriceListService`,
 *   Service Quotas `ServiceQuotasV20190624`, …). `request.params` is the JSON body; `{ body }` is sent as JSON.
 *
 * Replies (from a handler, or listed in a script):
 * - `{ body }` (optionally `status`), `{ raw, contentType }` for a verbatim body;
 * - `{ error: { code, message?, status? } }` — the protocol's own error envelope. EC2 throttling is
 *   `RequestLimitExceeded` (503), JSON throttling `ThrottlingException` (400): the SDK retries both;
 * - `{ hang: true }` — never answer (client timeouts); `{ drop: true }` — close the socket (network failure).
 *
 * API:
 * - `const server = await AwsTestServer.start({ latencyMs })`; `server.url` for `--endpoint-url`;
 * - `server.on('GetServiceQuota', (request, n) => reply)` — a handler per operation (n = 1-based call count);
 * - `server.script('DescribeSpotPriceHistory', [throttle, handler])` — the nth call gets the nth entry (a
 *   reply or a handler), the last one repeats: e.g. a throttled first response, then success;
 * - `paginated(items, { key, pageSize })` — a handler serving `items` in pages with `NextToken`, honouring
 *   the request's `MaxResults`;
 * - `server.latencyMs` — delay before every reply; `server.calls` — every request (operation, protocol,
 *   params) in arrival order; `server.count(operation)`; `server.reset()`; `await server.close()`.
 * An operation without a handler answers with the protocol's `InvalidAction`/`UnknownOperationException`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { sharedDataPath } from './shared-data.js';

export type AwsProtocol = 'ec2' | 'json';

export interface AwsRequest {
  operation: string;
  protocol: AwsProtocol;
  /** The X-Amz-Target header for awsJson1_1, e.g. `AWSPriceListService.GetProducts`. */
  target?: string;
  params: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

export type AwsReply =
  | { body?: unknown; status?: number }
  | { raw: string; contentType?: string; status?: number }
  | { error: { code: string; message?: string; status?: number } }
  | { hang: true }
  | { drop: true };

export type AwsHandler = (request: AwsRequest, call: number) => AwsReply | Promise<AwsReply>;

export interface AwsTestServerOptions {
  /** Delay before every reply, ms. */
  latencyMs?: number;
}

/** Error replies for scripts. */
export const throttled = (protocol: AwsProtocol): AwsReply =>
  protocol === 'ec2'
    ? { error: { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: 503 } }
    : { error: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 } };

export const accessDenied = (protocol: AwsProtocol, operation: string): AwsReply =>
  protocol === 'ec2'
    ? {
        error: {
          code: 'UnauthorizedOperation',
          message: `You are not authorized to perform this operation. User is not authorized to perform: ec2:${operation}`,
          status: 403,
        },
      }
    : {
        error: {
          code: 'AccessDeniedException',
          message: `User is not authorized to perform: pricing:${operation}`,
          status: 400,
        },
      };

export class AwsTestServer {
  latencyMs: number;
  readonly calls: AwsRequest[] = [];
  private readonly handlers = new Map<string, AwsHandler>();
  private readonly counts = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: AwsTestServerOptions,
  ) {
    this.latencyMs = options.latencyMs ?? 0;
  }

  static async start(options: AwsTestServerOptions = {}): Promise<AwsTestServer> {
    const holder: { instance?: AwsTestServer } = {};
    const server = createServer((req, res) => {
      holder.instance!.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`test server failure: ${(error as Error).stack ?? String(error)}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.instance = new AwsTestServer(server, `http://127.0.0.1:${port}`, options);
    return holder.instance;
  }

  /** Handle every call of `operation` with `handler`. */
  on(operation: string, handler: AwsHandler): this {
    this.handlers.set(operation, handler);
    return this;
  }

  /** The nth call of `operation` gets `steps[n-1]`; the last step repeats. */
  script(operation: string, steps: Array<AwsReply | AwsHandler>): this {
    return this.on(operation, (request, call) => {
      const step = steps[Math.min(call, steps.length) - 1]!;
      return typeof step === 'function' ? step(request, call) : step;
    });
  }

  count(operation?: string): number {
    return operation ? (this.counts.get(operation) ?? 0) : this.calls.length;
  }

  /** Forget calls and counts (handlers stay). */
  reset(): void {
    this.calls.length = 0;
    this.counts.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const target = header(req, 'x-amz-target');
    const request: AwsRequest = target
      ? {
          operation: target.slice(target.lastIndexOf('.') + 1),
          protocol: 'json',
          target,
          params: body ? (JSON.parse(body) as Record<string, unknown>) : {},
          headers: req.headers,
        }
      : ec2Request(body, req.headers);
    this.calls.push(request);
    const call = (this.counts.get(request.operation) ?? 0) + 1;
    this.counts.set(request.operation, call);

    const handler = this.handlers.get(request.operation);
    const reply: AwsReply = handler
      ? await handler(request, call)
      : {
          error: {
            code: request.protocol === 'ec2' ? 'InvalidAction' : 'UnknownOperationException',
            message: `the test server has no handler for ${request.operation}`,
          },
        };
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if ('hang' in reply) return; // the socket stays open until the client gives up or close()
    if ('drop' in reply) {
      req.socket.destroy();
      return;
    }
    write(res, request, reply);
  }
}

/**
 * A handler serving `items` page by page. The page size is the smaller of `pageSize` and the request's
 * MaxResults; the token is the offset of the next page. An `items` function is called once per distinct
 * request (NextToken and MaxResults aside), so later pages cost what a real service's do.
 */
export function paginated<T>(
  items: readonly T[] | ((request: AwsRequest) => readonly T[]),
  options: { key: string; pageSize?: number },
): AwsHandler {
  const answers = new Map<string, readonly T[]>();
  const resolve = (request: AwsRequest): readonly T[] => {
    if (typeof items !== 'function') return items;
    const { NextToken: _token, MaxResults: _max, ...question } = request.params;
    const key = JSON.stringify(question);
    if (!answers.has(key)) answers.set(key, items(request));
    return answers.get(key)!;
  };
  return (request) => {
    const all = resolve(request);
    const asked = Number(request.params.MaxResults);
    const size = Math.max(
      1,
      Math.min(options.pageSize ?? Infinity, asked > 0 ? asked : Infinity, all.length || 1),
    );
    const token = request.params.NextToken;
    const offset = typeof token === 'string' && token.startsWith('offset-') ? Number(token.slice(7)) : 0;
    const page = all.slice(offset, offset + size);
    const next = offset + size < all.length ? `offset-${offset + size}` : undefined;
    return { body: { [options.key]: page, ...(next ? { NextToken: next } : {}) } };
  };
}

// --- EC2 Query --------------------------------------------------------------------------------------

/** `Filter.1.Value.2=x` → `{ Filter: [{ Value: [, 'x'] }] }`, indices 1-based → arrays. */
export function unflattenQuery(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    const path = key.split('.');
    let node: Record<string, unknown> | unknown[] = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const index = /^\d+$/.test(segment) ? Number(segment) - 1 : undefined;
      const slot = index ?? segment;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[slot] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[i + 1]!);
      container[slot] ??= nextIsIndex ? [] : {};
      node = container[slot] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}

function ec2Request(body: string, headers: IncomingMessage['headers']): AwsRequest {
  const params = unflattenQuery(new URLSearchParams(body));
  return { operation: String(params.Action ?? 'Unknown'), protocol: 'ec2', params, headers };
}

/** The values of an EC2 filter in a request, e.g. `ec2Filter(request, 'instance-type')`. */
export function ec2Filter(request: AwsRequest, name: string): string[] | undefined {
  const filters = (request.params.Filter as Array<{ Name?: string; Value?: string[] }> | undefined) ?? [];
  const found = filters.filter((filter) => filter?.Name === name);
  return found.length > 0 ? found.flatMap((filter) => filter.Value ?? []) : undefined;
}

interface ShapeRef {
  shape: string;
  locationName?: string;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
}
interface ServiceModel {
  metadata: { xmlNamespace?: string };
  shapes: Record<string, Shape>;
}

const EC2_MODEL_PATH = ['reference', 'ec2-api', 'api-models', 'ec2.2016-11-15.service-2.subset.json'];
let ec2Model: ServiceModel | undefined;

/**
 * Result shapes of operations the model subset in ../shared leaves out, with the XML names of the EC2
 * model (the SDK's own deserialiser reads them: `spotPlacementScoreSet` of `item`s holding `region`,
 * `availabilityZoneId` and `score`).
 */
const EXTRA_SHAPES: Record<string, Shape> = {
  GetSpotPlacementScoresResult: {
    type: 'structure',
    members: {
      SpotPlacementScores: { shape: 'SpotPlacementScores', locationName: 'spotPlacementScoreSet' },
      NextToken: { shape: 'String', locationName: 'nextToken' },
    },
  },
  SpotPlacementScores: { type: 'list', member: { shape: 'SpotPlacementScore', locationName: 'item' } },
  SpotPlacementScore: {
    type: 'structure',
    members: {
      Region: { shape: 'String', locationName: 'region' },
      AvailabilityZoneId: { shape: 'String', locationName: 'availabilityZoneId' },
      Score: { shape: 'Integer', locationName: 'score' },
    },
  },
};

function loadEc2Model(): ServiceModel {
  if (!ec2Model) {
    const path = sharedDataPath(...EC2_MODEL_PATH);
    if (!existsSync(path)) throw new Error(`EC2 XML replies need the EC2 API model at ${path}`);
    const model = JSON.parse(readFileSync(path, 'utf8')) as ServiceModel;
    ec2Model = { ...model, shapes: { ...EXTRA_SHAPES, ...model.shapes } };
  }
  return ec2Model;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmlValue(model: ServiceModel, shapeName: string, value: unknown): string {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`EC2 model has no shape ${shapeName}`);
  switch (shape.type) {
    case 'structure':
      return Object.entries(shape.members ?? {})
        .filter(([name]) => (value as Record<string, unknown>)[name] !== undefined)
        .map(([name, ref]) => {
          const tag = ref.locationName ?? name;
          return `<${tag}>${xmlValue(model, ref.shape, (value as Record<string, unknown>)[name])}</${tag}>`;
        })
        .join('');
    case 'list': {
      const tag = shape.member!.locationName ?? 'member';
      return (value as unknown[])
        .map((item) => `<${tag}>${xmlValue(model, shape.member!.shape, item)}</${tag}>`)
        .join('');
    }
    case 'timestamp':
      return escapeXml(value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
    default:
      return escapeXml(String(value));
  }
}

/** The XML body EC2 sends for `operation` with an SDK-shaped output object. */
export function ec2ResponseXml(operation: string, output: Record<string, unknown>): string {
  const model = loadEc2Model();
  const namespace = model.metadata.xmlNamespace ?? 'http://ec2.amazonaws.com/doc/2016-11-15';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${namespace}/">` +
    `<requestId>${randomUUID()}</requestId>${xmlValue(model, `${operation}Result`, output)}</${operation}Response>`
  );
}

/** The EC2 Query error envelope. */
export const ec2ErrorXml = (code: string, message: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
  `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`;

// --- Writing replies --------------------------------------------------------------------------------

function write(
  res: ServerResponse,
  request: AwsRequest,
  reply: Exclude<AwsReply, { hang: true } | { drop: true }>,
) {
  const json = request.protocol === 'json';
  const requestId = randomUUID();
  if ('error' in reply) {
    const { code, message = code, status = 400 } = reply.error;
    const body = json ? JSON.stringify({ __type: code, message }) : ec2ErrorXml(code, message);
    res.writeHead(status, {
      'content-type': json ? 'application/x-amz-json-1.1' : 'text/xml;charset=UTF-8',
      'x-amzn-requestid': requestId,
      ...(json ? { 'x-amzn-errortype': code } : {}),
    });
    res.end(body);
    return;
  }
  if ('raw' in reply) {
    res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/plain' });
    res.end(reply.raw);
    return;
  }
  const output = (reply.body ?? {}) as Record<string, unknown>;
  res.writeHead(reply.status ?? 200, {
    'content-type': json ? 'application/x-amz-json-1.1' : 'text/xml;charset=UTF-8',
    'x-amzn-requestid': requestId,
  });
  res.end(json ? JSON.stringify(output) : ec2ResponseXml(request.operation, output));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
