/** One severity scale for every command: lint findings, log problems, JSON output. */
export type Severity = 'error' | 'warning' | 'info';

/** Higher is more severe. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** Sort comparator: most severe first. */
export const mostSevereFirst = (a: Severity, b: Severity): number => SEVERITY_RANK[b] - SEVERITY_RANK[a];
