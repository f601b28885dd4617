// The README's command reference: every visible command's help exactly as `spotctl <command> --help`
// prints it at 100 columns, between the `<!-- commands -->` markers. One renderer for both, so they
// cannot drift apart.
import { readFileSync, writeFileSync } from 'node:fs';

import { loadHelp, renderCommandHelp } from '../dist/runtime/fast-help.js';

const WIDTH = 100;
const root = new URL('../', import.meta.url);
const help = loadHelp(root);
if (!help) throw new Error('oclif.manifest.json is missing: run the build');
const commands = Object.values(help.manifest.commands)
  .filter((command) => !command.hidden)
  .sort((a, b) => a.id.localeCompare(b.id));

const title = (command) => `\`${help.bin} ${command.id.replaceAll(':', ' ')}\``;
const anchor = (command) =>
  title(command)
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
const section = [
  ...commands.map((command) => `* [${title(command)}](#${anchor(command)})`),
  '',
  ...commands.flatMap((command) => [
    `## ${title(command)}`,
    '',
    '```',
    renderCommandHelp(help.bin, command, WIDTH),
    '```',
    '',
  ]),
].join('\n');

const readme = readFileSync(new URL('README.md', root), 'utf8');
const start = readme.indexOf('<!-- commands -->');
const end = readme.indexOf('<!-- commandsstop -->');
if (start < 0 || end < start)
  throw new Error('README.md has no <!-- commands --> … <!-- commandsstop --> section');
writeFileSync(
  new URL('README.md', root),
  `${readme.slice(0, start)}<!-- commands -->\n${section}${readme.slice(end)}`,
);
console.log('README.md command reference regenerated');
