/**
 * Help and version straight from the oclif manifests (spotctl's and its plugins'). Loading @oclif/core
 * costs ~60 ms — three times a bare Node start — so `spotctl --help`, `spotctl help <cmd>`,
 * `spotctl <cmd> --help` and `--version` are answered here without it, laid out for the terminal's width
 * (80 columns when not a terminal). The README's command reference is rendered by the same code, so the
 * two cannot drift apart. Anything this cannot answer falls through to oclif.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { ExitCode } from '../core/errors.js';
import { unknownCommandMessage } from './unknown-command.js';

interface ManifestFlag {
  name: string;
  char?: string;
  description?: string;
  summary?: string;
  type: 'boolean' | 'option';
  required?: boolean;
  multiple?: boolean;
  options?: string[];
  default?: unknown;
  helpGroup?: string;
  env?: string;
  hidden?: boolean;
  allowNo?: boolean;
}

interface ManifestArg {
  name: string;
  description?: string;
  required?: boolean;
  options?: string[];
}

export interface ManifestCommand {
  id: string;
  summary?: string;
  description?: string;
  examples?: Array<string | { command: string; description?: string }>;
  flags: Record<string, ManifestFlag>;
  args: Record<string, ManifestArg>;
  hidden?: boolean;
}

export interface Manifest {
  version: string;
  commands: Record<string, ManifestCommand>;
}

export type HelpRequest =
  { kind: 'root' } | { kind: 'command'; id: string } | { kind: 'unknown'; id: string } | { kind: 'version' };

/** The longest run of leading words that names a command (`autocomplete script` → `autocomplete:script`). */
function commandAt(words: string[], commandIds: string[]): string | undefined {
  for (let n = words.length; n > 0; n -= 1) {
    const id = words.slice(0, n).join(':');
    if (commandIds.includes(id)) return id;
  }
  return undefined;
}

/** What help, if any, argv asks for; undefined when it is not a plain help or version request. */
export function helpRequest(argv: string[], commandIds: string[]): HelpRequest | undefined {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  if (args.length === 0) return { kind: 'root' };
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return { kind: 'version' };
  const [first, ...rest] = args;
  // The command's words are the arguments before the first flag.
  const words = (list: string[]) => {
    const flag = list.findIndex((arg) => arg.startsWith('-'));
    return flag < 0 ? list : list.slice(0, flag);
  };
  if (first === 'help') {
    if (rest.length === 0) return { kind: 'root' };
    const id = commandAt(words(rest), commandIds);
    return id ? { kind: 'command', id } : { kind: 'unknown', id: rest[0]! };
  }
  const wantsHelp = args.includes('--help') || args.includes('-h');
  if (!wantsHelp) return undefined;
  if (first === '--help' || first === '-h') return { kind: 'root' };
  if (first === undefined || first.startsWith('-')) return undefined;
  const id = commandAt(words(args), commandIds);
  return id ? { kind: 'command', id } : { kind: 'unknown', id: first };
}

/** Columns to lay help out in: the terminal's, else $COLUMNS, else 80. Never below 40. */
export function helpWidth(
  stdout: { isTTY?: boolean; columns?: number },
  env: Record<string, string | undefined>,
): number {
  const columns = stdout.isTTY && stdout.columns ? stdout.columns : Number(env.COLUMNS) || 80;
  return Math.max(40, Math.min(columns, 120));
}

/** Word-wrap each paragraph to `width`, every line indented by `indent`; words longer than a line stay whole. */
export function wrap(text: string, width: number, indent: string): string {
  const room = Math.max(10, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // Lines that are laid out already (a table, a list) keep their leading spaces.
    const lead = /^\s*/.exec(paragraph)![0];
    let line = '';
    for (const word of paragraph.trim().split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > room - lead.length) {
        lines.push(lead + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line ? lead + line : '');
  }
  return lines.map((line) => (line ? indent + line : '')).join('\n');
}

/** A shell command wrapped with ` \` continuations, so every line still pastes. */
function wrapCommand(command: string, width: number): string[] {
  const words = command.split(' ');
  const lines: string[] = [];
  let line = '  $';
  for (const word of words) {
    if (line.length + word.length + 3 > width && line.trim() !== '$') {
      lines.push(`${line} \\`);
      line = `      ${word}`;
    } else line = `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

function flagLabel(flag: ManifestFlag): string {
  const name = `${flag.char ? `-${flag.char}, ` : '    '}--${flag.allowNo ? '[no-]' : ''}${flag.name}`;
  if (flag.type === 'boolean') return name;
  const value =
    flag.options && flag.options.join('|').length <= 24 ? `<${flag.options.join('|')}>` : '<value>';
  return `${name}=${value}${flag.multiple ? '...' : ''}`;
}

function flagText(flag: ManifestFlag): string {
  const extras: string[] = [];
  if (flag.options && flagLabel(flag).endsWith('<value>')) extras.push(`one of: ${flag.options.join(', ')}`);
  if (flag.required) extras.push('required');
  if (flag.default !== undefined && flag.type !== 'boolean') extras.push(`default: ${String(flag.default)}`);
  if (flag.env) extras.push(`env: ${flag.env}`);
  const text = flag.summary ?? flag.description ?? '';
  return `${text}${extras.length ? ` [${extras.join('; ')}]` : ''}`;
}

/** Labels longer than this get their own line, so the descriptions keep a readable column. */
const MAX_LABEL = 30;

/** `label  text`, the text wrapped in a column; a long label puts the text on the next line. */
function twoColumns(entries: Array<[string, string]>, width: number): string[] {
  const column = Math.min(MAX_LABEL, Math.max(0, ...entries.map(([label]) => label.length))) + 4;
  const out: string[] = [];
  for (const [label, text] of entries) {
    const body = wrap(text, width, ' '.repeat(column));
    if (label.length + 4 <= column) out.push(`  ${label.padEnd(column - 2)}${body.trimStart()}`);
    else out.push(`  ${label}`, body);
  }
  return out;
}

const displayId = (id: string) => id.replaceAll(':', ' ');

export function renderCommandHelp(bin: string, command: ManifestCommand, width = 80): string {
  const flags = Object.values(command.flags).filter((flag) => !flag.hidden);
  const args = Object.values(command.args);
  const argNames = args.map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`));
  const usage = [bin, displayId(command.id), ...argNames, ...(flags.length ? ['[FLAGS]'] : [])].join(' ');
  const out: string[] = [];
  if (command.summary) out.push(wrap(command.summary, width, ''), '');
  out.push('USAGE', ...wrapCommand(usage, width), '');
  if (args.length > 0) {
    out.push('ARGUMENTS');
    out.push(
      ...twoColumns(
        args.map((a) => [
          a.name.toUpperCase(),
          `${a.description ?? ''}${a.options ? ` (one of: ${a.options.join(', ')})` : ''}`,
        ]),
        width,
      ),
      '',
    );
  }
  const groups = new Map<string, ManifestFlag[]>();
  for (const flag of flags) {
    const group = flag.helpGroup ? `${flag.helpGroup} FLAGS` : 'FLAGS';
    groups.set(group, [...(groups.get(group) ?? []), flag]);
  }
  const order = [
    'FLAGS',
    ...[...groups.keys()].filter((g) => g !== 'FLAGS' && g !== 'GLOBAL FLAGS').sort(),
    'GLOBAL FLAGS',
  ];
  for (const group of order) {
    const members = groups.get(group);
    if (!members) continue;
    out.push(
      group,
      ...twoColumns(
        members.map((flag) => [flagLabel(flag), flagText(flag)]),
        width,
      ),
      '',
    );
  }
  if (command.description && command.description !== command.summary)
    out.push('DESCRIPTION', wrap(command.description, width, '  '), '');
  if (command.examples?.length) {
    out.push('EXAMPLES');
    for (const example of command.examples) {
      // Some plugins write their examples with the prompt already in them.
      const text = (typeof example === 'string' ? example : example.command).replace(/^\$\s+/, '');
      if (typeof example !== 'string' && example.description)
        out.push(wrap(example.description, width, '  '));
      out.push(...wrapCommand(text.replaceAll('<%= config.bin %>', bin), width), '');
    }
  }
  return out.join('\n').trimEnd();
}

export const versionLine = (bin: string, version: string, dataDate?: string): string =>
  `${bin}/${version} ${process.platform}-${process.arch} node-${process.version}${dataDate ? ` bundled-data-${dataDate}` : ''}`;

export function renderRootHelp(
  bin: string,
  description: string,
  manifest: Manifest,
  width = 80,
  dataDate?: string,
): string {
  const commands = Object.values(manifest.commands)
    .filter((command) => !command.hidden)
    .sort((a, b) => a.id.localeCompare(b.id));
  return [
    wrap(description, width, ''),
    '',
    'VERSION',
    `  ${versionLine(bin, manifest.version, dataDate)}`,
    '',
    'USAGE',
    `  $ ${bin} [COMMAND]`,
    '',
    'COMMANDS',
    ...twoColumns(
      commands.map((command) => [
        displayId(command.id),
        command.summary ?? command.description?.split('\n')[0] ?? '',
      ]),
      width,
    ),
    '',
    wrap(`Run \`${bin} <command> --help\` for a command's flags and examples.`, width, ''),
  ].join('\n');
}

export interface LoadedHelp {
  bin: string;
  description: string;
  /** spotctl's commands and its plugins' in one manifest. */
  manifest: Manifest;
  /** When the bundled offline data was made (YYYY-MM-DD), if the build recorded it. */
  dataDate?: string;
}

const readJson = <T>(url: URL | string): T => JSON.parse(readFileSync(url, 'utf8')) as T;

/** spotctl's manifest merged with those of the plugins package.json names; undefined when unreadable. */
export function loadHelp(root: URL): LoadedHelp | undefined {
  let manifest: Manifest;
  let pkg: { description?: string; oclif?: { bin?: string; plugins?: string[] } };
  try {
    manifest = readJson<Manifest>(new URL('oclif.manifest.json', root));
    pkg = readJson(new URL('package.json', root));
  } catch {
    return undefined;
  }
  const commands = { ...manifest.commands };
  const require = createRequire(new URL('package.json', root));
  for (const plugin of pkg.oclif?.plugins ?? []) {
    // Packages with `exports` hide their manifest from require.resolve: look where Node would look.
    const dir = (require.resolve.paths(plugin) ?? []).find((base) =>
      existsSync(join(base, plugin, 'oclif.manifest.json')),
    );
    // A plugin without a manifest is still loaded by oclif itself; its help comes from there.
    if (dir) Object.assign(commands, readJson<Manifest>(join(dir, plugin, 'oclif.manifest.json')).commands);
  }
  let dataDate: string | undefined;
  try {
    dataDate = readJson<{ generatedAt?: string }>(
      new URL('dist/data/bundled-info.json', root),
    ).generatedAt?.slice(0, 10);
  } catch {
    dataDate = undefined;
  }
  return {
    bin: pkg.oclif?.bin ?? 'spotctl',
    description: pkg.description ?? '',
    manifest: { ...manifest, commands },
    dataDate,
  };
}

/**
 * Print help for argv if it is a help request the manifests can answer; returns whether it did.
 * @param root the package root (where package.json and oclif.manifest.json live).
 */
export function tryFastHelp(root: URL, argv: string[]): boolean {
  const help = loadHelp(root);
  if (!help) return false;
  const { bin, manifest } = help;
  const request = helpRequest(argv, Object.keys(manifest.commands));
  if (!request) return false;
  if (request.kind === 'unknown') {
    // Same answer as the command_not_found hook gives without --help.
    const visible = Object.values(manifest.commands)
      .filter((c) => !c.hidden)
      .map((c) => displayId(c.id));
    process.stderr.write(unknownCommandMessage(request.id, visible, bin));
    process.exitCode = ExitCode.usage;
    return true;
  }
  const width = helpWidth(process.stdout, process.env);
  let text: string;
  if (request.kind === 'version') text = versionLine(bin, manifest.version, help.dataDate);
  else if (request.kind === 'root')
    text = renderRootHelp(bin, help.description, manifest, width, help.dataDate);
  else text = renderCommandHelp(bin, manifest.commands[request.id]!, width);
  process.stdout.write(`${text}\n`);
  return true;
}
