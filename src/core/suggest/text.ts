/**
 * Human rendering of suggestions: the title and data source, the ranked list with reasons, AWS's placement
 * score for the list, the requirement to paste into a NodePool, Karpenter's floors, the quota cost and
 * what was left out — one line per reason.
 */
import { stringify } from 'yaml';

import { renderSourceLine } from '../format/data-source.js';
import { formatUsd } from '../format/money.js';
import { type Style, plainStyle } from '../format/style.js';
import { layoutTable, type Column } from '../format/table.js';
import type { SuggestOutput, SuggestRun } from './run.js';
import type { SuggestResult } from './suggest.js';
import { renderPlacement } from './placement-text.js';

export interface ViewOptions {
  style?: Style;
  /** `-o wide`: every column and every left-out type. */
  wide?: boolean;
  /** Terminal width to fit the table in; none: full lines. */
  width?: number;
}

/** Types listed per left-out reason before "and N more" (all of them with -o wide). */
const LEFT_OUT_SHOWN = 8;

export function renderSuggestionTable(result: SuggestResult, options: ViewOptions = {}): string[] {
  const style = options.style ?? plainStyle;
  const unit = result.unit === 'gpu' ? 'GPU' : 'vCPU';
  const gpu = result.unit === 'gpu' || result.recommended.some((t) => t.gpus > 0);
  const columns: Array<Column & { cell: (t: SuggestResult['recommended'][number]) => string }> = [
    { header: '#', align: 'right', cell: (t) => String(t.rank) },
    {
      header: 'TYPE',
      cell: (t) => (t.seed ? `${t.instanceType} ${style.dim('(seed)')}` : style.green(t.instanceType)),
    },
    { header: 'VCPU', align: 'right', drop: 5, cell: (t) => String(t.vcpus) },
    ...(gpu
      ? [{ header: 'GPU', align: 'right' as const, drop: 4, cell: (t: { gpus: number }) => String(t.gpus) }]
      : []),
    { header: 'SPOT/H', align: 'right', drop: 3, cell: (t) => formatUsd(t.spotPrice) },
    { header: `PER ${unit}`, align: 'right', cell: (t) => formatUsd(t.spotPricePerUnit) },
    { header: 'RANKED AS', align: 'right', drop: 7, cell: (t) => formatUsd(t.rankedPricePerUnit) },
    {
      header: 'SAVINGS',
      align: 'right',
      drop: 6,
      cell: (t) => (t.savingsPct === undefined ? '—' : `${t.savingsPct}%`),
    },
    { header: 'ZONES', align: 'right', drop: 2, cell: (t) => String(t.offeredZones.length) },
    { header: 'INTERRUPTION', drop: 1, cell: (t) => t.interruption?.label ?? '—' },
  ];
  const layout = layoutTable(
    columns,
    result.recommended.map((t) => columns.map((c) => c.cell(t))),
    {
      headerStyle: style.bold,
      ...(options.wide || options.width === undefined ? {} : { maxWidth: options.width }),
    },
  );
  return [
    layout.text,
    ...(layout.hidden.length > 0
      ? [
          style.dim(
            `(${layout.hidden.join(', ')} hidden to fit ${options.width} columns; -o wide shows them)`,
          ),
        ]
      : []),
  ];
}

function renderLeftOut(result: SuggestResult, options: ViewOptions): string[] {
  const style = options.style ?? plainStyle;
  if (result.leftOut.length === 0) return [];
  const count = result.leftOut.reduce((sum, group) => sum + group.instanceTypes.length, 0);
  const lines = ['', style.dim(`Left out (${count} types):`)];
  for (const group of result.leftOut) {
    const shown = options.wide ? group.instanceTypes : group.instanceTypes.slice(0, LEFT_OUT_SHOWN);
    const names = shown.map((type) =>
      options.wide && group.details?.[type] ? `${type} (${group.details[type]})` : type,
    );
    const more = group.instanceTypes.length - shown.length;
    lines.push(style.dim(`  ${group.reason}: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`));
  }
  return lines;
}

export function renderSuggestions(output: SuggestOutput, now: Date, options: ViewOptions = {}): string {
  const style = options.style ?? plainStyle;
  const lines = [
    style.bold(
      `Instance types for ${output.seeds.length > 0 ? output.seeds.join(', ') : 'these requirements'} in ${output.region}`,
    ),
    style.dim(renderSourceLine(output, now)),
    '',
    ...renderSuggestionTable(output, options),
    '',
    style.bold('Why'),
  ];
  for (const t of output.recommended) lines.push(`  ${t.instanceType}: ${t.reasons.join('; ')}`);
  const placement = renderPlacement(output.placement, output.placementScores, now, style);
  if (placement.length > 0) lines.push('', ...placement);
  lines.push(
    '',
    style.bold('Paste into the NodePool (spec.template.spec.requirements):'),
    stringify([output.requirement]).trimEnd(),
  );
  if (output.floors.length > 0) {
    lines.push('', style.bold('Karpenter floors'));
    for (const floor of output.floors) {
      const tag = floor.level === 'warning' ? style.yellow('warning') : style.cyan('info');
      lines.push(`  ${tag}: ${floor.message}`);
    }
  }
  if (output.quota.length > 0) {
    lines.push('', style.bold('Quota cost'));
    for (const note of output.quota) lines.push(`  ${note.bucket}: ${note.message}`);
  }
  lines.push(...renderLeftOut(output, options));
  const notes = [...output.notes, ...output.placement.notes];
  if (notes.length > 0) lines.push('', ...notes.map((note) => style.dim(`note: ${note}`)));
  return lines.join('\n');
}

/** The whole `spotctl suggest` printout. */
export const renderSuggestRun = (run: SuggestRun, now: Date, options: ViewOptions = {}): string =>
  renderSuggestions(run.output, now, options);
