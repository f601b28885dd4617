/**
 * convert for people: what changed, could not be converted or was refused, on stderr; the converted
 * manifests (or the files written) on stdout. Names and messages from the input are shown as inert text.
 */
import { printable } from '../format/printable.js';
import type { Style } from '../format/style.js';
import type { ConvertOutput } from './run.js';

/** One line per conversion message (warnings in colour, notes dimmed), then each refused object. */
export function renderConvertMessages(output: ConvertOutput, style: Style): string[] {
  const messages = output.messages.map((m) => {
    const where = printable(`${m.file}: ${m.resource}${m.field ? ` ${m.field}` : ''}`);
    return m.level === 'warning'
      ? `${style.yellow('warning:')} ${where}: ${printable(m.message)}`
      : style.dim(`note: ${where}: ${printable(m.message)}`);
  });
  const refused = output.refused.flatMap((r) => [
    `${style.red('not converted:')} ${printable(`${r.file}: ${r.object.kind}/${r.object.name} (from ${r.from.kind}/${r.from.name})`)}`,
    ...r.reasons.map((reason) => `  - ${printable(reason)}`),
  ]);
  const summary =
    output.refused.length > 0
      ? [
          `${output.refused.length} object${output.refused.length === 1 ? ' was' : 's were'} not converted: decide what each needs above, then convert again.`,
        ]
      : [];
  return [...messages, ...refused, ...summary];
}

/** The converted manifests as one `---`-separated stream, or which files were written. */
export function renderConvertOutput(output: ConvertOutput): string {
  const converted = output.files.filter((file) => file.documents.length > 0);
  if (output.written)
    return `Wrote ${converted
      .filter((file) => file.output)
      .map((file) => printable(file.output!))
      .join(', ')}`;
  return converted.map((file) => file.content.trimEnd()).join('\n---\n');
}
