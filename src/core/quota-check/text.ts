/**
 * quota-check for people: one row per quota and capacity type (with where its value came from), then why
 * each one that is not a pass is what it is — the fix, what the quota admits, the pool as intended — and
 * how one pool's limits bound several quotas together.
 */
import type { Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import type { CheckStatus, QuotaCheck, QuotaCheckResult } from '../quota/check.js';

/** vCPUs as printed: `?` unknown, `-` not asked for, else up to two decimals. */
export const fmt = (value: number | null | undefined): string =>
  value === null ? '?' : value === undefined ? '-' : String(Math.round(value * 100) / 100);

/** Where a quota value came from, in a few characters. */
export function sourceLabel(check: Pick<QuotaCheck, 'quotaSource' | 'quotaFile'>): string {
  switch (check.quotaSource) {
    case 'flag':
      return '--quota';
    case 'file':
      return check.quotaFile ?? '--quotas';
    case 'service-quotas':
      return 'Service Quotas';
    default:
      return '-';
  }
}

/** "admits 2 × 4 vCPUs (g4dn.xlarge), 1 × 8 vCPUs (g4dn.2xlarge)", grouped by size, the smallest first. */
export function admitsLine(check: QuotaCheck): string | undefined {
  if (check.quota === null) return undefined;
  const bySize = new Map<number, { nodes: number; names: string[] }>();
  for (const a of check.admits) {
    const entry = bySize.get(a.vcpus) ?? { nodes: a.nodes, names: [] };
    entry.names.push(a.instanceType);
    bySize.set(a.vcpus, entry);
  }
  const names = (list: string[]) => (list.length > 3 ? `${list.slice(0, 3).join(', ')}, …` : list.join(', '));
  const sizes = [...bySize].map(([vcpus, e]) => `${e.nodes} × ${vcpus} vCPUs (${names(e.names)})`);
  const parts = [
    sizes.length > 0
      ? `admits ${sizes.slice(0, 6).join(', ')}${sizes.length > 6 ? ', …' : ''}`
      : 'admits no node',
  ];
  if (check.neverLaunchable.length > 0) {
    const never = check.neverLaunchable.map((t) => `${t.instanceType} (${t.vcpus})`);
    parts.push(
      `never launchable (more vCPUs than the quota): ${names(never)}${never.length > 3 ? ` — ${never.length} types` : ''}`,
    );
  }
  return parts.join('; ');
}

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
    { header: 'FROM' },
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
    sourceLabel(c),
  ]);
  const lines = [renderTable(columns, rows)];
  for (const c of result.checks.filter((check) => check.status !== 'pass')) {
    lines.push(
      '',
      `${colour[c.status](c.status)} ${c.bucketName} ${c.capacityType} (${c.quotaCode}): ${c.required === null && c.asIntended ? 'as written: unbounded — ' : ''}${c.reason}`,
    );
    if (c.asIntended) lines.push(`  ${c.asIntended.reason}`);
    lines.push(`  pools: ${c.pools.join(', ')}`);
    const admits = admitsLine(c);
    if (admits)
      lines.push(`  quota ${fmt(c.quota)}${c.usage ? ` less ${fmt(c.usage)} in use` : ''} ${admits}`);
    if (c.fix) lines.push(`  fix: ${c.fix}`);
    if (c.alternative) lines.push(`${c.fix ? '       ' : '  '}${c.alternative}`);
  }
  const shared = result.pools.filter((p) => p.shared);
  if (shared.length > 0) lines.push('');
  for (const p of shared) {
    const total =
      p.shared!.vcpus === null ? 'no limit on the total' : `at most ${p.shared!.vcpus} vCPUs in all`;
    const parts = p.demands.map(
      (d) =>
        `${d.quotaCode} ${d.market} (${d.vcpus === null ? 'unbounded' : d.vcpus === 0 ? 'no type fits' : `up to ${d.vcpus}`})`,
    );
    lines.push(
      `${p.name}: its limits allow ${total}, however they split across ${parts.join(', ')}; each quota is checked against its own maximum`,
    );
  }
  return lines.join('\n');
}

/** Where the quota values came from, for the closing note. */
export function quotaSourcesNote(result: QuotaCheckResult, region: string): string {
  const by = (source: QuotaCheck['quotaSource']) => [
    ...new Set(result.checks.filter((c) => c.quotaSource === source).map((c) => c.quotaCode)),
  ];
  const parts = [
    by('flag').length ? `--quota (${by('flag').join(', ')})` : '',
    by('file').length
      ? `${[...new Set(result.checks.filter((c) => c.quotaSource === 'file').map((c) => c.quotaFile))].join(', ')} (${by('file').join(', ')})`
      : '',
    by('service-quotas').length ? `Service Quotas in ${region} (${by('service-quotas').join(', ')})` : '',
    by('none').length ? `unknown (${by('none').join(', ')})` : '',
  ].filter(Boolean);
  return `quotas: ${parts.length ? parts.join('; ') : 'none needed'}`;
}
