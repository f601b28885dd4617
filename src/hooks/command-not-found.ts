import type { Hook } from '@oclif/core';

import { ExitCode } from '../core/errors.js';
import { unknownCommandMessage } from '../runtime/unknown-command.js';

/** An unknown command: one line, the nearest real ones, exit 2 — instead of oclif's generic failure. */
const hook: Hook<'command_not_found'> = async function (options) {
  const ids = options.config.commands.filter((command) => !command.hidden).map((command) => command.id);
  const close = nearest(options.id, ids, 3, 4);
  const hint = close.length > 0 ? `Did you mean ${close.join(', ')}?` : `Commands: ${ids.sort().join(', ')}.`;
  process.stderr.write(
    `Error: unknown command "${options.id}"\n→ ${hint} See ${options.config.bin} --help.\n`,
  );
  this.exit(ExitCode.usage);
};

export default hook;
