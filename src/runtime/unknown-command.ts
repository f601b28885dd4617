import { nearest } from '../core/text/nearest.js';

/** The two lines for an unknown command: what was typed, and the nearest real commands. */
export function unknownCommandMessage(id: string, ids: string[], bin: string): string {
  const close = nearest(id, ids, 3, 4);
  const hint =
    close.length > 0 ? `Did you mean ${close.join(', ')}?` : `Commands: ${[...ids].sort().join(', ')}.`;
  return `Error: unknown command "${id}"\n→ ${hint} See ${bin} --help.\n`;
}
