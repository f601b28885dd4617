import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';

import { Args, Flags } from '@oclif/core';

import { ExitCode, inputError, usageError } from '../core/errors.js';
import { explainLogs, type ExplainResult, type LogSource } from '../core/logs/analyzer.js';
import { enrichWithAlternatives, wantsAlternatives } from '../core/logs/enrich.js';
import { renderExplanation } from '../core/logs/render.js';
import { parseVersion } from '../core/logs/versions.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags } from '../runtime/flags.js';

/** Small enough that a string kept from a line pins little; large enough for few reads. */
const CHUNK_BYTES = 256 * 1024;
/** Threads for one large file: past four, reading and merging gain little and memory grows. */
const MAX_THREADS = 4;

/** Opened when first read: a large file read in parallel ranges never opens this stream. */
async function* readFile(file: string): AsyncGenerator<Uint8Array> {
  yield* createReadStream(file, { highWaterMark: CHUNK_BYTES });
}

export default class ExplainLogs extends BaseCommand {
  static override summary =
    'Explain Karpenter and NTH logs: every known problem, why it happens, and what to change.';
  static override description = `Reads Karpenter controller logs (console format up to v0.31, JSON from v0.32 and v1, pretty-printed JSON too) and aws-node-termination-handler logs (zerolog console and JSON), from files or stdin, plain or gzip. Log-pipeline wrappers are removed on the way: CRI and \`kubectl logs --prefix\` prefixes, Fluent Bit / CloudWatch \`{"log": …}\` records, log-viewer timestamps, ANSI colours, CRLF. Mixed formats in one stream are fine; lines that are not log records are skipped.

For every problem it knows — EC2 Fleet errors (InsufficientInstanceCapacity, MaxSpotInstanceCountExceeded, VcpuLimitExceeded, …), IAM and quota errors, scheduling failures, webhook/TLS errors, interruptions, disruption decisions, NTH drains — it prints how often and when it happened, what it affected, one real line, what Karpenter does about it in your version, and numbered actions with the exact commands (Service Quotas code, \`aws service-quotas request-service-quota-increase …\`, \`spotctl suggest …\`). Then a timeline, the offerings Karpenter's unavailable-offerings cache held and until when, and the error lines it could not explain.

With --region (or --snapshot/--offline/--live), failed instance types are matched against the catalog to name concrete alternatives and the zones offering them. Without those flags nothing talks to AWS.`;

  static override examples = [
    'kubectl logs -n karpenter deploy/karpenter --since 6h | <%= config.bin %> explain-logs',
    '<%= config.bin %> explain-logs karpenter.log nth.log.gz',
    '<%= config.bin %> explain-logs karpenter.log --region us-east-1 --offline',
    '<%= config.bin %> explain-logs karpenter.log --fail-on error --json > diagnosis.json',
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
      description: 'Exit 1 when problems of this severity or worse are found (for CI).',
      options: ['error', 'warning'],
    }),
    'karpenter-version': Flags.string({
      description:
        'Karpenter version that wrote the log, e.g. v0.37.0; otherwise inferred from its messages. Decides version-specific advice and the unavailable-offerings TTL (45 s up to v0.9.0, 3 min since v0.9.1).',
    }),
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<ExplainResult> {
    const { argv, flags } = await this.parse(ExplainLogs);
    const files = (argv as string[]).length > 0 ? (argv as string[]) : ['-'];
    if (flags['karpenter-version'] && !parseVersion(flags['karpenter-version'])) {
      throw usageError(
        'BAD_VERSION',
        `--karpenter-version "${flags['karpenter-version']}" is not a version`,
        {
          suggestions: ['Pass it as v0.37.0 or 1.6.2.'],
        },
      );
    }
    if (files.filter((file) => file === '-').length > 1) {
      throw usageError('STDIN_TWICE', '`-` (stdin) can be given only once', {
        suggestions: ['Pass stdin once, and the other logs as files.'],
      });
    }
    if (files.includes('-') && this.io.stdin.isTTY) {
      throw usageError('NO_INPUT', 'no log input: stdin is a terminal', {
        suggestions: [
          'Pipe a log in: `kubectl logs -n karpenter deploy/karpenter | spotctl explain-logs`, or pass files.',
        ],
      });
    }
    // Check every file before reading any, so a typo fails fast instead of after a large file.
    const sizes = new Map<string, number | undefined>();
    for (const file of files) if (file !== '-') sizes.set(file, await assertReadableFile(file));

    const sources: LogSource[] = files.map((file) => {
      if (file === '-') return { name: 'stdin', chunks: this.io.stdin as AsyncIterable<Uint8Array> };
      const size = sizes.get(file);
      return {
        name: file,
        chunks: readFile(file),
        file: size === undefined ? undefined : { path: file, size },
      };
    });
    let result = await explainLogs(sources, {
      karpenterVersion: flags['karpenter-version'],
      region: flags.region,
      parallelism: Math.min(availableParallelism(), MAX_THREADS),
    });

    const enrichmentAsked = Boolean(flags.region || flags.snapshot || flags.offline || flags.live);
    if (enrichmentAsked && wantsAlternatives(result)) {
      const region = flags.region ?? result.summary.region ?? undefined;
      if (region) {
        const catalog = await this.awsContext(flags).catalog(region);
        result = await enrichWithAlternatives(result, catalog, { region, now: this.io.now() });
      } else {
        this.note('No Region in the log or flags: pass --region to get instance-type alternatives.');
      }
    }

    if (!this.jsonEnabled()) this.io.stdout.write(renderExplanation(result, this.term.stdoutStyle));

    const failOn = flags['fail-on'];
    const { counts } = result.summary;
    if (
      (failOn === 'error' && counts.error > 0) ||
      (failOn === 'warning' && counts.error + counts.warning > 0)
    ) {
      this.setExitCode(ExitCode.findings);
    }
    return result;
  }
}

/** The file's size when it is a regular file (not a FIFO or device: those cannot be read in ranges). */
async function assertReadableFile(file: string): Promise<number | undefined> {
  let directory: boolean;
  let size: number | undefined;
  try {
    const stats = await stat(file);
    directory = stats.isDirectory();
    size = stats.isFile() ? stats.size : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw inputError(
      'LOG_NOT_READABLE',
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code}`,
      {
        suggestions: ['Check the path, or pipe the log in on stdin.'],
      },
    );
  }
  if (directory) {
    throw inputError('LOG_IS_DIRECTORY', `${file} is a directory, not a log file`, {
      suggestions: [
        `Pass the files inside it, e.g. \`spotctl explain-logs ${file.replace(/\/$/, '')}/*.log\`.`,
      ],
    });
  }
  return size;
}
