/**
 * The remote log sources a command's flags ask for — CloudWatch Logs groups, the cluster — checked and
 * turned into a plan before anything is called. Pure: the clock, environment and home directory are
 * passed in.
 */
import { usageError } from '../errors.js';
import { INSIGHTS_MAX_GROUPS, parseLogGroups } from './cloudwatch.js';
import { kubeconfigLocation, type KubeconfigLocation } from './kube.js';
import { resolveTimeRange, type TimeRange } from './time-range.js';

/** The flag values, as oclif parses them (see runtime/log-source-flags.ts). */
export interface LogSourceFlagValues {
  'log-group'?: string[];
  'log-stream-prefix'?: string;
  insights?: boolean;
  since?: string;
  start?: string;
  end?: string;
  kube?: boolean;
  context?: string;
  kubeconfig?: string;
  namespace?: string;
}

export interface CloudWatchLogsPlan {
  /** Names or ARNs, in the order given, without repeats. */
  groups: string[];
  streamPrefix?: string;
  startMs: number;
  endMs: number;
  insights: boolean;
}

export interface KubeLogsPlan {
  kubeconfig: KubeconfigLocation;
  context?: string;
  namespace?: string;
  /** `--since`, as the log API's `sinceSeconds`. */
  sinceSeconds?: number;
  /** `--start`, as the log API's `sinceTime` (RFC 3339). */
  sinceTime?: string;
  /** Idle deadline for every API call and log stream. */
  timeoutMs: number;
}

export interface LogSourcePlan {
  cloudwatch?: CloudWatchLogsPlan;
  kube?: KubeLogsPlan;
  /** What the user should know about the plan (e.g. the default window), for stderr. */
  notes: string[];
}

export interface PlanContext {
  now: Date;
  env: Record<string, string | undefined>;
  homeDir: string;
  /** Separator of KUBECONFIG's list (`:`; `;` on Windows). */
  pathDelimiter?: string;
}

/** CloudWatch is read over the last day unless told otherwise: a whole retention period is rarely wanted. */
export const DEFAULT_CLOUDWATCH_WINDOW_SECONDS = 24 * 3600;
const DEFAULT_KUBE_TIMEOUT_MS = 30_000;

/** RFC 3339 to the second, as the API server documents `sinceTime`. */
const rfc3339Seconds = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const onlyWith = (flag: string, needs: string, example: string) =>
  usageError('FLAG_NEEDS_SOURCE', `--${flag} applies only with ${needs}`, {
    suggestions: [`Add ${needs}, e.g. \`${example}\`, or drop --${flag}.`],
  });

/** `SPOTCTL_KUBE_TIMEOUT_MS` (slow links, and tests that need a silent server to fail fast), else 30 s. */
export function kubeTimeoutMs(env: Record<string, string | undefined>): number {
  const value = Number(env.SPOTCTL_KUBE_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_KUBE_TIMEOUT_MS;
}

/**
 * The plan for `--log-group …` and/or `--kube`; undefined when neither is asked for (files and stdin
 * only).
 * @throws SpotctlError (usage, exit 2) for a flag without its source, a bad log group, namespace,
 *   duration or time, or a window the source cannot read.
 */
export function planLogSources(flags: LogSourceFlagValues, context: PlanContext): LogSourcePlan | undefined {
  const groupValues = (flags['log-group'] ?? []).flatMap((value) => value.split(','));
  const wantsCloudWatch = groupValues.length > 0;
  const wantsKube = flags.kube === true;

  if (!wantsCloudWatch) {
    if (flags.insights) {
      throw onlyWith(
        'insights',
        '--log-group',
        'spotctl explain-logs --log-group /aws/containerinsights/prod/application --insights',
      );
    }
    if (flags['log-stream-prefix'] !== undefined) {
      throw onlyWith(
        'log-stream-prefix',
        '--log-group',
        'spotctl explain-logs --log-group GROUP --log-stream-prefix karpenter-',
      );
    }
  }
  if (!wantsKube) {
    for (const flag of ['context', 'kubeconfig', 'namespace'] as const) {
      if (flags[flag] !== undefined)
        throw onlyWith(flag, '--kube', `spotctl explain-logs --kube --${flag} …`);
    }
  }
  if (!wantsCloudWatch && !wantsKube) {
    for (const flag of ['since', 'start', 'end'] as const) {
      if (flags[flag] !== undefined) {
        throw usageError(
          'FLAG_NEEDS_SOURCE',
          `--${flag} applies only to --log-group or --kube (files are read whole)`,
          {
            suggestions: [`Add --log-group GROUP or --kube, or drop --${flag}.`],
          },
        );
      }
    }
    return undefined;
  }

  const window = { since: flags.since, start: flags.start, end: flags.end };
  const range: TimeRange = resolveTimeRange(window, context.now, DEFAULT_CLOUDWATCH_WINDOW_SECONDS);
  const notes: string[] = [];
  const plan: LogSourcePlan = { notes };

  if (wantsCloudWatch) {
    const groups = parseLogGroups(groupValues);
    const prefix = flags['log-stream-prefix'];
    if (prefix !== undefined && prefix.trim() === '') {
      throw usageError('EMPTY_STREAM_PREFIX', '--log-stream-prefix is empty', {
        suggestions: ['Pass the start of the stream names, e.g. --log-stream-prefix karpenter-, or drop it.'],
      });
    }
    if (flags.insights && groups.length > INSIGHTS_MAX_GROUPS) {
      throw usageError(
        'TOO_MANY_LOG_GROUPS',
        `--insights queries at most ${INSIGHTS_MAX_GROUPS} log groups at once (${groups.length} given)`,
        { suggestions: ['Split the groups over several runs, or drop --insights.'] },
      );
    }
    plan.cloudwatch = {
      groups,
      ...(prefix !== undefined ? { streamPrefix: prefix.trim() } : {}),
      startMs: range.startMs,
      endMs: range.endMs,
      insights: flags.insights === true,
    };
    if (range.defaulted) {
      notes.push(
        'Reading CloudWatch Logs from the last 24 hours; pass --since or --start/--end for another window.',
      );
    }
  }

  if (wantsKube) {
    if (range.explicitEnd) {
      throw usageError(
        'KUBE_NO_END',
        '--end does not apply to --kube: the Kubernetes log API reads up to now',
        {
          suggestions: ['Use --since or --start alone with --kube.'],
        },
      );
    }
    const namespace = flags.namespace?.trim();
    if (namespace !== undefined && !DNS_LABEL.test(namespace)) {
      throw usageError('BAD_NAMESPACE', `--namespace "${flags.namespace}" is not a namespace name`, {
        suggestions: ['Namespaces are lower-case letters, digits and -, e.g. --namespace karpenter.'],
      });
    }
    const contextName = flags.context?.trim();
    if (flags.context !== undefined && !contextName) {
      throw usageError('EMPTY_CONTEXT', '--context is empty', {
        suggestions: ['Pass a context name (`kubectl config get-contexts` lists them), or drop --context.'],
      });
    }
    plan.kube = {
      kubeconfig: kubeconfigLocation(flags.kubeconfig, context.env, context.homeDir, context.pathDelimiter),
      ...(contextName ? { context: contextName } : {}),
      ...(namespace ? { namespace } : {}),
      ...(range.sinceSeconds !== undefined ? { sinceSeconds: range.sinceSeconds } : {}),
      ...(range.explicitStart ? { sinceTime: rfc3339Seconds(range.startMs) } : {}),
      timeoutMs: kubeTimeoutMs(context.env),
    };
  }
  return plan;
}
