import type { Hook } from '@oclif/core';

import { ExitCode } from '../core/errors.js';
import { unknownCommandMessage } from '../runtime/unknown-command.js';

/** An unknown command: one line, the nearest real ones, exit 2 — instead of oclif's generic failure. */
const hook: Hook<'command_not_found'> = async function (options) {
  const ids = options.config.commands.filter((command) => !command.hidden).map((command) => command.id);
  process.stderr.write(unknownCommandMessage(options.id, ids, options.config.bin));
  this.exit(ExitCode.usage);
};

export default hook;
