/**
 * Human rendering of suggestions: the ranked list with reasons, the requirement to paste into a NodePool,
 * Karpenter's floors and the quota cost.
 */
import { stringify } from 'yaml';

import { type Style, plainStyle } from '../format/style.js';
import { renderTable } from '../format/table.js';
import type { SuggestResult } from './suggest.js';
import { formatUsd } from '../format/money.js';
import type { SuggestRun } from './run.js';
import { renderSourceLine } from '../format/data-source.js';

export function renderSuggestions(result: SuggestResult, style: Style = plainStyle): string {
  const unit = result.unit === 'gpu' ? 'GPU' : 'vCPU';
  const rows = result.recommended.map((t) => [
    String(t.rank),
    t.seed ? `${t.instanceType} ${style.dim('(seed)')}` : style.green(t.instanceType),
    String(t.vcpus),
    String(t.gpus),
    formatUsd(t.spotPrice),
    formatUsd(t.spotPricePerUnit),
    t.savingsPct === undefined ? '—' : `${t.savingsPct}%`,
    String(t.offeredZones.length),
    t.interruption ?? '—',
  ]);
  const lines = [
    style.bold(
      `Instance types for ${result.seeds.length > 0 ? result.seeds.join(', ') : 'these requirements'} in ${result.region}`,
    ),
    renderTable(
      [
        { header: '#', align: 'right' },
        { header: 'TYPE' },
        { header: 'VCPU', align: 'right' },
        { header: 'GPU', align: 'right' },
        { header: 'SPOT/H', align: 'right' },
        { header: `PER ${unit}`, align: 'right' },
        { header: 'SAVINGS', align: 'right' },
        { header: 'ZONES', align: 'right' },
        { header: 'INTERRUPTION' },
      ],
      rows,
      style.bold,
    ),
    '',
    style.bold('Why'),
  ];
  for (const t of result.recommended) lines.push(`  ${t.instanceType}: ${t.reasons.join('; ')}`);
  lines.push(
    '',
    style.bold('Paste into the NodePool (spec.template.spec.requirements):'),
    stringify([result.requirement]).trimEnd(),
  );
  if (result.floors.length > 0) {
    lines.push('', style.bold('Karpenter floors'));
    for (const floor of result.floors) {
      const tag = floor.level === 'warning' ? style.yellow('warning') : style.cyan('info');
      lines.push(`  ${tag}: ${floor.message}`);
    }
  }
  if (result.quota.length > 0) {
    lines.push('', style.bold('Quota cost'));
    for (const note of result.quota) lines.push(`  ${note.bucket}: ${note.message}`);
  }
  if (result.rejected.length > 0) {
    lines.push('', style.dim(`Left out (${result.rejected.length}):`));
    for (const r of result.rejected.slice(0, 10)) lines.push(style.dim(`  ${r.instanceType}: ${r.reason}`));
    if (result.rejected.length > 10)
      lines.push(style.dim(`  … and ${result.rejected.length - 10} more (see --json)`));
  }
  if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => style.dim(`note: ${note}`)));
  return lines.join('\n');
}

/** The whole `spotctl suggest` printout: the suggestions, then where the data came from. */
export const renderSuggestRun = (run: SuggestRun, now: Date, style: Style = plainStyle): string =>
  `${renderSuggestions(run.output, style)}\n${style.dim(renderSourceLine(run.analysis, now))}`;
