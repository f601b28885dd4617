/**
 * What a `spotctl init` run did: the --json result, and the text shown in its place without --json.
 */
import type { Style } from '../format/style.js';
import type { FileRole } from '../emit/init-files.js';
import type { InitConfig } from './types.js';

/** The --json result of `spotctl init`. */
export interface InitOutput {
  written: boolean;
  dryRun: boolean;
  outputDir: string;
  files: Array<{ path: string; role: FileRole; bytes: number; content?: string }>;
  nextCommands: string[];
  warnings: string[];
  config: InitConfig;
  addedTypes: string[];
  source: { kind: string; description: string; generatedAt: string };
}

/** A finished init run: its --json result, plus what the text display needs that --json leaves out. */
export interface InitOutcome {
  output: InitOutput;
  /** Every file in full, its path as the user gave it. */
  files: Array<{ path: string; content: string }>;
  /**
   * Warnings from writing out the files. A run that writes has shown them already, before writing (even
   * under --json); a dry run leaves them to the display.
   */
  fileWarnings: string[];
}

export interface InitOutcomeText {
  /** Lines for stderr, before stdout. */
  stderr: string[];
  /** The text for stdout, if any. */
  stdout?: string;
}

/**
 * The display of a finished run when not --json: a dry run prints its warnings and every file; a run that
 * wrote names the files and the commands that apply them; a run the user stopped prints nothing more.
 */
export function renderInitOutcome(
  outcome: InitOutcome,
  style: { stdout: Style; stderr: Style },
): InitOutcomeText {
  const { output, files } = outcome;
  if (output.dryRun) {
    return {
      stderr: outcome.fileWarnings.map((warning) => style.stderr.yellow(`warning: ${warning}`)),
      stdout: files.map((file) => `# ==> ${file.path} <==\n${file.content}`).join('\n'),
    };
  }
  if (!output.written) return { stderr: [] };
  return {
    stderr: [],
    stdout: `Wrote ${files.map((file) => file.path).join(', ')}\n\n${style.stdout.bold('Next:')}\n${output.nextCommands.map((cmd) => `  ${cmd}`).join('\n')}`,
  };
}
