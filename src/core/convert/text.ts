/**
 * convert for people: what changed or could not be converted, on stderr; the converted manifests (or the
 * files written) on stdout.
 */
import type { Style } from '../format/style.js';
import type { ConvertOutput } from './run.js';

/** One line per conversion message: warnings in colour, notes dimmed. */
export function renderConvertMessages(output: ConvertOutput, style: Style): string[] {
  return output.messages.map((m) => {
    const where = `${m.file}: ${m.resource}${m.field ? ` ${m.field}` : ''}`;
    return m.level === 'warning'
      ? `${style.yellow('warning:')} ${where}: ${m.message}`
      : style.dim(`note: ${where}: ${m.message}`);
  });
}

/** The converted manifests as one `---`-separated stream, or which files were written. */
export function renderConvertOutput(output: ConvertOutput): string {
  const converted = output.files.filter((file) => file.documents.length > 0);
  if (output.written)
    return `Wrote ${converted
      .filter((file) => file.output)
      .map((file) => file.output)
      .join(', ')}`;
  return converted.map((file) => file.content.trimEnd()).join('\n---\n');
}
