/**
 * The last step before text reaches a terminal: lines wider than it are wrapped at spaces with a hanging
 * indent (the line's own indent plus two), so prose and "why" lines stay readable at 80 columns. Tables
 * are fitted by their renderers first (least important columns dropped); this only catches what is left.
 * Piped output is never wrapped: scripts get full lines.
 */

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Columns a line takes on screen (colour codes take none). */
export const visibleLength = (text: string): number => [...text.replace(SGR, '')].length;

function wrapLine(line: string, width: number): string[] {
  if (visibleLength(line) <= width) return [line];
  const indent = /^ */.exec(line)![0];
  const hang = `${indent}  `;
  const words = line.slice(indent.length).split(' ');
  const out: string[] = [];
  let current = indent;
  let currentLength = indent.length;
  for (const word of words) {
    const length = visibleLength(word);
    const start = current.trim().length === 0;
    if (!start && currentLength + 1 + length > width) {
      out.push(current);
      current = hang + word;
      currentLength = hang.length + length;
    } else {
      current = start ? current + word : `${current} ${word}`;
      currentLength += (start ? 0 : 1) + length;
    }
  }
  out.push(current);
  return out;
}

/** Every line of `text` fitted to `width` columns. */
export const fitToWidth = (text: string, width: number): string =>
  text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
