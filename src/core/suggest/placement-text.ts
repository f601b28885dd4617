/**
 * Placement scores in words: the list's score, the seeds' alone beside it when they were compared, per
 * zone when asked per zone. Shared by `suggest`, `prices` and the init wizard.
 */
import { describeAge } from '../format/data-source.js';
import { type Style, plainStyle } from '../format/style.js';
import { MIN_TYPES_FOR_A_FAIR_SCORE, type PlacementReport, type PlacementScore } from './placement.js';

const UNIT_WORDS = { units: 'instances', vcpu: 'vCPUs', 'memory-mib': 'MiB of memory' } as const;

const scoreText = (scores: PlacementScore[]): string =>
  scores
    .map((s) =>
      'region' in s
        ? `${s.score}/10`
        : `${s.zone ? `${s.zone} (${s.availabilityZoneId})` : s.availabilityZoneId} ${s.score}/10`,
    )
    .join(', ');

const typesText = (count: number): string => `${count} type${count === 1 ? '' : 's'}`;

/**
 * The lines to show for a placement report: nothing when there are no scores (its notes say why, once).
 * @param label what the list is, e.g. `the suggested` or `these`.
 */
export function renderPlacement(
  report: PlacementReport,
  scores: PlacementScore[],
  now: Date,
  style: Style = plainStyle,
  label = 'the suggested',
): string[] {
  if (scores.length === 0) return [];
  const perZone = report.singleAvailabilityZone;
  const scope = perZone
    ? `a fleet in one zone of ${report.region}`
    : `a fleet over every zone of ${report.region}`;
  const age =
    report.status === 'cached' && report.fetchedAt
      ? `; cached ${describeAge(report.fetchedAt, now)} ago`
      : '';
  const title = `Spot placement score${perZone ? 's per zone' : ''} (AWS: ${report.targetCapacity} ${UNIT_WORDS[report.targetCapacityUnit]}, ${scope}${age})`;
  const lines = [style.bold(title)];
  const list = `${label} ${typesText(report.instanceTypes.length)}`;
  if (report.seeds) {
    const few =
      report.seeds.instanceTypes.length < MIN_TYPES_FOR_A_FAIR_SCORE
        ? ` (AWS rates fewer than ${MIN_TYPES_FOR_A_FAIR_SCORE} types low by design)`
        : '';
    lines.push(
      `  ${typesText(report.seeds.instanceTypes.length)} (the seeds alone): ${scoreText(report.seeds.placementScores)}${few}`,
    );
  }
  lines.push(`  ${list}: ${scoreText(scores)}`);
  lines.push(
    style.dim(
      '  1 = unlikely, 10 = highly likely to get the whole capacity as Spot now; AWS scores the list as one set, not each type.',
    ),
  );
  return lines;
}
