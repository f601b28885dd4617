/**
 * The price table the wizard shows between two questions. It must fit on a screen with the next question
 * below it: one row per type when every zone has the same price (the bundled estimates always do), one
 * row per zone only where zones differ, and at most a screenful, with the `spotctl prices` command that
 * shows the rest.
 */
import { renderSourceLine } from '../format/data-source.js';
import { formatUsd } from '../format/money.js';
import { plainStyle, type Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import type { PriceAnalysis, TypePriceAnalysis } from '../prices/analyse.js';

/** Rows shown before "… N more": the table, its header and the next question fit in 24 lines. */
export const SEED_TABLE_ROWS = 12;

const sameEverywhere = (t: TypePriceAnalysis): boolean =>
  t.zones.every(
    (zone) =>
      zone.latest === t.zones[0]!.latest && zone.min === t.zones[0]!.min && zone.max === t.zones[0]!.max,
  );

function rowsOf(t: TypePriceAnalysis, zoneCount: number, style: Style): string[][] {
  const savings = (price: number) =>
    t.onDemandPrice !== undefined ? `${Math.round((1 - price / t.onDemandPrice) * 100)}%` : '—';
  const interruption = t.interruption?.label ?? '—';
  const offered = `${t.offeredZones.length}/${zoneCount}`;
  if (t.zones.length === 0) {
    return [[t.instanceType, offered, '—', '—', formatUsd(t.onDemandPrice), '—', interruption]];
  }
  if (sameEverywhere(t)) {
    const zone = t.zones[0]!;
    const spot = formatUsd(zone.latest);
    return [
      [
        t.instanceType,
        offered,
        spot,
        formatUsd(zone.mean),
        formatUsd(t.onDemandPrice),
        savings(zone.latest),
        interruption,
      ],
    ];
  }
  return t.zones.map((zone) => [
    t.instanceType,
    zone.zone,
    zone.zone === t.cheapestZone ? style.green(formatUsd(zone.latest)) : formatUsd(zone.latest),
    formatUsd(zone.mean),
    formatUsd(t.onDemandPrice),
    savings(zone.latest),
    interruption,
  ]);
}

/**
 * The table for `analysis`, capped at `maxRows`. `pricesArgs` is what `spotctl prices` needs to show all
 * of it (`--types a,b` or `--families f`).
 */
export function renderSeedPriceTable(
  analysis: PriceAnalysis,
  now: Date,
  pricesArgs: string,
  style: Style = plainStyle,
  maxRows = SEED_TABLE_ROWS,
): string {
  const all = analysis.types.flatMap((t) => rowsOf(t, analysis.zones.length, style));
  const shown = all.slice(0, maxRows);
  const lines = [
    style.bold(`Spot prices in ${analysis.region}, last ${analysis.window.days} days`),
    renderSourceLine(analysis, now),
    '',
    renderTable(
      [
        { header: 'TYPE' },
        { header: 'ZONES' },
        { header: 'SPOT NOW', align: 'right' },
        { header: 'MEAN', align: 'right' },
        { header: 'ON-DEMAND', align: 'right' },
        { header: 'SAVINGS', align: 'right' },
        { header: 'INTERRUPTION' },
      ],
      shown,
      style.bold,
    ),
  ];
  if (all.length > shown.length) {
    lines.push(
      style.dim(
        `… ${all.length - shown.length} more (see \`spotctl prices --region ${analysis.region} ${pricesArgs}\`)`,
      ),
    );
  }
  if (analysis.notes.length > 0) lines.push(...analysis.notes.map((note) => style.dim(`note: ${note}`)));
  return lines.join('\n');
}
