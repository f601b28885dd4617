import { Command, Errors } from '@oclif/core';

import {
  BugError,
  ExitCode,
  type ExitCodeValue,
  SpotctlError,
  isSpotctlError,
  usageError,
} from '../core/errors.js';
import { stripAnsi } from '../core/format/table.js';
import { terminal, type Terminal } from './terminal.js';

/**
 * Every spotctl command: `--json` on, errors rendered as one line plus next steps (or as JSON), exit codes
 * from the one table in core/errors. Commands parse flags, call the core, print — nothing else.
 */
export abstract class BaseCommand extends Command {
  static override enableJsonFlag = true;

  private terminalCache?: Terminal;

  /** TTY/colour facts for this process, resolved once. */
  protected get term(): Terminal {
    this.terminalCache ??= terminal(process);
    return this.terminalCache;
  }

  /** Progress, warnings and hints: always stderr, so --json output on stdout stays clean. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`);
  }

  /** Record the exit code a finished check should end with, without losing its output. */
  protected setExitCode(code: ExitCodeValue): void {
    process.exitCode = code;
  }

  override logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<never> {
    if (error instanceof Errors.ExitError) throw error;
    const failure = toSpotctlError(error);
    if (this.jsonEnabled()) {
      this.logJson({ error: failure.toJSON() });
    } else if (failure.exitCode !== ExitCode.interrupted) {
      const style = this.term.stderrStyle;
      const lines = [`${style.red('Error:')} ${failure.message}`];
      for (const suggestion of failure.suggestions) lines.push(`${style.dim('→')} ${suggestion}`);
      if (failure instanceof BugError && process.env.DEBUG && error.stack) lines.push(error.stack);
      process.stderr.write(`${lines.join('\n')}\n`);
    }
    this.exit(failure.exitCode);
    throw error; // unreachable: exit() throws
  }
}

/** Map anything thrown into a SpotctlError: ours as they are, oclif's parse errors as usage errors. */
export function toSpotctlError(error: unknown): SpotctlError {
  if (isSpotctlError(error)) return error;
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
