/**
 * CloudWatch Logs → log sources for explain-logs. The service does the filtering: FilterLogEvents with
 * the core's filter pattern, every page through the SDK paginator, at most four groups in flight; or one
 * Logs Insights query over every group. Each event's original line is unwrapped from its Fluent Bit /
 * Container Insights record and sorted into one source per pod and container. The SDK module is imported
 * dynamically.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

import { AwsCallError } from '../../core/aws/ports.js';
import { LineBuckets, type ByteBudget, type RemoteLogSource } from '../../core/log-sources/buckets.js';
import {
  componentOf,
  FILTER_PATTERN,
  INSIGHTS_MAX_RESULTS,
  insightsQuery,
  isLogGroupArn,
  logGroupName,
  sourceIdentity,
  unwrapLogEvent,
} from '../../core/log-sources/cloudwatch.js';
import {
  groupListingPrefix,
  insightsEndedError,
  insightsTimeoutError,
  logsFailureToError,
} from '../../core/log-sources/cloudwatch-errors.js';
import type { CloudWatchLogsPlan } from '../../core/log-sources/options.js';
import { nearest } from '../../core/text/nearest.js';
import { toAwsCallError } from './call-errors.js';
import { forEachPage } from './pages.js';

export interface CloudWatchLogSourceOptions {
  /** Where notes for the user go (stderr, in the CLI). */
  note: (message: string) => void;
  /** The Region the client calls, for messages and next steps. */
  region?: string;
  /** No page (or poll answer) for this long → fail as unreachable. */
  idleTimeoutMs: number;
  /** Groups read at once. */
  concurrency?: number;
  /** Budget for the matched lines held until the analyser reads them. */
  maxBytes?: number;
  /** First and longest wait between Logs Insights polls. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Stop an Insights query that has not finished after this long. */
  insightsTimeoutMs?: number;
}

const DEFAULT_CONCURRENCY = 4;
/** Matched lines are what explain-logs reports on; past this, the window is too wide for one run. */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_INSIGHTS_TIMEOUT_MS = 10 * 60_000;
/** Pages after which a note suggests --insights, which scans in the service instead. */
const MANY_PAGES = 100;

interface GroupRead {
  sources: RemoteLogSource[];
  pages: number;
  events: number;
  /** Other workloads' lines in a shared group, by container. */
  otherContainers: Map<string, number>;
  truncated: boolean;
}

type Sdk = typeof import('@aws-sdk/client-cloudwatch-logs');

/**
 * The sources for a plan, group by group in the order given (later groups are fetched meanwhile).
 * @throws SpotctlError for a denied call (auth, 4), a missing group (input, 3), or AWS failing (5).
 */
export async function* cloudWatchLogSources(
  client: CloudWatchLogsClient,
  plan: CloudWatchLogsPlan,
  options: CloudWatchLogSourceOptions,
): AsyncGenerator<RemoteLogSource> {
  const sdk = await import('@aws-sdk/client-cloudwatch-logs');
  if (plan.insights) {
    yield* await insightsSources(sdk, client, plan, options);
    return;
  }
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const budget: ByteBudget = { remaining: options.maxBytes ?? DEFAULT_MAX_BYTES };
  const reads: Array<Promise<GroupRead>> = [];
  let started = 0;
  const startNext = () => {
    if (started >= plan.groups.length) return;
    const group = plan.groups[started++]!;
    const read = readGroup(sdk, client, group, plan, options, budget);
    // Awaited in order below; a failure of a later group must not surface as unhandled meanwhile.
    read.catch(() => undefined);
    reads.push(read);
  };
  while (started < Math.min(concurrency, plan.groups.length)) startNext();
  for (let i = 0; i < plan.groups.length; i++) {
    const read = await reads[i]!;
    startNext();
    reportGroup(plan.groups[i]!, read, plan, options);
    yield* read.sources;
  }
}

function reportGroup(
  group: string,
  read: GroupRead,
  plan: CloudWatchLogsPlan,
  options: CloudWatchLogSourceOptions,
): void {
  const name = logGroupName(group);
  if (read.otherContainers.size > 0) {
    const lines = [...read.otherContainers.values()].reduce((a, b) => a + b, 0);
    options.note(
      `${name}: skipped ${lines} matching line(s) of ${read.otherContainers.size} other container(s)` +
        (plan.streamPrefix
          ? '.'
          : '; --log-stream-prefix karpenter- (Container Insights stream names) reads less.'),
    );
  }
  if (read.sources.length === 0) {
    options.note(`${name}: no Karpenter or NTH lines in the window.`);
  }
  if (read.truncated) {
    options.note(
      `${name}: stopped after ${Math.round((options.maxBytes ?? DEFAULT_MAX_BYTES) / 1048576)} MiB of matching lines; narrow the window (--since/--start/--end).`,
    );
  } else if (read.pages > MANY_PAGES) {
    options.note(`${name}: read ${read.pages} pages; for windows this long, --insights scans in one query.`);
  }
}

async function readGroup(
  sdk: Sdk,
  client: CloudWatchLogsClient,
  group: string,
  plan: CloudWatchLogsPlan,
  options: CloudWatchLogSourceOptions,
  budget: ByteBudget,
): Promise<GroupRead> {
  const buckets = new LineBuckets(budget);
  const read: GroupRead = { sources: [], pages: 0, events: 0, otherContainers: new Map(), truncated: false };
  const input = {
    ...(isLogGroupArn(group) ? { logGroupIdentifier: group } : { logGroupName: group }),
    ...(plan.streamPrefix ? { logStreamNamePrefix: plan.streamPrefix } : {}),
    startTime: plan.startMs,
    endTime: plan.endMs,
    filterPattern: FILTER_PATTERN,
  };
  try {
    await forEachPage(
      'FilterLogEvents',
      (abortSignal) =>
        sdk.paginateFilterLogEvents({ client, stopOnSameToken: true }, { ...input }, { abortSignal }),
      (page) => {
        read.pages += 1;
        for (const event of page.events ?? []) {
          read.events += 1;
          if (!addEvent(buckets, read, group, event.message ?? '', event.logStreamName)) {
            read.truncated = true;
            return false;
          }
        }
        return true;
      },
      { idleTimeoutMs: options.idleTimeoutMs },
    );
  } catch (error) {
    // forEachPage has turned every SDK failure into an AwsCallError; anything else is ours.
    if (!(error instanceof AwsCallError)) throw error;
    throw await explain(sdk, client, error, group, options);
  }
  read.sources = buckets.sources();
  return read;
}

/** Sort one event into its source. False when the byte budget is spent. */
function addEvent(
  buckets: LineBuckets,
  read: Pick<GroupRead, 'otherContainers'>,
  group: string,
  message: string,
  logStream: string | undefined,
): boolean {
  const { text, origin } = unwrapLogEvent(message, logStream);
  if (!text) return true;
  const component = componentOf(origin, text);
  if (component === 'other') {
    const key = `${origin.namespace ?? ''}/${origin.pod ?? ''}/${origin.container ?? ''}`;
    read.otherContainers.set(key, (read.otherContainers.get(key) ?? 0) + 1);
    return true;
  }
  const { key, name } = sourceIdentity(group, origin, component);
  return buckets.add(key, name, component, text);
}

/** The SDK's failure as the user's error; a missing group gets the names that do exist. */
async function explain(
  sdk: Sdk,
  client: CloudWatchLogsClient,
  error: unknown,
  group: string,
  options: CloudWatchLogSourceOptions,
) {
  const failure = toAwsCallError('FilterLogEvents', error);
  const similarGroups =
    failure.code === 'ResourceNotFoundException' ? await similarGroupNames(sdk, client, group, options) : [];
  return logsFailureToError(failure, { group, region: options.region, similarGroups });
}

/** One DescribeLogGroups page under the group's parent path; nothing when that call fails too. */
async function similarGroupNames(
  sdk: Sdk,
  client: CloudWatchLogsClient,
  group: string,
  options: CloudWatchLogSourceOptions,
): Promise<string[]> {
  try {
    const answer = await client.send(
      new sdk.DescribeLogGroupsCommand({ logGroupNamePrefix: groupListingPrefix(group), limit: 50 }),
      { abortSignal: AbortSignal.timeout(options.idleTimeoutMs) },
    );
    const names = (answer.logGroups ?? []).map((g) => g.logGroupName ?? '').filter(Boolean);
    return nearest(logGroupName(group), names, 3, 12);
  } catch {
    return [];
  }
}

// --- Logs Insights ----------------------------------------------------------------------------------

const TERMINAL_FAILURES = new Set(['Failed', 'Cancelled', 'Timeout', 'Unknown']);

async function insightsSources(
  sdk: Sdk,
  client: CloudWatchLogsClient,
  plan: CloudWatchLogsPlan,
  options: CloudWatchLogSourceOptions,
): Promise<RemoteLogSource[]> {
  const send = async <T>(operation: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      const failure = toAwsCallError(operation, error);
      const group = plan.groups.length === 1 ? plan.groups[0] : undefined;
      if (failure.code === 'ResourceNotFoundException' && group) {
        throw await explain(sdk, client, error, group, options);
      }
      throw logsFailureToError(failure, { group, region: options.region });
    }
  };
  const timeout = () => AbortSignal.timeout(options.idleTimeoutMs);
  const anyArn = plan.groups.some(isLogGroupArn);
  const started = await send('StartQuery', () =>
    client.send(
      new sdk.StartQueryCommand({
        ...(anyArn ? { logGroupIdentifiers: plan.groups } : { logGroupNames: plan.groups }),
        startTime: Math.floor(plan.startMs / 1000),
        endTime: Math.ceil(plan.endMs / 1000),
        queryString: insightsQuery(plan.streamPrefix),
        limit: INSIGHTS_MAX_RESULTS,
      }),
      { abortSignal: timeout() },
    ),
  );
  const queryId = started.queryId;
  if (!queryId) {
    throw logsFailureToError(
      new AwsCallError('StartQuery', 'service', 'NoQueryId', 'the answer had no queryId'),
    );
  }

  const deadline = Date.now() + (options.insightsTimeoutMs ?? DEFAULT_INSIGHTS_TIMEOUT_MS);
  let wait = options.pollIntervalMs ?? 1000;
  const maxWait = options.maxPollIntervalMs ?? 5000;
  for (;;) {
    const answer = await send('GetQueryResults', () =>
      client.send(new sdk.GetQueryResultsCommand({ queryId }), { abortSignal: timeout() }),
    );
    const status = answer.status ?? 'Unknown';
    if (status === 'Complete') return insightsRows(answer.results ?? [], plan, options);
    if (TERMINAL_FAILURES.has(status)) throw insightsEndedError(status);
    if (Date.now() + wait > deadline) {
      // Best effort: a query left running keeps scanning (and costing) until the service's own limit.
      await client
        .send(new sdk.StopQueryCommand({ queryId }), { abortSignal: timeout() })
        .catch(() => undefined);
      throw insightsTimeoutError(
        Math.round((options.insightsTimeoutMs ?? DEFAULT_INSIGHTS_TIMEOUT_MS) / 1000),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    wait = Math.min(maxWait, wait * 2);
  }
}

function insightsRows(
  rows: Array<Array<{ field?: string; value?: string }>>,
  plan: CloudWatchLogsPlan,
  options: CloudWatchLogSourceOptions,
): RemoteLogSource[] {
  const buckets = new LineBuckets({ remaining: options.maxBytes ?? DEFAULT_MAX_BYTES });
  const read = { otherContainers: new Map<string, number>() };
  const fieldsOf = (row: Array<{ field?: string; value?: string }>) =>
    Object.fromEntries(row.map((cell) => [cell.field ?? '', cell.value ?? '']));
  // Newest first, so the cap kept the latest events; each source reads oldest first.
  const ordered = rows.map(fieldsOf).reverse();
  for (const fields of ordered) {
    // `@log` is `<account>:<group name>`.
    const log = fields['@log'] ?? '';
    const group = log.includes(':') ? log.slice(log.indexOf(':') + 1) : logGroupName(plan.groups[0]!);
    addEvent(buckets, read, group, fields['@message'] ?? '', fields['@logStream']);
  }
  if (rows.length >= INSIGHTS_MAX_RESULTS) {
    const oldest = ordered[0]?.['@timestamp'];
    options.note(
      `Logs Insights returned its maximum of ${INSIGHTS_MAX_RESULTS} lines: nothing older than ${oldest ?? 'the oldest shown'} was read. Narrow --since/--start/--end, or run without --insights to page through every event.`,
    );
  }
  if (read.otherContainers.size > 0) {
    const lines = [...read.otherContainers.values()].reduce((a, b) => a + b, 0);
    options.note(
      `Logs Insights: skipped ${lines} matching line(s) of ${read.otherContainers.size} other container(s).`,
    );
  }
  const sources = buckets.sources();
  if (sources.length === 0) options.note('Logs Insights: no Karpenter or NTH lines in the window.');
  return sources;
}
