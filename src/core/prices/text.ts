/**
 * Human rendering of a price analysis: the title and data source, one row per type (per zone where zones
 * differ, or with -o wide) with the price per GPU or vCPU, history columns only when there is history,
 * the zone × type availability grid, AWS's placement score for the types, and the notes.
 */
import { renderSourceLine } from '../format/data-source.js';
import { formatUsd } from '../format/money.js';
import { sparkline } from '../format/sparkline.js';
import { type Style, plainStyle } from '../format/style.js';
import { type Column, layoutTable, renderTable } from '../format/table.js';
import { renderPlacement } from '../suggest/placement-text.js';
import type { PriceAnalysis, TypePriceAnalysis, ZonePriceStats } from './analyse.js';
import { pricePerUnit, type PricesResult } from './run.js';

export interface PriceViewOptions {
  /** `-o wide`: a row per zone and every column, whatever the width. */
  wide?: boolean;
  /** Terminal width to fit the table in; none: full lines. */
  width?: number;
}

/** Measured prices that moved in the window: only then do min, mean, max and a trend say anything. */
export const hasHistory = (analysis: PriceAnalysis): boolean =>
  !analysis.source.spotPricesDerived &&
  analysis.types.some((t) => t.zones.some((z) => z.changes > 0 || z.min !== z.max));

const sameStats = (a: ZonePriceStats, b: ZonePriceStats): boolean =>
  a.latest === b.latest && a.min === b.min && a.mean === b.mean && a.max === b.max;

/** Every zone with a price has the same statistics: one row says it all. */
export const zonesAgree = (t: TypePriceAnalysis): boolean =>
  t.zones.length > 0 && t.zones.every((zone) => sameStats(zone, t.zones[0]!));

interface Row {
  t: TypePriceAnalysis;
  /** One zone's row, or (undefined) the whole type's. */
  zone?: ZonePriceStats;
}

function unitHeader(types: TypePriceAnalysis[]): {
  header: string;
  suffix: (t: TypePriceAnalysis) => string;
} {
  const gpu = types.filter((t) => t.gpus > 0).length;
  if (gpu === types.length && gpu > 0) return { header: 'PER GPU-H', suffix: () => '' };
  if (gpu === 0) return { header: 'PER VCPU-H', suffix: () => '' };
  return { header: 'PER UNIT-H', suffix: (t) => (t.gpus > 0 ? '/GPU' : '/vCPU') };
}

/** Price table: per type, or per type × zone where zones differ (always with `wide`). */
export function renderPriceTable(
  analysis: PriceAnalysis,
  style: Style = plainStyle,
  view: PriceViewOptions = {},
): { text: string; hidden: string[] } {
  const history = hasHistory(analysis);
  const unit = unitHeader(analysis.types);
  const rows: Row[] = analysis.types.flatMap((t) =>
    t.zones.length === 0 || (!view.wide && zonesAgree(t)) ? [{ t }] : t.zones.map((zone) => ({ t, zone })),
  );
  const stats = (r: Row) => r.zone ?? r.t.zones[0];
  const money = (value: number | undefined) => formatUsd(value);
  const perUnit = (r: Row) => {
    if (!r.zone) return pricePerUnit(r.t);
    const units = r.t.gpus > 0 ? r.t.gpus : r.t.vcpus;
    return units > 0 ? r.zone.latest / units : undefined;
  };
  const columns: Array<Column & { cell: (r: Row) => string }> = [
    { header: 'TYPE', cell: (r) => r.t.instanceType },
    {
      header: 'ZONE',
      cell: (r) => {
        if (r.zone) return r.zone.zoneId ? `${r.zone.zone} (${r.zone.zoneId})` : r.zone.zone;
        if (r.t.zones.length === 0) return '—';
        return r.t.zones.length === 1 ? r.t.zones[0]!.zone : `${r.t.zones.length} zones, same price`;
      },
    },
    {
      header: analysis.source.spotPricesDerived ? 'SPOT EST.' : 'SPOT NOW',
      align: 'right',
      cell: (r) => {
        const text = money(stats(r)?.latest);
        const cheapest = r.zone && r.zone.zone === r.t.cheapestZone && r.t.zones.length > 1;
        return cheapest ? style.green(text) : text;
      },
    },
    {
      header: unit.header,
      align: 'right',
      cell: (r) => `${money(perUnit(r))}${perUnit(r) === undefined ? '' : unit.suffix(r.t)}`,
    },
    ...(history
      ? [
          { header: 'MIN', align: 'right' as const, drop: 6, cell: (r: Row) => money(stats(r)?.min) },
          { header: 'MEAN', align: 'right' as const, drop: 4, cell: (r: Row) => money(stats(r)?.mean) },
          { header: 'MAX', align: 'right' as const, drop: 5, cell: (r: Row) => money(stats(r)?.max) },
          { header: 'TREND', drop: 7, cell: (r: Row) => (stats(r) ? sparkline(stats(r)!.trend) : '') },
        ]
      : []),
    { header: 'ON-DEMAND', align: 'right', drop: 3, cell: (r) => money(r.t.onDemandPrice) },
    {
      header: 'SAVINGS',
      align: 'right',
      drop: 1,
      cell: (r) => {
        const spot = stats(r)?.latest;
        return spot !== undefined && r.t.onDemandPrice
          ? `${Math.round((1 - spot / r.t.onDemandPrice) * 100)}%`
          : '—';
      },
    },
    { header: 'INTERRUPTION', drop: 2, cell: (r) => r.t.interruption?.label ?? '—' },
  ];
  return layoutTable(
    columns,
    rows.map((r) => columns.map((c) => c.cell(r))),
    { headerStyle: style.bold, ...(view.wide || view.width === undefined ? {} : { maxWidth: view.width }) },
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

/** What the table covers: measured history over --days, or estimates without any. */
export function priceTitle(analysis: PriceAnalysis): string {
  if (analysis.source.spotPricesDerived) {
    return `Estimated Spot prices in ${analysis.region} (On-Demand × (1 − Spot Advisor savings); no price history)`;
  }
  const flat = hasHistory(analysis) ? '' : ' (no price changes)';
  return `Spot prices in ${analysis.region}, last ${analysis.window.days} days${flat}`;
}

export function renderPriceReport(
  analysis: PriceAnalysis | PricesResult,
  now: Date,
  style: Style = plainStyle,
  view: PriceViewOptions = {},
): string {
  const table = renderPriceTable(analysis, style, view);
  const sections = [
    style.bold(priceTitle(analysis)),
    style.dim(renderSourceLine(analysis, now)),
    '',
    table.text,
    ...(table.hidden.length > 0
      ? [style.dim(`(${table.hidden.join(', ')} hidden to fit ${view.width} columns; -o wide shows them)`)]
      : []),
    '',
    style.bold('Availability by zone'),
    renderAvailabilityGrid(analysis, style),
  ];
  const placement =
    'placement' in analysis
      ? renderPlacement(analysis.placement, analysis.placementScores, now, style, 'these')
      : [];
  if (placement.length > 0) sections.push('', ...placement);
  const notes = [...analysis.notes, ...('placement' in analysis ? analysis.placement.notes : [])];
  if (notes.length > 0) sections.push('', ...notes.map((note) => style.dim(`note: ${note}`)));
  return sections.join('\n');
}
