/**
 * CloudWatch Logs as a log source, the pure part: which lines to ask the service for, how to read the
 * records Fluent Bit and Container Insights write, and which source each line belongs to.
 */
import { usageError } from '../errors.js';

/**
 * What explain-logs asks CloudWatch for: events containing any of these (case-sensitive substrings).
 *
 * Why these and not just ERROR/WARN: explain-logs also counts routine activity (launched, deleted and
 * disrupted nodes, NTH drains and evictions) for its summary and timeline, and reads Karpenter's INFO-level
 * interruption and unavailable-offering lines, so those phrases are in too. What stays in the service is
 * the bulk of a controller's log — "found provisionable pod(s)", "computed new nodeclaim(s)", DEBUG
 * discovery lines, NTH's minutely "event store statistics" — which explain-logs never reports on.
 * Severities are listed in every spelling the two tools write: zap console and JSON (`ERROR`, `WARN`,
 * `DPANIC`), zerolog console (`ERR`, `WRN`, `FTL`) and JSON (`"level":"error"`), Go panics, and
 * Kubernetes event rows (`Warning`); as substrings, `ERR` also covers `ERROR` and `WARN` `WARNING`.
 */
export const LOG_TERMS: readonly string[] = [
  // Severities and failure words.
  'ERR',
  'WARN',
  'WRN',
  'FATAL',
  'FTL',
  'PANIC',
  'error',
  'Error',
  'warn',
  'Warning',
  'fatal',
  'panic',
  'failed',
  'Failed',
  'Exception',
  'exceed',
  'Exceeded',
  'would breach',
  // The continuation lines of a multi-line record (each its own event once the runtime split it);
  // `#1:`, `#2:` … of "All attempts fail" are matched by CONTINUATION_NUMBER below.
  'caused by:',
  'status code:',
  'goroutine',
  // Karpenter activity: launches, lifecycle, disruption, interruption, unavailable offerings.
  'launched',
  'Launched',
  'created nodeclaim',
  'created machine',
  'registered nodeclaim',
  'registered machine',
  'initialized nodeclaim',
  'initialized machine',
  'deleted node',
  'Deleted node',
  'tainted node',
  'cordoned',
  'Cordoned',
  'disrupting',
  'deprovisioning',
  'Consolidating',
  'interruption',
  'Interruption',
  'removing offering',
  'avoiding for',
  // Controller start-ups: how often it restarted.
  'Starting',
  'starting',
  'Started',
  'Serving',
  'leader lease',
  'acquired lease',
  // NTH: events received, drains, evictions, lifecycle hooks.
  'Adding new event',
  'Requesting instance drain',
  'Draining',
  'drained',
  'evicting',
  'Unable',
  'dropping event',
  'Rebalance',
  'Lifecycle',
  'State Change',
];

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** `#1: got instance …`: the numbered continuation lines of Karpenter's "All attempts fail" errors. */
const CONTINUATION_NUMBER = '#[0-9]+:';
const REGEX_TERMS: readonly string[] = [...LOG_TERMS.map(escapeRegex), CONTINUATION_NUMBER];

/**
 * The FilterLogEvents pattern: one regex, `%ERR|WARN|…|launched|…%`. A regex rather than `?term` words
 * because it matches substrings: in a Fluent Bit record the line is JSON-escaped, so a zap console
 * line's `\tERROR\t` reaches the service as `\\tERROR\\t`, where the word `ERROR` is not on its own.
 * Spaces are not in the regex alphabet CloudWatch accepts; `.` stands in for them.
 */
export const FILTER_PATTERN: string = `%${REGEX_TERMS.map((term) => term.replace(/ /g, '.')).join('|')}%`;

/** The same terms for Logs Insights, whose `like /…/` matches substrings as well. */
export const INSIGHTS_MATCH: string = `/${REGEX_TERMS.join('|')}/`;

/** Logs Insights answers at most this many rows per query. */
export const INSIGHTS_MAX_RESULTS = 10_000;
/** StartQuery takes at most this many log groups. */
export const INSIGHTS_MAX_GROUPS = 50;

/**
 * The Insights query: the newest matching events first (so the cap keeps the most recent ones), with
 * the stream and group each came from.
 */
export function insightsQuery(streamPrefix?: string): string {
  return [
    'fields @timestamp, @message, @logStream, @log',
    `filter @message like ${INSIGHTS_MATCH}`,
    ...(streamPrefix ? [`filter @logStream like /^${escapeRegex(streamPrefix)}/`] : []),
    'sort @timestamp desc',
    `limit ${INSIGHTS_MAX_RESULTS}`,
  ].join('\n| ');
}

// --- Log group names --------------------------------------------------------------------------------

const GROUP_NAME = /^[A-Za-z0-9_\-/.#]{1,512}$/;
const GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([A-Za-z0-9_\-/.#]{1,512})(?::\*)?$/;

/** A group ARN (`arn:aws:logs:…:log-group:NAME[:*]`) → NAME; a name stays as it is. */
export const logGroupName = (group: string): string => GROUP_ARN.exec(group)?.[1] ?? group;

export const isLogGroupArn = (group: string): boolean => GROUP_ARN.test(group);

/**
 * Validate `--log-group` values (already split from comma lists), dropping repeats.
 * @throws SpotctlError EMPTY_LOG_GROUP or BAD_LOG_GROUP (usage).
 */
export function parseLogGroups(values: string[]): string[] {
  const groups: string[] = [];
  for (const raw of values) {
    const group = raw.trim();
    if (!group) {
      throw usageError('EMPTY_LOG_GROUP', '--log-group is empty', {
        suggestions: ['Pass a log group name, e.g. --log-group /aws/containerinsights/CLUSTER/application.'],
      });
    }
    if (!GROUP_NAME.test(group) && !GROUP_ARN.test(group)) {
      throw usageError('BAD_LOG_GROUP', `--log-group "${group}" is not a log group name or ARN`, {
        suggestions: [
          'Names use letters, digits and _ - / . # (up to 512); list yours with `aws logs describe-log-groups`.',
        ],
      });
    }
    if (!groups.includes(group)) groups.push(group);
  }
  return groups;
}

// --- Records --------------------------------------------------------------------------------------

/** Where a line came from, as far as the record or its log stream says. */
export interface LogOrigin {
  pod?: string;
  namespace?: string;
  container?: string;
  /** The pod's `app.kubernetes.io/name` label. */
  app?: string;
  image?: string;
  host?: string;
  logStream?: string;
}

export interface UnwrappedEvent {
  /** The original log line (a multi-line record keeps its newlines), without a trailing newline. */
  text: string;
  origin: LogOrigin;
}

/** Keys log shippers add around the original line; what is left of a merged record is the line itself. */
const WRAPPER_KEYS = new Set([
  'kubernetes',
  'stream',
  'logtag',
  'docker',
  'az',
  'ec2_instance_id',
  'log_processed',
  'data_type',
  'host',
  'hostname',
]);

/**
 * Container log file names as kubelet writes them and Container Insights / Fluent Bit name streams after:
 * `<pod>_<namespace>_<container>-<64 hex>.log`, possibly behind a tag prefix (`fluentbit-kube.var.log.containers.`).
 */
const CONTAINER_LOG_FILE =
  /^([a-z0-9][a-z0-9.-]*)_([a-z0-9][a-z0-9-]*)_([a-z0-9][a-z0-9-]*)-[0-9a-f]{64}\.log$/;
/** Fluent Bit's tag puts the file name after `kube.var.log.containers.`. */
const TAG_PREFIX = 'containers.';

function containerLogFile(logStream: string): RegExpExecArray | null {
  const at = logStream.lastIndexOf(TAG_PREFIX);
  return CONTAINER_LOG_FILE.exec(at >= 0 ? logStream.slice(at + TAG_PREFIX.length) : logStream);
}

const stripNewline = (text: string): string => text.replace(/\r?\n$/, '');

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function originOf(record: Record<string, unknown> | undefined, logStream?: string): LogOrigin {
  const kubernetes = asRecord(record?.kubernetes);
  const labels = asRecord(kubernetes?.labels);
  const fromFile = logStream ? containerLogFile(logStream) : null;
  const origin: LogOrigin = {
    pod: str(kubernetes?.pod_name) ?? fromFile?.[1],
    namespace: str(kubernetes?.namespace_name) ?? fromFile?.[2],
    container: str(kubernetes?.container_name) ?? fromFile?.[3],
    app: str(labels?.['app.kubernetes.io/name']) ?? str(labels?.app),
    image: str(kubernetes?.container_image),
    host: str(kubernetes?.host),
    logStream,
  };
  return Object.fromEntries(Object.entries(origin).filter(([, v]) => v !== undefined)) as LogOrigin;
}

/**
 * The original log line inside a CloudWatch event. Shapes handled: Fluent Bit / Container Insights
 * records with the line in `log` (a string, or an object when the shipper parsed it), `log_processed`
 * (Container Insights' `Merge_Log_Key`), a parsed line merged into the record beside `kubernetes`, and
 * plain text events, which are the line itself.
 */
export function unwrapLogEvent(message: string, logStream?: string): UnwrappedEvent {
  const record = parseObject(message.trimStart());
  if (!record) return { text: stripNewline(message), origin: originOf(undefined, logStream) };
  const origin = originOf(record, logStream);
  const log = record.log;
  if (typeof log === 'string') return { text: stripNewline(log), origin };
  if (asRecord(log)) return { text: JSON.stringify(log), origin };
  if (asRecord(record.log_processed)) return { text: JSON.stringify(record.log_processed), origin };
  const isWrapped = 'kubernetes' in record || 'logtag' in record || 'docker' in record;
  if (!isWrapped) return { text: stripNewline(message.trim()), origin };
  const rest = Object.fromEntries(Object.entries(record).filter(([key]) => !WRAPPER_KEYS.has(key)));
  const keys = Object.keys(rest);
  // The CRI parser puts the line in `message`; a merged JSON line keeps its own keys beside it.
  if (keys.length === 1 && typeof rest.message === 'string') {
    return { text: stripNewline(rest.message), origin };
  }
  return { text: JSON.stringify(rest), origin };
}

// --- Which tool wrote it -------------------------------------------------------------------------

export type LogComponent = 'karpenter' | 'nth' | 'other' | 'unknown';

const KARPENTER = 'karpenter';
const NTH = 'aws-node-termination-handler';
const NTH_CONSOLE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (?:INF|WRN|ERR|DBG|FTL|TRC|\?\?\?) /;

/**
 * Karpenter's controller, NTH, another workload (the application group holds every pod's logs), or
 * unknown when the record says nothing about its pod: a group of its own, kept whole.
 */
export function componentOf(origin: LogOrigin, text: string): LogComponent {
  if (origin.app === KARPENTER) return 'karpenter';
  if (origin.app === NTH || origin.container === NTH) return 'nth';
  if (origin.image?.includes(NTH)) return 'nth';
  if (origin.image?.includes('/karpenter/controller') || origin.image?.includes('karpenter-controller')) {
    return 'karpenter';
  }
  if (origin.pod?.startsWith(NTH)) return 'nth';
  if (origin.pod?.startsWith(KARPENTER)) return 'karpenter';
  if (origin.pod !== undefined || origin.container !== undefined) return 'other';
  return NTH_CONSOLE.test(text) ? 'nth' : 'unknown';
}

/**
 * One source per pod and container; per log stream when the record names no pod, with NTH's lines apart
 * from the rest when one stream carries both.
 */
export function sourceIdentity(
  group: string,
  origin: LogOrigin,
  component: LogComponent,
): { key: string; name: string } {
  const name = logGroupName(group);
  if (origin.pod) {
    const container = origin.container ? ` (${origin.container})` : '';
    return {
      key: `${name}\u0000${origin.namespace ?? ''}/${origin.pod}/${origin.container ?? ''}`,
      name: `cloudwatch:${name}/${origin.pod}${container}`,
    };
  }
  const stream = origin.logStream ?? 'unknown-stream';
  const tag = component === 'nth' ? ' (nth)' : '';
  return { key: `${name}\u0000stream:${stream}${tag}`, name: `cloudwatch:${name}/${stream}${tag}` };
}
