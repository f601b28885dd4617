import { Args, Flags } from '@oclif/core';

import { logFileInputs } from '../adapters/fs/log-files.js';
import { offeredThreads } from '../adapters/fs/range-plan.js';
import type { ExplainResult } from '../core/explain-logs/result.js';
import { runExplainLogs } from '../core/explain-logs/run.js';
import { outputWidth, renderExplanation } from '../core/explain-logs/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags } from '../runtime/flags.js';
import { logSourceFlags } from '../runtime/log-source-flags.js';
import { remoteLogSources } from '../runtime/log-sources.js';

export default class ExplainLogs extends BaseCommand {
  static override summary =
    'Explain Karpenter and NTH logs: every known problem, why it happens, and what to change.';
  static override description = `Reads Karpenter controller logs (console format up to v0.31, JSON from v0.32 and v1, pretty-printed JSON too) and aws-node-termination-handler logs (zerolog console and JSON), from files or stdin (plain or gzip), from CloudWatch Logs (--log-group: Fluent Bit and Container Insights records unwrapped, filtering done by CloudWatch, --insights for one Logs Insights query) or from the cluster (--kube: every Karpenter controller and NTH pod, the previous container too where one restarted). Log-pipeline wrappers are removed on the way: CRI and \`kubectl logs --prefix\` prefixes, Fluent Bit / CloudWatch \`{"log": …}\` records, log-viewer timestamps, ANSI colours, CRLF. Mixed formats in one stream are fine; lines that are not log records are skipped.

For every problem it knows — EC2 Fleet errors (InsufficientInstanceCapacity, MaxSpotInstanceCountExceeded, VcpuLimitExceeded, …), IAM and quota errors, scheduling failures, webhook/TLS errors, interruptions, disruption decisions, NTH drains — it prints how often and when it happened, what it affected, one real line, what Karpenter does about it in your version, and numbered actions with the exact commands (Service Quotas code, \`aws service-quotas request-service-quota-increase …\`, \`spotctl suggest …\`). Then a timeline, the offerings Karpenter's unavailable-offerings cache held and until when, and the error lines it could not explain.

With --region (or --snapshot/--offline/--live), failed instance types are matched against the catalog to name concrete alternatives and the zones offering them. Without those flags nothing talks to AWS.

Exit codes: 0 read and explained; 1 with --fail-on, problems of that severity or worse were found; 2 usage error; 3 input error — a file that cannot be read, corrupt gzip, or (with --fail-on) input holding no log line at all, so that \`kubectl logs … | spotctl explain-logs --fail-on error\` fails when kubectl does. Quoted log lines are shortened to the terminal width (or \`COLUMNS\`); piped output keeps them whole.`;

  static override examples = [
    'kubectl logs -n karpenter deploy/karpenter --since 6h | <%= config.bin %> explain-logs',
    '<%= config.bin %> explain-logs karpenter.log nth.log.gz',
    '<%= config.bin %> explain-logs karpenter.log --region us-east-1 --offline',
    '<%= config.bin %> explain-logs karpenter.log --fail-on error --json > diagnosis.json',
    '<%= config.bin %> explain-logs --log-group /aws/containerinsights/prod/application --log-stream-prefix karpenter- --since 6h',
    '<%= config.bin %> explain-logs --kube --since 6h --fail-on error',
  ];

  static override strict = false;

  static override args = {
    file: Args.string({
      description: 'Log files (plain or gzip, any number); `-` or none reads stdin.',
      required: false,
      // oclif would otherwise read all of stdin into memory as this argument's value; we stream it.
      ignoreStdin: true,
    }),
  };

  static override flags = {
    'fail-on': Flags.string({
      description:
        'Exit 1 when problems of this severity or worse are found (for CI). With it, input without a single log line (a failed `kubectl logs` upstream) is an input error, exit 3.',
      options: ['error', 'warning'],
    }),
    'karpenter-version': Flags.string({
      description:
        'Karpenter version that wrote the log, e.g. v0.37.0. Otherwise read from the log: the build commit on its lines, a version it states, or the releases that print its messages; the summary says which. The flag wins, and a log that disagrees is reported. Decides every version-specific statement (the unavailable-offerings TTL: 45 s up to v0.9.0, 3 min since v0.9.1).',
    }),
    ...logSourceFlags,
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<ExplainResult> {
    const { argv, flags } = await this.parse(ExplainLogs);
    const aws = this.awsContext(flags);
    const remote = remoteLogSources(flags, { io: this.io, note: this.note, aws });
    const { result, exitCode } = await runExplainLogs(
      {
        inputs: argv as string[],
        karpenterVersion: flags['karpenter-version'],
        region: flags.region,
        failOn: flags['fail-on'] as 'error' | 'warning' | undefined,
        // With --log-group, --region says where CloudWatch is: no reason by itself to call the EC2 catalog.
        catalogWanted: Boolean(
          (flags.region && !remote?.plan.cloudwatch) || flags.snapshot || flags.offline || flags.live,
        ),
      },
      {
        logs: logFileInputs(this.io.stdin, { parallelism: offeredThreads() }),
        ...(remote ? { remote: remote.open } : {}),
        catalogs: aws,
        note: this.note,
        now: this.io.now(),
      },
    );
    this.setExitCode(exitCode);
    const width = outputWidth(this.io.stdout.isTTY ? this.io.stdout.columns : undefined, this.io.env.COLUMNS);
    this.print({ stdout: renderExplanation(result, this.term.stdoutStyle, { width }).trimEnd() });
    return result;
  }
}
