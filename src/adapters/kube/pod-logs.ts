/**
 * Karpenter's and NTH's pod logs → log sources for explain-logs, through the official Kubernetes client:
 * it reads the kubeconfig, produces the credentials (tokens, client certificates, exec plugins such as
 * `aws eks get-token`) and lists the pods. Each container log is then streamed with those credentials
 * straight from `GET …/pods/{name}/log` — not the client's `Log` helper, which drops the API's Status on
 * errors and cannot time out before the first byte. A few logs are opened ahead while one is read, each
 * held back by TCP flow control, so memory stays small whatever the log sizes.
 */
import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';

import type { CoreV1Api, KubeConfig, ObservableMiddleware, V1Pod } from '@kubernetes/client-node';

import type { LogSource } from '../../core/explain-logs/analyse.js';
import {
  KUBE_TARGETS,
  kubeCredentialsError,
  kubeFailureToError,
  noPodsError,
  planPodLogs,
  type KubeCallContext,
  type KubeComponent,
  type KubeFailure,
  type PodLogRead,
  type PodSummary,
} from '../../core/log-sources/kube.js';
import type { KubeLogsPlan } from '../../core/log-sources/options.js';
import { loadKubeConfig } from './kubeconfig.js';

export interface KubeLogSourceOptions {
  note: (message: string) => void;
  /** Logs open at once: the one being read and the next ones. */
  concurrency?: number;
  /** Pods per list page. */
  pageSize?: number;
  env?: Record<string, string | undefined>;
}

export interface KubeLogSource extends LogSource {
  component: KubeComponent;
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
}

const LABEL = 'app.kubernetes.io/name';
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_PAGE_SIZE = 500;
/** A cluster with more pages of matching pods than this is not one Karpenter runs in. */
const MAX_LIST_PAGES = 100;
/** Enough of an error body for its Status message. */
const MAX_ERROR_BODY = 64 * 1024;

const labelValue = (selector: string): string => selector.slice(selector.indexOf('=') + 1);

/** One set-based selector for both tools: a single list call (per page) instead of one per tool. */
const SELECTOR = `${LABEL} in (${KUBE_TARGETS.map((t) => labelValue(t.selector)).join(',')})`;

interface Connection {
  config: KubeConfig;
  context: string;
  server: string;
  timeoutMs: number;
  /** The agent carrying the cluster's CA, client certificate and proxy, built once. */
  agent: RequestOptions['agent'];
}

/**
 * Every Karpenter and NTH container log (and previous container log) the plan reaches.
 * @throws SpotctlError for a missing kubeconfig or unknown context (3, 2), rejected or insufficient
 *   credentials (4), no matching pods (3), an unreachable or failing API server (5).
 */
export async function* kubeLogSources(
  plan: KubeLogsPlan,
  options: KubeLogSourceOptions,
): AsyncGenerator<KubeLogSource> {
  const { config, context, server } = await loadKubeConfig(plan.kubeconfig, plan.context, options.env);
  const k8s = await import('@kubernetes/client-node');
  const first: RequestOptions = {};
  try {
    // Credentials first, so that a failing exec plugin is named as such rather than as a network error.
    await config.applyToHTTPSOptions(first as never);
  } catch (error) {
    throw kubeCredentialsError(context, (error as Error).message || String(error));
  }
  const connection: Connection = { config, context, server, timeoutMs: plan.timeoutMs, agent: first.agent };
  const api = config.makeApiClient(k8s.CoreV1Api);
  const pods = await listPods(k8s, api, plan, connection, options.pageSize ?? DEFAULT_PAGE_SIZE);
  if (pods.length === 0) throw noPodsError(plan.namespace, context);

  const reads: PodLogRead[] = [];
  for (const target of KUBE_TARGETS) {
    const mine = pods.filter((pod) => pod.app === labelValue(target.selector));
    if (mine.length === 0) {
      options.note(
        `No ${target.component === 'nth' ? 'NTH' : 'Karpenter'} pods (${target.selector}) ${plan.namespace ? `in namespace ${plan.namespace}` : 'in any namespace'}.`,
      );
    }
    const planned = planPodLogs(mine, target);
    for (const skipped of planned.skipped) options.note(`Skipped ${skipped}.`);
    reads.push(...planned.reads);
  }
  yield* streamLogs(reads, plan, connection, options);
}

// --- Listing ----------------------------------------------------------------------------------------

type K8s = typeof import('@kubernetes/client-node');

/** Per-call options putting a deadline on the client's request (a middleware setting its signal). */
function deadline(k8s: K8s, timeoutMs: number) {
  const middleware: ObservableMiddleware = {
    pre: (context) => {
      context.setSignal(AbortSignal.timeout(timeoutMs));
      return new k8s.Observable(Promise.resolve(context));
    },
    post: (response) => new k8s.Observable(Promise.resolve(response)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' as const };
}

function summary(pod: V1Pod): PodSummary & { app: string } {
  return {
    namespace: pod.metadata?.namespace ?? 'default',
    name: pod.metadata?.name ?? '',
    app: pod.metadata?.labels?.[LABEL] ?? '',
    containers: (pod.spec?.containers ?? []).map((c) => c.name),
    statuses: (pod.status?.containerStatuses ?? []).map((s) => ({
      name: s.name,
      restartCount: s.restartCount ?? 0,
      state: s.state?.running
        ? 'running'
        : s.state?.waiting
          ? 'waiting'
          : s.state?.terminated
            ? 'terminated'
            : 'unknown',
      ...(s.state?.waiting?.reason ? { waitingReason: s.state.waiting.reason } : {}),
    })),
  };
}

async function listPods(
  k8s: K8s,
  api: CoreV1Api,
  plan: KubeLogsPlan,
  connection: Connection,
  pageSize: number,
): Promise<Array<PodSummary & { app: string }>> {
  const call: KubeCallContext = {
    context: connection.context,
    server: connection.server,
    verb: 'list',
    resource: 'pods',
    ...(plan.namespace ? { namespace: plan.namespace } : {}),
  };
  const pods: Array<PodSummary & { app: string }> = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const query = { labelSelector: SELECTOR, limit: pageSize, ...(token ? { _continue: token } : {}) };
    let list;
    try {
      list = plan.namespace
        ? await api.listNamespacedPod(
            { namespace: plan.namespace, ...query },
            deadline(k8s, connection.timeoutMs),
          )
        : await api.listPodForAllNamespaces(query, deadline(k8s, connection.timeoutMs));
    } catch (error) {
      throw kubeFailureToError(failureOf(error, connection.timeoutMs), call);
    }
    pods.push(...list.items.map(summary));
    token = list.metadata?._continue || undefined;
    if (!token) break;
  }
  return pods;
}

/** Whatever the client (or Node underneath) threw → status and message, or the network failure. */
function failureOf(error: unknown, timeoutMs: number): KubeFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    body?: unknown;
    name?: string;
    message?: string;
  };
  if (typeof e.code === 'number') return { status: e.code, message: statusMessage(e.body) };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') {
    return { networkCode: `no answer within ${Math.round(timeoutMs / 100) / 10} s` };
  }
  if (typeof e.code === 'string') return { networkCode: e.code };
  return { networkCode: e.message ?? String(error) };
}

/** The `message` of a Kubernetes Status object, as text or parsed. */
function statusMessage(body: unknown): string | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return body.slice(0, 500) || undefined;
    }
  }
  const message = (value as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

// --- Streaming ----------------------------------------------------------------------------------------

type Opened =
  { kind: 'stream'; request: ClientRequest; response: IncomingMessage } | { kind: 'skip'; reason: string };

async function* streamLogs(
  reads: PodLogRead[],
  plan: KubeLogsPlan,
  connection: Connection,
  options: KubeLogSourceOptions,
): AsyncGenerator<KubeLogSource> {
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const opened: Array<Promise<Opened>> = [];
  const fill = (upTo: number) => {
    while (opened.length < reads.length && opened.length <= upTo) {
      const pending = openLog(reads[opened.length]!, plan, connection);
      // Awaited in order below; a later log's failure must not surface as unhandled meanwhile.
      pending.catch(() => undefined);
      opened.push(pending);
    }
  };
  let consumed = 0;
  try {
    for (let i = 0; i < reads.length; i++) {
      fill(i + concurrency - 1);
      const read = reads[i]!;
      const result = await opened[i]!;
      consumed = i + 1;
      if (result.kind === 'skip') {
        options.note(`No log for ${read.name}: ${result.reason}.`);
        continue;
      }
      yield {
        name: read.name,
        component: read.component,
        namespace: read.namespace,
        pod: read.pod,
        container: read.container,
        previous: read.previous,
        chunks: body(result, read, connection),
      };
    }
  } finally {
    // Logs opened ahead and never read (the reader stopped early) must not hold the process open.
    for (const pending of opened.slice(consumed)) {
      void pending.then(
        (result) => result.kind === 'stream' && result.request.destroy(),
        () => undefined,
      );
    }
  }
}

function logUrl(read: PodLogRead, plan: KubeLogsPlan, server: string): URL {
  const path = `/api/v1/namespaces/${encodeURIComponent(read.namespace)}/pods/${encodeURIComponent(read.pod)}/log`;
  const url = new URL(server.replace(/\/+$/, '') + path);
  url.searchParams.set('container', read.container);
  if (read.previous) url.searchParams.set('previous', 'true');
  if (plan.sinceSeconds !== undefined) url.searchParams.set('sinceSeconds', String(plan.sinceSeconds));
  else if (plan.sinceTime !== undefined) url.searchParams.set('sinceTime', plan.sinceTime);
  return url;
}

const logCall = (read: PodLogRead, connection: Connection): KubeCallContext => ({
  context: connection.context,
  server: connection.server,
  verb: 'get',
  resource: 'pods/log',
  namespace: read.namespace,
});

/** Start the request; settle on its status: a stream to read, a log to skip, or the error to report. */
async function openLog(read: PodLogRead, plan: KubeLogsPlan, connection: Connection): Promise<Opened> {
  const fresh: RequestOptions = {};
  // Fresh headers per request: an exec plugin's token may have been renewed since the last one.
  await connection.config.applyToHTTPSOptions(fresh as never);
  const url = logUrl(read, plan, connection.server);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise<Opened>((resolve, reject) => {
    const request = send(url, {
      method: 'GET',
      headers: { ...(fresh.headers as Record<string, string>), Accept: 'text/plain, */*' },
      agent: connection.agent,
      ...(fresh.auth ? { auth: fresh.auth } : {}),
    });
    const timer = setTimeout(
      () => request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      connection.timeoutMs,
    );
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(kubeFailureToError(failureOf(error, connection.timeoutMs), logCall(read, connection)));
    });
    request.on('response', (response) => {
      clearTimeout(timer);
      const status = response.statusCode ?? 0;
      if (status === 200) {
        resolve({ kind: 'stream', request, response });
        return;
      }
      readErrorBody(response).then((text) => {
        const message = statusMessage(text);
        // Gone since it was listed, or no previous container after all: nothing to read, not a failure.
        if (status === 404 || status === 400) {
          resolve({ kind: 'skip', reason: message ?? `HTTP ${status}` });
          return;
        }
        reject(kubeFailureToError({ status, message }, logCall(read, connection)));
      }, reject);
    });
    request.end();
  });
}

async function readErrorBody(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) {
    text += String(chunk);
    if (text.length > MAX_ERROR_BODY) break;
  }
  return text;
}

/** The log's bytes as they arrive; no chunk for the deadline → unreachable. */
async function* body(opened: Extract<Opened, { kind: 'stream' }>, read: PodLogRead, connection: Connection) {
  const { request, response } = opened;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      connection.timeoutMs,
    );
  };
  try {
    arm();
    for await (const chunk of response) {
      clearTimeout(timer);
      yield chunk as Uint8Array;
      arm();
    }
    // A connection cut mid-log ends the stream early without an error on some Node versions.
    if (!response.complete) throw Object.assign(new Error('the log stream was cut'), { code: 'ECONNRESET' });
  } catch (error) {
    throw kubeFailureToError(failureOf(error, connection.timeoutMs), logCall(read, connection));
  } finally {
    clearTimeout(timer);
    request.destroy();
  }
}
