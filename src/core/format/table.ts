/**
 * Plain-text tables. Width is measured without ANSI codes so styled cells still line up. Given a width (a
 * terminal's), a table that does not fit drops its least important columns first, as `kubectl get` keeps
 * its wide columns for `-o wide`.
 */
export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
  /**
   * Whether and in which order the column may be dropped to fit a width: the highest number goes first.
   * Without it the column always stays.
   */
  drop?: number;
}

export interface TableOptions {
  headerStyle?: (s: string) => string;
  /** Fit within this many characters by dropping droppable columns; no limit when absent. */
  maxWidth?: number;
}

export interface TableLayout {
  text: string;
  /** Headers of the columns dropped to fit, in table order. */
  hidden: string[];
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
  options: Omit<TableOptions, 'headerStyle'> = {},
): string {
  return layoutTable(columns, rows, { ...options, headerStyle }).text;
}

const GAP = 2;

/** The table and which columns were dropped to fit `options.maxWidth`. */
export function layoutTable(columns: Column[], rows: string[][], options: TableOptions = {}): TableLayout {
  const headerStyle = options.headerStyle ?? ((s: string) => s);
  const widths = columns.map((column, i) =>
    Math.max(visibleLength(column.header), ...rows.map((row) => visibleLength(row[i] ?? ''))),
  );
  const kept = columns.map((_, i) => i);
  const total = () => kept.reduce((sum, i) => sum + widths[i]!, 0) + GAP * Math.max(0, kept.length - 1);
  if (options.maxWidth !== undefined) {
    const droppable = kept
      .filter((i) => columns[i]!.drop !== undefined)
      .sort((a, b) => columns[b]!.drop! - columns[a]!.drop! || b - a);
    for (const i of droppable) {
      if (total() <= options.maxWidth) break;
      kept.splice(kept.indexOf(i), 1);
    }
  }
  const line = (cells: string[], style: (s: string) => string = (s) => s) =>
    kept
      .map((i) => style(pad(cells[i] ?? '', widths[i] ?? 0, columns[i]?.align ?? 'left')))
      .join(' '.repeat(GAP))
      .trimEnd();
  const text = [
    line(
      columns.map((c) => c.header),
      headerStyle,
    ),
    ...rows.map((row) => line(row)),
  ].join('\n');
  const hidden = columns.filter((_, i) => !kept.includes(i)).map((c) => c.header);
  return { text, hidden };
}
