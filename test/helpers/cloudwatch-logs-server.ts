/**
 * CloudWatch Logs behind the local AWS endpoint (awsJson1.1, `X-Amz-Target: Logs_20140328.<Operation>`):
 * log groups of stored events, and the operations spotctl calls, answered the way the service answers —
 * so the real SDK client is driven end to end.
 *
 * - FilterLogEvents: the group (`logGroupName` or `logGroupIdentifier`), time window, stream prefix and
 *   filter pattern are applied here, as the service applies them; events come back in time order, a page
 *   at a time (`pageSize`), with an opaque `nextToken`. `emptyFirstPage` answers the first call with no
 *   events but a token, as the service does when its first slice of the scan matched nothing.
 * - DescribeLogGroups: names under `logGroupNamePrefix`.
 * - StartQuery / GetQueryResults / StopQuery: a Logs Insights query over the stored events; the subset of
 *   the query language spotctl writes is evaluated (`fields`, `filter … like /re/`, `sort @timestamp`,
 *   `limit`), anything else is a MalformedQueryException. The first `runningPolls` answers are `Running`.
 * - A missing group is `ResourceNotFoundException`, as the service reports it.
 *
 * Filter patterns: a standalone regex `%…%` (substring match, case-sensitive), with only the characters
 * the service accepts in one — anything else is an InvalidParameterException, as there; or the term
 * syntax (`ERROR`, `"exact phrase"`, `?a ?b` for any of them, `-term` to exclude), where a term matches
 * as a whole word, case-sensitively: the strict reading of the service's documentation.
 */
import type { AwsReply, AwsRequest, AwsTestServer } from './aws-server.js';

export interface StoredEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
}

export interface CloudWatchLogsOptions {
  pageSize?: number;
  emptyFirstPage?: boolean;
  /** GetQueryResults answers `Running` this many times before `Complete`. */
  runningPolls?: number;
  accountId?: string;
}

const notFound = (): AwsReply => ({
  error: {
    code: 'ResourceNotFoundException',
    message: 'The specified log group does not exist.',
    status: 400,
  },
});

const groupFrom = (params: Record<string, unknown>): string => {
  const id = String(params.logGroupIdentifier ?? params.logGroupName ?? '');
  const arn = /:log-group:([^:]+)(?::\*)?$/.exec(id);
  return arn ? arn[1]! : id;
};

// --- Filter patterns ----------------------------------------------------------------------------------

interface Term {
  text: string;
  optional: boolean;
  exclude: boolean;
}

function parsePattern(pattern: string): Term[] {
  const terms: Term[] = [];
  const token = /([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const [, mark, quoted, bare] of pattern.matchAll(token)) {
    terms.push({ text: quoted ?? bare!, optional: mark === '?', exclude: mark === '-' });
  }
  return terms;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/** The term occurs with no letter or digit right before or after it. */
export function containsTerm(message: string, term: string): boolean {
  for (let at = message.indexOf(term); at >= 0; at = message.indexOf(term, at + 1)) {
    const before = message[at - 1];
    const after = message[at + term.length];
    const startsWord = !isWordChar(term[0]) || !isWordChar(before);
    const endsWord = !isWordChar(term[term.length - 1]) || !isWordChar(after);
    if (startsWord && endsWord) return true;
  }
  return false;
}

/** Letters, digits, `: _ # = @ / ; , -` and the operators `^ $ ? [ ] { } | \\ * + .` — no spaces, no `( )`. */
const REGEX_ALPHABET = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]*$/;

/** The pattern as the service would compile it; undefined when it would reject it. */
export function compilePattern(pattern: string | undefined): ((message: string) => boolean) | undefined {
  if (!pattern || pattern.trim() === '') return () => true;
  const regex = /^%(.*)%$/s.exec(pattern.trim());
  if (regex) {
    if (!REGEX_ALPHABET.test(regex[1]!)) return undefined;
    const compiled = new RegExp(regex[1]!);
    return (message) => compiled.test(message);
  }
  return (message) => matchesTerms(message, pattern);
}

function matchesTerms(message: string, pattern: string): boolean {
  const terms = parsePattern(pattern);
  const optional = terms.filter((t) => t.optional);
  const required = terms.filter((t) => !t.optional && !t.exclude);
  if (terms.some((t) => t.exclude && containsTerm(message, t.text))) return false;
  if (!required.every((t) => containsTerm(message, t.text))) return false;
  return optional.length === 0 || optional.some((t) => containsTerm(message, t.text));
}

// --- Insights ---------------------------------------------------------------------------------------

interface Query {
  filters: Array<{ field: string; regex: RegExp }>;
  descending: boolean;
  limit: number;
}

/** The query's commands: split at each `|` that is not inside a `/regex/` literal. */
function commands(query: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inRegex = false;
  for (let i = 0; i < query.length; i++) {
    const c = query[i]!;
    if (inRegex && c === '\\') {
      current += c + (query[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '/') inRegex = !inRegex;
    if (c === '|' && !inRegex) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  parts.push(current.trim());
  return parts;
}

function parseQuery(query: string): Query | undefined {
  const parsed: Query = { filters: [], descending: false, limit: 10_000 };
  for (const raw of commands(query)) {
    let m: RegExpExecArray | null;
    if (/^fields\s/.test(raw)) continue;
    if ((m = /^filter\s+(@\w+)\s+like\s+\/(.*)\/$/s.exec(raw))) {
      parsed.filters.push({ field: m[1]!, regex: new RegExp(m[2]!) });
    } else if ((m = /^sort\s+@timestamp\s+(asc|desc)$/.exec(raw))) {
      parsed.descending = m[1] === 'desc';
    } else if ((m = /^limit\s+(\d+)$/.exec(raw))) {
      parsed.limit = Math.min(10_000, Number(m[1]));
    } else {
      return undefined;
    }
  }
  return parsed;
}

/** Insights prints times as `2022-04-12 07:03:14.000`. */
const insightsTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export class CloudWatchLogsWorld {
  readonly groups = new Map<string, StoredEvent[]>();
  /** FilterLogEvents pages answered (successful calls). */
  pagesServed = 0;
  readonly queries: string[] = [];
  private readonly running = new Map<
    string,
    { polls: number; rows: Array<Array<{ field: string; value: string }>> }
  >();

  constructor(
    private readonly server: AwsTestServer,
    private readonly options: CloudWatchLogsOptions = {},
  ) {
    server
      .on('FilterLogEvents', (request) => this.filterLogEvents(request))
      .on('DescribeLogGroups', (request) => this.describeLogGroups(request))
      .on('StartQuery', (request) => this.startQuery(request))
      .on('GetQueryResults', (request) => this.getQueryResults(request))
      .on('StopQuery', () => ({ body: { success: true } }));
  }

  /** Store events in a group's stream (the group is created if new). */
  add(group: string, logStreamName: string, events: Array<{ timestamp: number; message: string }>): this {
    const stored = this.groups.get(group) ?? [];
    stored.push(...events.map((e) => ({ ...e, logStreamName })));
    stored.sort((a, b) => a.timestamp - b.timestamp);
    this.groups.set(group, stored);
    return this;
  }

  /** The events FilterLogEvents would select for these parameters (all pages). */
  selected(params: Record<string, unknown>): StoredEvent[] {
    const events = this.groups.get(groupFrom(params)) ?? [];
    const start = typeof params.startTime === 'number' ? params.startTime : -Infinity;
    const end = typeof params.endTime === 'number' ? params.endTime : Infinity;
    const prefix = typeof params.logStreamNamePrefix === 'string' ? params.logStreamNamePrefix : '';
    const matches = compilePattern(
      typeof params.filterPattern === 'string' ? params.filterPattern : undefined,
    );
    return events.filter(
      (e) =>
        e.timestamp >= start &&
        e.timestamp <= end &&
        e.logStreamName.startsWith(prefix) &&
        matches !== undefined &&
        matches(e.message),
    );
  }

  filterLogEvents(request: AwsRequest): AwsReply {
    const { params } = request;
    if (!this.groups.has(groupFrom(params))) return notFound();
    if (!compilePattern(params.filterPattern as string | undefined)) {
      return { error: { code: 'InvalidParameterException', message: 'Invalid filter pattern', status: 400 } };
    }
    const token = typeof params.nextToken === 'string' ? params.nextToken : undefined;
    if (this.options.emptyFirstPage && token === undefined) {
      this.pagesServed += 1;
      return { body: { events: [], searchedLogStreams: [], nextToken: Buffer.from('0').toString('base64') } };
    }
    const all = this.selected(params);
    const offset = token ? Number(Buffer.from(token, 'base64').toString()) : 0;
    const size = Math.min(Number(params.limit) || 10_000, this.options.pageSize ?? 10_000);
    const page = all.slice(offset, offset + size);
    const next =
      offset + size < all.length ? Buffer.from(String(offset + size)).toString('base64') : undefined;
    this.pagesServed += 1;
    return {
      body: {
        events: page.map((e, i) => ({
          logStreamName: e.logStreamName,
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.timestamp + 1500,
          eventId: `${e.timestamp}-${offset + i}`,
        })),
        searchedLogStreams: [],
        ...(next ? { nextToken: next } : {}),
      },
    };
  }

  private describeLogGroups(request: AwsRequest): AwsReply {
    const prefix = String(request.params.logGroupNamePrefix ?? '');
    const names = [...this.groups.keys()].filter((name) => name.startsWith(prefix)).sort();
    return {
      body: {
        logGroups: names.map((logGroupName) => ({
          logGroupName,
          arn: `arn:aws:logs:us-east-1:${this.account}:log-group:${logGroupName}:*`,
          storedBytes: 0,
        })),
      },
    };
  }

  private get account(): string {
    return this.options.accountId ?? '123456789012';
  }

  private startQuery(request: AwsRequest): AwsReply {
    const { params } = request;
    const ids = (params.logGroupIdentifiers ?? params.logGroupNames) as string[] | undefined;
    const groups = (ids ?? []).map((id) => groupFrom({ logGroupIdentifier: id }));
    if (groups.length === 0 || groups.some((g) => !this.groups.has(g))) return notFound();
    const queryString = String(params.queryString ?? '');
    this.queries.push(queryString);
    const query = parseQuery(queryString);
    if (!query) {
      return { error: { code: 'MalformedQueryException', message: 'unexpected symbol', status: 400 } };
    }
    const startMs = Number(params.startTime) * 1000;
    const endMs = Number(params.endTime) * 1000;
    const rows = groups
      .flatMap((group) => (this.groups.get(group) ?? []).map((event) => ({ group, event })))
      .filter(({ event }) => event.timestamp >= startMs && event.timestamp <= endMs)
      .filter(({ event }) =>
        query.filters.every(({ field, regex }) =>
          regex.test(field === '@logStream' ? event.logStreamName : event.message),
        ),
      )
      .sort((a, b) => (query.descending ? -1 : 1) * (a.event.timestamp - b.event.timestamp))
      .slice(0, Math.min(query.limit, Number(params.limit) || 10_000))
      .map(({ group, event }) => [
        { field: '@timestamp', value: insightsTime(event.timestamp) },
        { field: '@message', value: event.message },
        { field: '@logStream', value: event.logStreamName },
        { field: '@log', value: `${this.account}:${group}` },
        { field: '@ptr', value: Buffer.from(`${group}/${event.timestamp}`).toString('base64') },
      ]);
    const queryId = `q-${this.running.size + 1}`;
    this.running.set(queryId, { polls: 0, rows });
    return { body: { queryId } };
  }

  private getQueryResults(request: AwsRequest): AwsReply {
    const query = this.running.get(String(request.params.queryId));
    if (!query) {
      return { error: { code: 'ResourceNotFoundException', message: 'Query does not exist.', status: 400 } };
    }
    query.polls += 1;
    if (query.polls <= (this.options.runningPolls ?? 0)) {
      return {
        body: {
          status: 'Running',
          results: [],
          statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
        },
      };
    }
    return {
      body: {
        status: 'Complete',
        results: query.rows,
        statistics: {
          recordsMatched: query.rows.length,
          recordsScanned: query.rows.length,
          bytesScanned: 1024,
        },
      },
    };
  }
}
