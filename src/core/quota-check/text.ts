/**
 * quota-check for people: one row per quota and capacity type, then why each one that is not a pass is
 * what it is, with the fix.
 */
import type { Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import type { CheckStatus, QuotaCheckResult } from '../quota/check.js';

/** vCPUs as printed: `?` unknown, `-` not asked for, else up to two decimals. */
export const fmt = (value: number | null | undefined): string =>
  value === null ? '?' : value === undefined ? '-' : String(Math.round(value * 100) / 100);

export function renderQuotaTable(result: QuotaCheckResult, style: Style, withUsage: boolean): string {
  const colour: Record<CheckStatus, (s: string) => string> = {
    pass: style.green,
    warn: style.yellow,
    fail: style.red,
    unknown: style.yellow,
  };
  const columns = [
    { header: 'QUOTA' },
    { header: 'CAPACITY' },
    { header: 'CODE' },
    { header: 'REQUIRED', align: 'right' as const },
    { header: 'QUOTA', align: 'right' as const },
    ...(withUsage ? [{ header: 'USAGE', align: 'right' as const }] : []),
    { header: 'HEADROOM', align: 'right' as const },
    { header: 'STATUS' },
  ];
  const rows = result.checks.map((c) => [
    c.bucketName,
    c.capacityType,
    c.quotaCode,
    c.required === null ? 'unbounded' : fmt(c.required),
    fmt(c.quota),
    ...(withUsage ? [fmt(c.usage)] : []),
    fmt(c.headroom),
    colour[c.status](c.status),
  ]);
  const lines = [renderTable(columns, rows)];
  for (const c of result.checks.filter((check) => check.status !== 'pass')) {
    lines.push(
      '',
      `${colour[c.status](c.status)} ${c.bucketName} ${c.capacityType} (${c.quotaCode}): ${c.reason}`,
    );
    lines.push(`  pools: ${c.pools.join(', ')}`);
    if (c.fix) lines.push(`  fix: ${c.fix}`);
    if (c.alternative) lines.push(`       ${c.alternative}`);
  }
  return lines.join('\n');
}
