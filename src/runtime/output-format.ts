/**
 * The terminal width tables fit in (-o wide and pipes keep every column).
 */
import type { CommandIo } from './io.js';

/** Columns to fit a table in: the terminal's width; piped output keeps full lines. */
export function tableWidth(io: Pick<CommandIo, 'stdout' | 'env'>): number | undefined {
  if (!io.stdout.isTTY) return undefined;
  const columns = io.stdout.columns ?? Number(io.env.COLUMNS);
  return Number.isFinite(columns) && columns > 0 ? columns : undefined;
}
