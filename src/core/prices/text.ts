/**
 * Human rendering of a price analysis: per type × zone statistics with a trend sparkline, the
 * zone × type availability grid, and where the data came from and how old it is.
 */
import { type Style, plainStyle } from '../format/style.js';
import { sparkline } from '../format/sparkline.js';
import { renderTable } from '../format/table.js';
import type { PriceAnalysis } from './analyse.js';
import { formatUsd } from '../format/money.js';
import { renderSourceLine } from '../format/data-source.js';

/** Price table rows per type × zone. */
export function renderPriceTable(analysis: PriceAnalysis, style: Style = plainStyle): string {
  const rows: string[][] = [];
  for (const t of analysis.types) {
    if (t.zones.length === 0) {
      rows.push([
        t.instanceType,
        '—',
        '—',
        '—',
        '—',
        '—',
        formatUsd(t.onDemandPrice),
        '—',
        '',
        t.interruption?.label ?? '—',
      ]);
      continue;
    }
    for (const zone of t.zones) {
      const savings =
        t.onDemandPrice !== undefined ? `${Math.round((1 - zone.latest / t.onDemandPrice) * 100)}%` : '—';
      const cheapest = zone.zone === t.cheapestZone && t.zones.length > 1;
      rows.push([
        t.instanceType,
        zone.zoneId ? `${zone.zone} (${zone.zoneId})` : zone.zone,
        cheapest ? style.green(formatUsd(zone.latest)) : formatUsd(zone.latest),
        formatUsd(zone.min),
        formatUsd(zone.mean),
        formatUsd(zone.max),
        formatUsd(t.onDemandPrice),
        savings,
        sparkline(zone.trend),
        t.interruption?.label ?? '—',
      ]);
    }
  }
  return renderTable(
    [
      { header: 'TYPE' },
      { header: 'ZONE' },
      { header: 'SPOT NOW', align: 'right' },
      { header: 'MIN', align: 'right' },
      { header: 'MEAN', align: 'right' },
      { header: 'MAX', align: 'right' },
      { header: 'ON-DEMAND', align: 'right' },
      { header: 'SAVINGS', align: 'right' },
      { header: 'TREND' },
      { header: 'INTERRUPTION' },
    ],
    rows,
    style.bold,
  );
}

/** Zone × type grid: ● offered, · not offered. */
export function renderAvailabilityGrid(analysis: PriceAnalysis, style: Style = plainStyle): string {
  const zones = analysis.zones.map((zone) => zone.name);
  const rows = analysis.types.map((t) => {
    const offered = new Set(t.offeredZones);
    return [
      t.instanceType,
      ...zones.map((zone) => (offered.has(zone) ? style.green('●') : style.dim('·'))),
      `${t.offeredZones.length}/${zones.length}`,
    ];
  });
  return renderTable(
    [
      { header: 'TYPE' },
      ...zones.map((zone) => ({ header: zone })),
      { header: 'ZONES', align: 'right' as const },
    ],
    rows,
    style.bold,
  );
}

export function renderPriceReport(analysis: PriceAnalysis, now: Date, style: Style = plainStyle): string {
  const sections = [
    style.bold(`Spot prices in ${analysis.region}, last ${analysis.window.days} days`),
    renderSourceLine(analysis, now),
    '',
    renderPriceTable(analysis, style),
    '',
    style.bold('Availability by zone'),
    renderAvailabilityGrid(analysis, style),
  ];
  if (analysis.notes.length > 0)
    sections.push('', ...analysis.notes.map((note) => style.dim(`note: ${note}`)));
  return sections.join('\n');
}
