/**
 * A local Kubernetes API server for the pod-log paths, driven through the official client with a real
 * kubeconfig: HTTPS with a CA of its own (made with openssl per run; plain HTTP with
 * insecure-skip-tls-verify when openssl is missing), bearer tokens checked, RBAC decided per request, and
 * the answers and Status errors the real API server gives:
 *
 * - `GET /api/v1/pods` and `GET /api/v1/namespaces/{ns}/pods`: `labelSelector` (equality and set-based
 *   requirements), `limit` and `continue`;
 * - `GET /api/v1/namespaces/{ns}/pods/{name}/log`: `container`, `previous`, `sinceSeconds`, `sinceTime`;
 *   the log is written in several chunks, as it streams from the kubelet;
 * - 401 `Unauthorized` for a missing or unknown token, 403 `Forbidden` naming user, verb, resource and
 *   scope, 404 for a pod that is gone, 400 for a container that is not there or has no previous log.
 *
 * `requests` records every request (path, query, user); `inFlight`/`mostInFlight` count open log streams.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LogLine {
  /** When the kubelet recorded it (sinceSeconds/sinceTime filter on this). */
  time: number;
  text: string;
}

export interface FakeContainer {
  name: string;
  restartCount?: number;
  state?: 'running' | 'waiting';
  waitingReason?: string;
  log?: LogLine[];
  /** The previous container's log; absent = none kept. */
  previousLog?: LogLine[];
}

export interface FakePod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  containers: FakeContainer[];
}

export type Verb = 'list' | 'get';
export type Rbac = (user: string, verb: Verb, resource: string, namespace: string | undefined) => boolean;

export interface KubeTestServerOptions {
  /** Bearer token → user name. */
  tokens?: Record<string, string>;
  rbac?: Rbac;
  /** Delay before each log chunk, ms. */
  chunkDelayMs?: number;
  now?: () => number;
}

export interface KubeRequest {
  path: string;
  query: Record<string, string>;
  user?: string;
}

const status = (code: number, reason: string, message: string, details?: Record<string, unknown>) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details ? { details } : {}),
  code,
});

/** Label selector requirements: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. */
export function matchesSelector(labels: Record<string, string>, selector: string | undefined): boolean {
  if (!selector) return true;
  const requirements = selector.match(/(?:[^,(]|\([^)]*\))+/g) ?? [];
  return requirements.every((raw) => {
    const requirement = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(requirement))) {
      const values = m[3]!.split(',').map((v) => v.trim());
      const has = labels[m[1]!] !== undefined && values.includes(labels[m[1]!]!);
      return m[2] === 'in' ? has : !has;
    }
    if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(requirement))) {
      const equal = labels[m[1]!] === m[3];
      return m[2] === '!=' ? !equal : equal;
    }
    if ((m = /^!(\S+)$/.exec(requirement))) return labels[m[1]!] === undefined;
    return labels[requirement] !== undefined;
  });
}

interface Tls {
  key: string;
  cert: string;
  ca: string;
}

/** A CA and a server certificate for 127.0.0.1, or undefined without openssl. */
function makeTls(): Tls | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'spotctl-kube-tls-'));
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=spotctl-test-ca',
    ]);
    run(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver']);
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    run([
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    ]);
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    return { key: read('server.key'), cert: read('server.crt'), ca: read('ca.crt') };
  } catch {
    return undefined;
  }
}

export class KubeTestServer {
  readonly pods: FakePod[] = [];
  readonly requests: KubeRequest[] = [];
  inFlight = 0;
  mostInFlight = 0;
  rbac: Rbac;
  private readonly tokens: Record<string, string>;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly tls: Tls | undefined,
    private readonly options: KubeTestServerOptions,
  ) {
    this.tokens = options.tokens ?? { 'token-dev': 'dev' };
    this.rbac = options.rbac ?? (() => true);
  }

  static async start(options: KubeTestServerOptions = {}): Promise<KubeTestServer> {
    const tls = makeTls();
    const holder: { instance?: KubeTestServer } = {};
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      holder.instance!.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String((error as Error).stack ?? error));
      });
    };
    const server = tls
      ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler)
      : createHttpServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.instance = new KubeTestServer(
      server,
      `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
      tls,
      options,
    );
    return holder.instance;
  }

  /** A kubeconfig with one context per entry (all on this server), written to a new temp dir. */
  writeKubeconfig(contexts: Array<{ name: string; token: string }>, current?: string): string {
    const cluster = this.tls
      ? `    server: ${this.url}\n    certificate-authority-data: ${Buffer.from(this.tls.ca).toString('base64')}\n`
      : `    server: ${this.url}\n    insecure-skip-tls-verify: true\n`;
    const yaml = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: test-cluster',
      '  cluster:',
      cluster.trimEnd(),
      'users:',
      ...contexts.flatMap((c) => [`- name: user-${c.name}`, '  user:', `    token: ${c.token}`]),
      'contexts:',
      ...contexts.flatMap((c) => [
        `- name: ${c.name}`,
        '  context:',
        '    cluster: test-cluster',
        `    user: user-${c.name}`,
      ]),
      ...(current ? [`current-context: ${current}`] : []),
      '',
    ].join('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'spotctl-kubeconfig-')), 'config');
    writeFileSync(path, yaml);
    return path;
  }

  /** The path of a log request, as the test asserts it. */
  logRequests(): KubeRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/log'));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private json(res: ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const query = Object.fromEntries(url.searchParams);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const user = token ? this.tokens[token] : undefined;
    this.requests.push({ path: url.pathname, query, ...(user ? { user } : {}) });
    if (!user) return this.json(res, 401, status(401, 'Unauthorized', 'Unauthorized'));

    let m: RegExpExecArray | null;
    if (url.pathname === '/api/v1/pods') return this.list(res, user, undefined, query);
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(url.pathname))) {
      return this.list(res, user, decodeURIComponent(m[1]!), query);
    }
    if ((m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(url.pathname))) {
      return this.log(res, user, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), query);
    }
    return this.json(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }

  private list(
    res: ServerResponse,
    user: string,
    namespace: string | undefined,
    query: Record<string, string>,
  ) {
    if (!this.rbac(user, 'list', 'pods', namespace)) {
      const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
      return this.json(
        res,
        403,
        status(
          403,
          'Forbidden',
          `pods is forbidden: User "${user}" cannot list resource "pods" in API group "" ${scope}`,
          {
            kind: 'pods',
          },
        ),
      );
    }
    const all = this.pods
      .filter((pod) => namespace === undefined || pod.namespace === namespace)
      .filter((pod) => matchesSelector(pod.labels, query.labelSelector));
    const offset = query.continue ? Number(Buffer.from(query.continue, 'base64').toString()) : 0;
    const limit = Number(query.limit) || all.length || 1;
    const page = all.slice(offset, offset + limit);
    const next =
      offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64') : undefined;
    return this.json(res, 200, {
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '4242', ...(next ? { continue: next } : {}) },
      items: page.map((pod) => this.podJson(pod)),
    });
  }

  private podJson(pod: FakePod) {
    return {
      metadata: {
        name: pod.name,
        namespace: pod.namespace,
        uid: `uid-${pod.name}`,
        labels: pod.labels,
        creationTimestamp: '2024-05-01T00:00:00Z',
      },
      spec: {
        nodeName: 'ip-192-168-12-34.ec2.internal',
        containers: pod.containers.map((c) => ({
          name: c.name,
          image: `public.ecr.aws/example/${c.name}:1.0`,
        })),
      },
      status: {
        phase: 'Running',
        containerStatuses: pod.containers.map((c) => ({
          name: c.name,
          ready: c.state !== 'waiting',
          restartCount: c.restartCount ?? 0,
          image: `public.ecr.aws/example/${c.name}:1.0`,
          imageID: '',
          state:
            c.state === 'waiting'
              ? { waiting: { reason: c.waitingReason ?? 'CrashLoopBackOff' } }
              : { running: { startedAt: '2024-05-01T00:05:00Z' } },
          ...((c.restartCount ?? 0) > 0
            ? {
                lastState: {
                  terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T00:04:59Z' },
                },
              }
            : {}),
        })),
      },
    };
  }

  private async log(
    res: ServerResponse,
    user: string,
    namespace: string,
    name: string,
    query: Record<string, string>,
  ): Promise<void> {
    if (!this.rbac(user, 'get', 'pods/log', namespace)) {
      return this.json(
        res,
        403,
        status(
          403,
          'Forbidden',
          `pods "${name}" is forbidden: User "${user}" cannot get resource "pods/log" in API group "" in the namespace "${namespace}"`,
          { name, kind: 'pods' },
        ),
      );
    }
    const pod = this.pods.find((p) => p.namespace === namespace && p.name === name);
    if (!pod)
      return this.json(res, 404, status(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }));
    const container = pod.containers.find((c) => c.name === query.container);
    if (!container) {
      return this.json(
        res,
        400,
        status(400, 'BadRequest', `container ${query.container} is not valid for pod ${name}`),
      );
    }
    const previous = query.previous === 'true';
    const lines = previous ? container.previousLog : container.log;
    if (previous && !lines) {
      return this.json(
        res,
        400,
        status(
          400,
          'BadRequest',
          `previous terminated container "${container.name}" in pod "${name}" not found`,
        ),
      );
    }
    const now = this.options.now?.() ?? Date.now();
    const since = query.sinceSeconds
      ? now - Number(query.sinceSeconds) * 1000
      : query.sinceTime
        ? Date.parse(query.sinceTime)
        : -Infinity;
    const text = (lines ?? [])
      .filter((line) => line.time >= since)
      .map((line) => `${line.text}\n`)
      .join('');
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      res.writeHead(200, { 'content-type': 'text/plain' });
      // Several writes, as a kubelet stream arrives.
      const chunk = Math.max(256, Math.ceil(text.length / 4));
      for (let at = 0; at < text.length; at += chunk) {
        await new Promise((resolve) => setTimeout(resolve, this.options.chunkDelayMs ?? 1));
        if (!res.write(text.slice(at, at + chunk)))
          await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    } finally {
      this.inFlight -= 1;
    }
  }
}
