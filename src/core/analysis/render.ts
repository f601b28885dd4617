/**
 * Human rendering of a price analysis: per type × zone statistics with a trend sparkline, the
 * zone × type availability grid, and where the data came from and how old it is.
 */
import { type Style, plainStyle } from '../format/style.js';
import { sparkline } from '../format/sparkline.js';
import { renderTable } from '../format/table.js';
import type { PriceAnalysis } from './prices.js';
import { formatUsd } from '../format/money.js';

/** `3 days`, `5 hours`, `4 months`. */
export function describeAge(from: string, now: Date): string {
  const hours = Math.max(0, (now.getTime() - Date.parse(from)) / 3_600_000);
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${Math.round(hours)} hours`;
  const days = hours / 24;
  if (days < 60) return `${Math.round(days)} days`;
  return `${Math.round(days / 30)} months`;
}

export function renderSourceLine(analysis: PriceAnalysis, now: Date): string {
  const derived = analysis.source.spotPricesDerived ? '; Spot prices are estimates' : '';
  return `Data: ${analysis.source.description} (${describeAge(analysis.source.generatedAt, now)} old${derived})`;
}

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
