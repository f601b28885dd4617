/**
 * Text from a user's files (names, labels, values, paths, log lines) on its way into terminal output or
 * CI logs: it must not move the cursor, retitle the terminal, hide text, break a line, or start a GitHub
 * Actions workflow command. Renderers pass every input-derived field through `printable`; whole output
 * lines pass through `noWorkflowCommand` unless they are spotctl's own annotations.
 */

/** C0 controls but tab, DEL, C1 controls, and the bidirectional overrides that reorder what is shown. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\e' };

/** One line of inert text: control characters and escape sequences shown as escapes (`\n`, `\e`, `\x07`). */
export const printable = (text: string): string =>
  text.replace(UNPRINTABLE, (c) => ESCAPES[c] ?? `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);

/**
 * A line GitHub Actions would read as a workflow command (`::error …`) gets its colons escaped as GitHub
 * documents (`%3A`), so it is shown, not run.
 */
export const noWorkflowCommand = (line: string): string =>
  /^\s*::/.test(line) ? line.replace('::', '%3A%3A') : line;

/** Every line of a block of output, made safe from starting a workflow command. */
export const noWorkflowCommands = (text: string): string =>
  text.split('\n').map(noWorkflowCommand).join('\n');
