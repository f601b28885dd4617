/**
 * Remote log sources for a command: the plan from its flags, and the sources themselves, with each
 * adapter imported only when its source is asked for (the AWS SDK for --log-group, the Kubernetes client
 * for --kube) so that `--help` and file-only runs load neither.
 */
import { homedir } from 'node:os';
import { delimiter } from 'node:path';

import { BugError } from '../core/errors.js';
import type { LogSource } from '../core/explain-logs/analyse.js';
import { planLogSources, type LogSourceFlagValues, type LogSourcePlan } from '../core/log-sources/options.js';
import type { AwsContext } from './aws-context.js';

/** The plan for this run's flags; undefined when only files or stdin are to be read. */
export function logSourcePlan(
  flags: LogSourceFlagValues,
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
): LogSourcePlan | undefined {
  return planLogSources(flags, { now, env, homeDir: homedir(), pathDelimiter: delimiter });
}

export interface OpenLogSourcesOptions {
  /** Where notes for the user go (the command's stderr). */
  note: (message: string) => void;
  /** The run's AWS context (Region, profile, endpoint): needed for --log-group. */
  aws?: Pick<AwsContext, 'region' | 'options'>;
  env?: NodeJS.ProcessEnv;
}

/** Every source the plan names: CloudWatch Logs groups first, then the cluster's pods. */
export async function* openLogSources(
  plan: LogSourcePlan,
  options: OpenLogSourcesOptions,
): AsyncGenerator<LogSource> {
  const env = options.env ?? process.env;
  for (const note of plan.notes) options.note(note);
  if (plan.cloudwatch) {
    if (!options.aws) throw new BugError('--log-group needs the run’s AWS context');
    const region = await options.aws.region();
    const { awsTimeoutMs, cloudWatchLogsClient } = await import('../adapters/aws/clients.js');
    const { cloudWatchLogSources } = await import('../adapters/aws/cloudwatch-logs.js');
    const client = await cloudWatchLogsClient(options.aws.options(region));
    try {
      yield* cloudWatchLogSources(client, plan.cloudwatch, {
        note: options.note,
        region,
        idleTimeoutMs: awsTimeoutMs(env),
      });
    } finally {
      client.destroy();
    }
  }
  if (plan.kube) {
    const { kubeLogSources } = await import('../adapters/kube/pod-logs.js');
    yield* kubeLogSources(plan.kube, { note: options.note, env });
  }
}

/** Files (or stdin) first, then the remote sources: one stream of sources for the analyser. */
export async function* withRemoteSources(
  local: Iterable<LogSource>,
  plan: LogSourcePlan | undefined,
  options: OpenLogSourcesOptions,
): AsyncGenerator<LogSource> {
  yield* local;
  if (plan) yield* openLogSources(plan, options);
}

/**
 * The remote sources these flags ask for, as the explain-logs core reads them; undefined when only files
 * or stdin are to be read. Flag values are checked here, before any call.
 */
export function remoteLogSources(
  flags: LogSourceFlagValues,
  context: {
    io: { env: NodeJS.ProcessEnv; now(): Date };
    note: (message: string) => void;
    aws: OpenLogSourcesOptions['aws'];
  },
): { plan: LogSourcePlan; open: () => AsyncIterable<LogSource> } | undefined {
  const plan = logSourcePlan(flags, context.io.env, context.io.now());
  if (!plan) return undefined;
  return {
    plan,
    open: () => openLogSources(plan, { note: context.note, aws: context.aws, env: context.io.env }),
  };
}
