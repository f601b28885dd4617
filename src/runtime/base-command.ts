import { Command, Errors, Flags } from '@oclif/core';

import { awsFailureToError } from '../core/aws/failures.js';
import { isAwsCallError } from '../core/aws/ports.js';
import {
  BugError,
  ExitCode,
  type ExitCodeValue,
  SpotctlError,
  isSpotctlError,
  usageError,
} from '../core/errors.js';
import { noWorkflowCommands, printable } from '../core/format/printable.js';
import { stripAnsi } from '../core/format/table.js';
import { createAwsContext, type AwsContext, type AwsFlags } from './aws-context.js';
import { currentIo, type CommandIo } from './io.js';
import { tableWidth } from './output-format.js';
import { fitToWidth } from './wrap-text.js';
import { startProgress, type ProgressLine } from './progress.js';
import { terminal, type Terminal } from './terminal.js';

/** The version of every command's JSON output contract (schemas/); bumped on a breaking change. */
export const JSON_SCHEMA_VERSION = 1;

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * The output format asked for, read from argv as oclif reads `--json` (before `--`), so it is known even
 * when parsing fails and the error itself must be written in that format.
 */
export function outputFormatOf(argv: string[]): OutputFormat {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  if (args.includes('--json')) return 'json';
  let format: string | undefined;
  args.forEach((arg, i) => {
    if (arg === '-o' || arg === '--output') format = args[i + 1];
    else if (arg.startsWith('--output=')) format = arg.slice('--output='.length);
    else if (/^-o=?[a-z]/.test(arg)) format = arg.replace(/^-o=?/, '');
  });
  return (OUTPUT_FORMATS as readonly string[]).includes(format ?? '') ? (format as OutputFormat) : 'table';
}

/** What a command prints when it is done: text for humans (unless --json), notes for stderr. */
export interface Printout {
  stdout?: string;
  stderr?: string[];
  /** stdout is spotctl's own GitHub Actions annotations (escaped when built): print it as it is. */
  workflowCommands?: boolean;
}

/**
 * The last line of defence for text from input that a renderer let through: only the colour codes spotctl
 * itself writes survive (no cursor moves, titles, hyperlinks), carriage returns and other controls are
 * shown as escapes, and no line can start a GitHub Actions workflow command.
 */
// eslint-disable-next-line no-control-regex
const FOREIGN_CONTROL = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/g;
export const safeOutput = (text: string): string =>
  noWorkflowCommands(text.replace(FOREIGN_CONTROL, (c) => (c === '\u001b' ? '\\e' : printable(c))));

/**
 * Every spotctl command: `--json` on, errors rendered as one line plus next steps (or as JSON), exit codes
 * from the one table in core/errors. Commands parse flags, build dependencies, call one core entry and
 * print — nothing else. Streams, environment and clock come from `io` (the process's, or a test's).
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    output: Flags.string({
      char: 'o',
      description:
        'Output format: table (default), wide (every column), json (as --json) or yaml (the JSON object as YAML).',
      options: [...OUTPUT_FORMATS],
      helpGroup: 'GLOBAL',
    }),
    quiet: Flags.boolean({
      char: 'q',
      description: 'No progress line while waiting (it is shown only on a terminal anyway).',
      helpGroup: 'GLOBAL',
    }),
  };

  private progress?: ProgressLine;

  private terminalCache?: Terminal;
  private ioCache?: CommandIo;

  protected get io(): CommandIo {
    this.ioCache ??= currentIo();
    return this.ioCache;
  }

  /** -o/--output (or --json): json and yaml print the command's result object instead of text. */
  protected get outputFormat(): OutputFormat {
    return outputFormatOf(this.argv);
  }

  /** How text tables are laid out: colours, -o wide, and the terminal's width (none when piped). */
  protected get tableView(): { style: Terminal['stdoutStyle']; wide: boolean; width: number | undefined } {
    return { style: this.term.stdoutStyle, wide: this.outputFormat === 'wide', width: tableWidth(this.io) };
  }

  override jsonEnabled(): boolean {
    return super.jsonEnabled() || this.outputFormat === 'json' || this.outputFormat === 'yaml';
  }

  /** TTY/colour facts for this run, resolved once. */
  protected get term(): Terminal {
    this.terminalCache ??= terminal(this.io);
    return this.terminalCache;
  }

  /** Progress, warnings and hints: always stderr, so --json output on stdout stays clean. */
  protected note = (message: string): void => {
    const write = () => this.io.stderr.write(`${this.fit(this.io.stderr, safeOutput(message))}\n`);
    if (this.progress) this.progress.around(write);
    else write();
  };

  /** Commands that prompt draw their own waits between prompts (a progress line would overdraw one). */
  static progressLine = true;

  override async init(): Promise<void> {
    await super.init();
    const quiet = this.argv.includes('--quiet') || this.argv.includes('-q');
    const enabled = (this.constructor as typeof BaseCommand).progressLine && !quiet && !this.jsonEnabled();
    this.progress = startProgress(this.io, enabled);
    // Loaded only when asked for: most runs never print YAML, and start-up counts.
    if (this.outputFormat === 'yaml') this.yaml = (await import('yaml')).stringify;
  }

  private yaml?: (value: unknown, options: { lineWidth: number }) => string;

  protected override async finally(error: Error | undefined): Promise<unknown> {
    this.progress?.stop();
    return super.finally(error);
  }

  override log(message = ''): void {
    this.io.stdout.write(`${this.fit(this.io.stdout, safeOutput(message))}\n`);
  }

  /** Text for a terminal is wrapped to its width; for a pipe, or with -o wide, it is left whole. */
  private fit(stream: CommandIo['stdout'], text: string): string {
    if (!stream.isTTY || this.outputFormat === 'wide') return text;
    const width = stream.columns ?? (Number(this.io.env.COLUMNS) || 80);
    return width ? fitToWidth(text, width) : text;
  }

  /** spotctl's own `::error …` lines (built escaped), to stdout — or stderr under --json. */
  protected printWorkflowCommands(lines: string[]): void {
    if (lines.length > 0)
      (this.jsonEnabled() ? this.io.stderr : this.io.stdout).write(`${lines.join('\n')}\n`);
  }

  /** Record the exit code a finished check should end with, without losing its output. */
  protected setExitCode(code: ExitCodeValue): void {
    this.io.setExitCode(code);
  }

  /** The AWS set-up for these flags: Region, credentials, catalog source — resolved once, lazily. */
  protected awsContext(flags: AwsFlags): AwsContext {
    return createAwsContext(flags, { env: this.io.env, now: () => this.io.now(), note: this.note });
  }

  /** Print what the core produced: text only without --json; notes to stderr either way. */
  protected print(printout: Printout): void {
    if (printout.stdout !== undefined && !this.jsonEnabled()) {
      if (printout.workflowCommands) this.io.stdout.write(`${printout.stdout}\n`);
      else this.log(printout.stdout);
    }
    for (const line of printout.stderr ?? []) this.note(line);
  }

  /** Every JSON (and YAML) result says which version of its schema (schemas/<command>.schema.json) it follows. */
  protected override toSuccessJson(result: unknown): unknown {
    return { schemaVersion: JSON_SCHEMA_VERSION, ...(result as object) };
  }

  override logJson(json: unknown): void {
    if (this.yaml) this.io.stdout.write(this.yaml(json, { lineWidth: 0 }));
    else this.io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<never> {
    this.progress?.stop();
    if (error instanceof Errors.ExitError) throw error;
    const failure = toSpotctlError(error);
    if (this.jsonEnabled()) {
      this.logJson({ schemaVersion: JSON_SCHEMA_VERSION, error: failure.toJSON() });
    } else if (failure.exitCode !== ExitCode.interrupted) {
      const style = this.term.stderrStyle;
      // An error is one line: whatever of the input it quotes cannot break it.
      const lines = [`${style.red('Error:')} ${printable(failure.message)}`];
      for (const suggestion of failure.suggestions) lines.push(`${style.dim('→')} ${printable(suggestion)}`);
      if (failure instanceof BugError && this.io.env.DEBUG && error.stack) lines.push(error.stack);
      this.io.stderr.write(`${safeOutput(lines.join('\n'))}\n`);
    }
    this.exit(failure.exitCode);
    throw error; // unreachable: exit() throws
  }
}

/**
 * Map anything thrown into a SpotctlError: ours as they are, a failed AWS call through the one classifier,
 * oclif's parse errors as usage errors, anything else as a bug.
 */
export function toSpotctlError(error: unknown): SpotctlError {
  if (isSpotctlError(error)) return error;
  if (isAwsCallError(error)) return awsFailureToError(error);
  if (error instanceof Error && error.name === 'ExitPromptError') {
    return new SpotctlError('INTERRUPTED', 'interrupted', ExitCode.interrupted);
  }
  const oclif = (error as { oclif?: { exit?: number } } | undefined)?.oclif;
  if (error instanceof Errors.CLIError && oclif?.exit !== undefined) {
    // oclif wraps parse failures as "The following error occurred:\n  Missing required flag …\nSee more help…".
    const message =
      stripAnsi(error.message)
        .split('\n')
        .map((line) => line.trim())
        .filter(
          (line) => line && !/^The following errors? occurred/.test(line) && !/^See more help/.test(line),
        )
        .join('; ') || 'invalid arguments';
    return usageError('USAGE', message, { suggestions: ['See --help for the flags this command takes.'] });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BugError(`unexpected failure: ${message.split('\n')[0]}`, error);
}
