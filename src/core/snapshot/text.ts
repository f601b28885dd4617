/** The human summary `spotctl snapshot` prints once the file is written. */
import type { Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import type { CaptureSummary } from './capture.js';

export function renderCaptureSummary(summary: CaptureSummary, style: Style): string {
  const regions = summary.regions.map((region) => region.region);
  const lines = [
    `Wrote ${summary.output}: ${summary.instanceTypes} instance type${summary.instanceTypes === 1 ? '' : 's'}, ` +
      `${regions.length} Region${regions.length === 1 ? '' : 's'}, ${summary.days} days of Spot prices, captured ${summary.generatedAt}.`,
    '',
    renderTable(
      [
        { header: 'REGION' },
        { header: 'ZONES', align: 'right' },
        { header: 'OFFERED TYPES', align: 'right' },
        { header: 'SPOT PRICE POINTS', align: 'right' },
        { header: 'ON-DEMAND PRICES', align: 'right' },
      ],
      summary.regions.map((region) => [
        region.region,
        String(region.zones),
        String(region.offeredTypes),
        String(region.spotPricePoints),
        String(region.onDemandPrices),
      ]),
      style.bold,
    ),
  ];
  const notes = summary.regions.flatMap((region) => region.notes.map((note) => `${region.region}: ${note}`));
  if (notes.length > 0) lines.push('', ...notes.map((note) => style.dim(`note: ${note}`)));
  lines.push(
    '',
    `Use it with: spotctl prices --snapshot ${summary.output} --region ${regions[0] ?? '<region>'} --types <types>`,
  );
  return lines.join('\n');
}
