/**
 * Mechanical fixes as text edits on the original file, so `--fix` keeps comments, quoting, indentation
 * and every byte it does not need to change.
 */
import { inputError } from '../errors.js';
import type { ScalarStyle, Span } from '../manifests/types.js';
import type { TextEdit } from './types.js';

/** Write `value` as a scalar in the same style as the one it replaces. */
export function scalarText(value: string, style: ScalarStyle): string {
  if (style === 'double') return JSON.stringify(value);
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  return value;
}

export const replaceScalar = (file: string, span: Span, value: string, style: ScalarStyle): TextEdit => ({
  file,
  start: span.start,
  end: span.end,
  text: scalarText(value, style),
});

/**
 * Apply edits to one file's text. Edits are applied back to front; overlapping edits (two fixes for the
 * same bytes) keep the first and drop the rest, so the result is always well-formed.
 */
export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  for (const edit of sorted) {
    if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      throw inputError(
        'FIX_OUT_OF_RANGE',
        `a fix points outside ${edit.file}; the file changed while reading it`,
        {
          suggestions: ['Run spotctl lint --fix again.'],
        },
      );
    }
    const previous = kept[kept.length - 1];
    if (previous && edit.start < previous.end) continue;
    if (previous && edit.start === previous.start && edit.end === previous.end) continue;
    kept.push(edit);
  }
  let result = text;
  for (const edit of [...kept].reverse())
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return { text: result, applied: kept.length };
}
