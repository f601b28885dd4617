/**
 * Help straight from oclif.manifest.json. Loading @oclif/core costs ~60 ms — three times a bare Node
 * start — so `spotctl --help`, `spotctl help <cmd>` and `spotctl <cmd> --help` are answered here without it.
 * Anything this cannot answer (an unknown command, say) falls through to oclif.
 */
import { readFileSync } from 'node:fs';

import { ExitCode } from '../core/errors.js';
import { unknownCommandMessage } from './unknown-command.js';

interface ManifestFlag {
  name: string;
  char?: string;
  description?: string;
  type: 'boolean' | 'option';
  required?: boolean;
  multiple?: boolean;
  options?: string[];
  default?: unknown;
  helpGroup?: string;
  env?: string;
  hidden?: boolean;
}

interface ManifestArg {
  name: string;
  description?: string;
  required?: boolean;
}

interface ManifestCommand {
  id: string;
  summary?: string;
  description?: string;
  examples?: string[];
  flags: Record<string, ManifestFlag>;
  args: Record<string, ManifestArg>;
  hidden?: boolean;
}

interface Manifest {
  version: string;
  commands: Record<string, ManifestCommand>;
}

export type HelpRequest =
  { kind: 'root' } | { kind: 'command'; id: string } | { kind: 'unknown'; id: string } | { kind: 'version' };

/** What help, if any, argv asks for; undefined when it is not a plain help or version request. */
export function helpRequest(argv: string[], commandIds: string[]): HelpRequest | undefined {
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  if (args.length === 0) return { kind: 'root' };
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return { kind: 'version' };
  const [first, ...rest] = args;
  const wantsHelp = args.includes('--help') || args.includes('-h');
  if (first === 'help') {
    if (rest.length === 0) return { kind: 'root' };
    const id = rest.join(':');
    return commandIds.includes(id) ? { kind: 'command', id } : { kind: 'unknown', id };
  }
  if (!wantsHelp) return undefined;
  if (first === '--help' || first === '-h') return { kind: 'root' };
  if (first === undefined || first.startsWith('-')) return undefined;
  return commandIds.includes(first) ? { kind: 'command', id: first } : { kind: 'unknown', id: first };
}

const wrap = (text: string, width: number, indent: string): string => {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.map((line) => (line ? indent + line : '')).join('\n');
};

function flagLabel(flag: ManifestFlag): string {
  const name = `${flag.char ? `-${flag.char}, ` : '    '}--${flag.name}`;
  if (flag.type === 'boolean') return name;
  const value = flag.options ? `<${flag.options.join('|')}>` : '<value>';
  return `${name}=${value}${flag.multiple ? '...' : ''}`;
}

function flagText(flag: ManifestFlag): string {
  const extras: string[] = [];
  if (flag.required) extras.push('required');
  if (flag.default !== undefined && flag.type !== 'boolean') extras.push(`default: ${String(flag.default)}`);
  if (flag.env) extras.push(`env: ${flag.env}`);
  return `${flag.description ?? ''}${extras.length ? ` [${extras.join(', ')}]` : ''}`;
}

export function renderCommandHelp(bin: string, command: ManifestCommand, width = 100): string {
  const flags = Object.values(command.flags).filter((flag) => !flag.hidden);
  const args = Object.values(command.args);
  const usage = `${bin} ${command.id}${args.map((a) => ` ${a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`}`).join('')}${flags.length ? ' [FLAGS]' : ''}`;
  const out: string[] = [];
  if (command.summary) out.push(command.summary, '');
  out.push('USAGE', `  $ ${usage}`, '');
  if (args.length > 0) {
    out.push('ARGUMENTS');
    const pad = Math.max(...args.map((a) => a.name.length)) + 2;
    for (const arg of args) out.push(`  ${arg.name.toUpperCase().padEnd(pad)}${arg.description ?? ''}`);
    out.push('');
  }
  const groups = new Map<string, ManifestFlag[]>();
  for (const flag of flags) {
    const group = flag.helpGroup ? `${flag.helpGroup} FLAGS` : 'FLAGS';
    groups.set(group, [...(groups.get(group) ?? []), flag]);
  }
  const labelWidth = Math.max(0, ...flags.map((flag) => flagLabel(flag).length)) + 2;
  const order = [
    'FLAGS',
    ...[...groups.keys()].filter((g) => g !== 'FLAGS' && g !== 'GLOBAL FLAGS').sort(),
    'GLOBAL FLAGS',
  ];
  for (const group of order) {
    const members = groups.get(group);
    if (!members) continue;
    out.push(group);
    for (const flag of members) {
      const label = `  ${flagLabel(flag).padEnd(labelWidth)}`;
      const text = wrap(
        flagText(flag),
        Math.max(30, width - label.length),
        ' '.repeat(label.length),
      ).trimStart();
      out.push(label + text);
    }
    out.push('');
  }
  if (command.description) out.push('DESCRIPTION', wrap(command.description, width - 2, '  '), '');
  if (command.examples?.length) {
    out.push('EXAMPLES');
    for (const example of command.examples)
      out.push(`  $ ${example.replaceAll('<%= config.bin %>', bin)}`, '');
  }
  return out.join('\n').trimEnd();
}

export function renderRootHelp(bin: string, description: string, manifest: Manifest): string {
  const commands = Object.values(manifest.commands)
    .filter((command) => !command.hidden)
    .sort((a, b) => a.id.localeCompare(b.id));
  const pad = Math.max(...commands.map((command) => command.id.length)) + 2;
  return [
    description,
    '',
    'VERSION',
    `  ${bin}/${manifest.version} ${process.platform}-${process.arch} node-${process.version}`,
    '',
    'USAGE',
    `  $ ${bin} [COMMAND]`,
    '',
    'COMMANDS',
    ...commands.map((command) => `  ${command.id.padEnd(pad)}${command.summary ?? ''}`),
    '',
    `Run \`${bin} <command> --help\` for a command's flags and examples.`,
  ].join('\n');
}

/**
 * Print help for argv if it is a help request the manifest can answer; returns whether it did.
 * @param root the package root (where package.json and oclif.manifest.json live).
 */
export function tryFastHelp(root: URL, argv: string[]): boolean {
  let manifest: Manifest;
  let pkg: { description?: string; oclif?: { bin?: string } };
  try {
    manifest = JSON.parse(readFileSync(new URL('oclif.manifest.json', root), 'utf8')) as Manifest;
    pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as typeof pkg;
  } catch {
    return false;
  }
  const request = helpRequest(argv, Object.keys(manifest.commands));
  if (!request) return false;
  const bin = pkg.oclif?.bin ?? 'spotctl';
  if (request.kind === 'unknown') {
    // Same answer as the command_not_found hook gives without --help.
    process.stderr.write(unknownCommandMessage(request.id, Object.keys(manifest.commands), bin));
    process.exitCode = ExitCode.usage;
    return true;
  }
  let text: string;
  if (request.kind === 'version')
    text = `${bin}/${manifest.version} ${process.platform}-${process.arch} node-${process.version}`;
  else if (request.kind === 'root') text = renderRootHelp(bin, pkg.description ?? '', manifest);
  else text = renderCommandHelp(bin, manifest.commands[request.id]!);
  process.stdout.write(`${text}\n`);
  return true;
}
