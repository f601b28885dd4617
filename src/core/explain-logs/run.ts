/**
 * `spotctl explain-logs`: check the inputs (all of them, before reading any), read every source into one
 * diagnosis, report it, name alternatives from the catalog when asked, and decide the exit code.
 */
import type { CatalogAccess } from '../catalog/access.js';
import { ExitCode, inputError, usageError, type ExitCodeValue } from '../errors.js';
import { parseVersion } from '../logs/versions.js';
import { analyseSource, type LogSource } from './analyse.js';
import { Diagnosis } from './diagnosis.js';
import { enrichWithAlternatives, wantsAlternatives } from './enrich.js';
import { buildReport } from './report.js';
import type { ExplainResult } from './result.js';

export interface ExplainLogsOptions {
  /** Files; `-` is stdin; none reads stdin. */
  inputs: string[];
  karpenterVersion?: string;
  region?: string;
  failOn?: 'error' | 'warning';
  /** A catalog was asked for (--region, --snapshot, --offline, --live): name alternatives from it. */
  catalogWanted: boolean;
}

/** What is at a path, as far as reading a log goes. */
export type LogPathCheck = { kind: 'file' } | { kind: 'directory' } | { kind: 'unreadable'; reason: string };

/** Where logs come from: files and stdin (the file-system adapter), or any other source of streams. */
export interface LogInputPort {
  readonly stdinIsTerminal: boolean;
  /** Whether `path` can be read as a log, without reading it. */
  check(path: string): Promise<LogPathCheck>;
  /** The source for `path`, or for stdin when `path` is `-`; called only after every path was checked. */
  open(path: string): Promise<LogSource>;
}

export interface ExplainLogsDeps {
  logs: LogInputPort;
  /** Sources beyond files and stdin (CloudWatch Logs, the cluster's pods), read after them. */
  remote?: () => AsyncIterable<LogSource>;
  catalogs: CatalogAccess;
  note: (message: string) => void;
  now: Date;
}

export interface ExplainLogsRun {
  result: ExplainResult;
  exitCode: ExitCodeValue;
}

/** The inputs to read, in order; usage errors for what cannot work. Remote sources alone read no stdin. */
function inputsOf(options: ExplainLogsOptions, remote: boolean): string[] {
  if (options.karpenterVersion !== undefined && !parseVersion(options.karpenterVersion)) {
    throw usageError('BAD_VERSION', `--karpenter-version "${options.karpenterVersion}" is not a version`, {
      suggestions: ['Pass it as v0.37.0 or 1.6.2.'],
    });
  }
  const inputs = options.inputs.length > 0 || remote ? options.inputs : ['-'];
  if (inputs.filter((input) => input === '-').length > 1) {
    throw usageError('STDIN_TWICE', '`-` (stdin) can be given only once', {
      suggestions: ['Pass stdin once, and the other logs as files.'],
    });
  }
  return inputs;
}

/** Check every input before reading any, so a typo fails fast instead of after a large file. */
async function checkInputs(inputs: string[], logs: LogInputPort): Promise<void> {
  if (inputs.includes('-') && logs.stdinIsTerminal) {
    throw usageError('NO_INPUT', 'no log input: stdin is a terminal', {
      suggestions: [
        'Pipe a log in: `kubectl logs -n karpenter deploy/karpenter | spotctl explain-logs`, or pass files.',
      ],
    });
  }
  for (const path of inputs) {
    if (path === '-') continue;
    const check = await logs.check(path);
    if (check.kind === 'unreadable') {
      throw inputError('LOG_NOT_READABLE', `cannot read ${path}: ${check.reason}`, {
        suggestions: ['Check the path and its permissions, or pipe the log in on stdin.'],
      });
    }
    if (check.kind === 'directory') {
      throw inputError('LOG_IS_DIRECTORY', `${path} is a directory, not a log file`, {
        suggestions: [
          `Pass the files inside it, e.g. \`spotctl explain-logs ${path.replace(/\/$/, '')}/*.log\`.`,
        ],
      });
    }
  }
}

/** A CI gate must not pass on nothing: an upstream `kubectl logs` that failed gives empty input. */
function emptyInput(diagnosis: Diagnosis) {
  const sources = diagnosis.stats.stats.sources;
  const names = sources.map(
    (s) => `${s.name} (${s.bytes === 0 ? 'empty' : `${s.lines} lines, none a log record`})`,
  );
  return inputError('EMPTY_INPUT', `no log lines to check: ${names.join(', ')}`, {
    suggestions: [
      'Check the command that produced the log (e.g. `kubectl logs -n karpenter deploy/karpenter` on its own); with --fail-on, empty input fails instead of passing.',
    ],
  });
}

const failsOn = (failOn: ExplainLogsOptions['failOn'], counts: ExplainResult['summary']['counts']) =>
  (failOn === 'error' && counts.error > 0) || (failOn === 'warning' && counts.error + counts.warning > 0);

/** Explain the logs `options.inputs` name. */
export async function runExplainLogs(
  options: ExplainLogsOptions,
  deps: ExplainLogsDeps,
): Promise<ExplainLogsRun> {
  const inputs = inputsOf(options, deps.remote !== undefined);
  await checkInputs(inputs, deps.logs);
  const diagnosis = new Diagnosis();
  for (const input of inputs) await analyseSource(await deps.logs.open(input), diagnosis);
  if (deps.remote) for await (const source of deps.remote()) await analyseSource(source, diagnosis);
  if (options.failOn && diagnosis.stats.stats.records === 0) throw emptyInput(diagnosis);
  let result = buildReport(diagnosis, { karpenterVersion: options.karpenterVersion, region: options.region });

  if (options.catalogWanted && wantsAlternatives(result)) {
    const region = options.region ?? result.summary.region ?? undefined;
    if (region) {
      const catalog = await deps.catalogs.catalog(region);
      result = await enrichWithAlternatives(result, catalog, { region, now: deps.now });
    } else {
      deps.note('No Region in the log or flags: pass --region to get instance-type alternatives.');
    }
  }
  const exitCode = failsOn(options.failOn, result.summary.counts) ? ExitCode.findings : ExitCode.ok;
  return { result, exitCode };
}
