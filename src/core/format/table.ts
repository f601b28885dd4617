/**
 * Plain-text tables. Width is measured without ANSI codes so styled cells still line up.
 */
export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The text without ANSI colour codes. */
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

export const visibleLength = (text: string): number => [...stripAnsi(text)].length;

const pad = (text: string, width: number, align: Align): string => {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(text)));
  return align === 'right' ? fill + text : text + fill;
};

/** Render rows under headers, columns separated by two spaces, no trailing spaces. */
export function renderTable(
  columns: Column[],
  rows: string[][],
  headerStyle: (s: string) => string = (s) => s,
): string {
  const widths = columns.map((column, i) =>
    Math.max(visibleLength(column.header), ...rows.map((row) => visibleLength(row[i] ?? ''))),
  );
  const line = (cells: string[], style: (s: string) => string = (s) => s) =>
    cells
      .map((cell, i) => style(pad(cell, widths[i] ?? 0, columns[i]?.align ?? 'left')))
      .join('  ')
      .trimEnd();
  return [
    line(
      columns.map((c) => c.header),
      headerStyle,
    ),
    ...rows.map((row) => line(row)),
  ].join('\n');
}
