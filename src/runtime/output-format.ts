/**
 * `-o, --output table|wide|json|yaml` for reporting commands, and the terminal width tables fit in.
 * `json` is the same as `--json` (errors included); `yaml` is that object as YAML.
 */
import { Flags } from '@oclif/core';
import { stringify } from 'yaml';

import type { CommandIo } from './io.js';

export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const outputFlag = Flags.string({
  char: 'o',
  description:
    'Output format: table (fits the terminal, least important columns dropped first), wide (every column and row), json (as --json), yaml (the JSON object as YAML).',
  options: [...OUTPUT_FORMATS],
  default: 'table',
});

/**
 * The format named on the command line, read before parsing: oclif decides whether errors are JSON before
 * a command has parsed its flags.
 */
export function outputFromArgv(argv: readonly string[]): OutputFormat | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '-o' || arg === '--output') found = argv[i + 1];
    else if (arg.startsWith('--output=')) found = arg.slice('--output='.length);
    else if (/^-o=?[a-z]/.test(arg)) found = arg.replace(/^-o=?/, '');
  }
  return (OUTPUT_FORMATS as readonly string[]).includes(found ?? '') ? (found as OutputFormat) : undefined;
}

/** Columns to fit a table in: the terminal's width; piped output keeps full lines. */
export function tableWidth(io: Pick<CommandIo, 'stdout' | 'env'>): number | undefined {
  if (!io.stdout.isTTY) return undefined;
  const columns = io.stdout.columns ?? Number(io.env.COLUMNS);
  return Number.isFinite(columns) && columns > 0 ? columns : undefined;
}

/** The text a command prints for its result in `format` (`table`/`wide` by `renderText`). */
export const renderOutput = <T>(format: OutputFormat, result: T, renderText: () => string): string =>
  format === 'yaml' ? stringify(result).trimEnd() : renderText();
