/**
 * Diagnosis → result: the one place the report is built. Explanations and actions are filled in for the
 * Karpenter version the log is from (or the one the user named), problems sorted worst first.
 */
import { type ActionContext, fillTemplate, regionOfZone, renderActions } from '../logs/actions.js';
import { entryById } from '../logs/knowledge/index.js';
import { SEVERITY_RANK, type Severity } from '../logs/types.js';
import {
  describeRange,
  noteApplies,
  offeringTtlSeconds,
  parseVersion,
  type VersionRange,
} from '../logs/versions.js';
import type { Diagnosis } from './diagnosis.js';
import type { ProblemAcc } from './problem-tally.js';
import type { ExplainResult, Problem } from './result.js';

export interface ReportOptions {
  /** `--karpenter-version`: overrides what the log's message templates suggest. */
  karpenterVersion?: string;
  /** `--region`: used in the suggested commands; otherwise derived from the zones in the log. */
  region?: string;
}

function versionRange(
  diagnosis: Diagnosis,
  options: ReportOptions,
): { range?: VersionRange; source: 'flag' | 'inferred' | 'unknown' } {
  const flag = options.karpenterVersion ? parseVersion(options.karpenterVersion) : undefined;
  if (flag) return { range: { min: flag, max: flag }, source: 'flag' };
  const inferred = diagnosis.era.range();
  return inferred ? { range: inferred, source: 'inferred' } : { source: 'unknown' };
}

/** The Region most of `zones` are in (or the flag's). */
function regionFor(zones: Iterable<string>, options: ReportOptions): string | undefined {
  if (options.region) return options.region;
  const counts = new Map<string, number>();
  for (const zone of zones) {
    const region = regionOfZone(zone);
    if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function problemOf(
  acc: ProblemAcc,
  range: VersionRange | undefined,
  ctx: Omit<ActionContext, 'region'> & { region?: string },
): Problem {
  const entry = entryById(acc.id);
  if (!entry) throw new Error(`unknown knowledge-base entry ${acc.id}`);
  const notes = (entry.versions ?? []).filter((note) => noteApplies(note, range)).map((note) => note.text);
  const explanation = [fillTemplate(entry.what, ctx), fillTemplate(entry.why, ctx), ...notes].join(' ');
  return {
    id: entry.id,
    title: entry.title,
    severity: entry.severity,
    category: entry.category,
    count: acc.count,
    firstSeen: acc.firstSeen ?? null,
    lastSeen: acc.lastSeen ?? null,
    codes: [...acc.codes],
    explanation,
    actions: renderActions(entry.actions, ctx),
    docs: entry.docs,
    affected: {
      instanceTypes: [...acc.instanceTypes],
      zones: [...acc.zones],
      capacityTypes: [...acc.capacityTypes],
      nodePools: [...acc.nodePools],
      other: [...acc.subnets, ...acc.iamActions],
    },
    example: acc.example,
  };
}

/** The result for everything read into `diagnosis`. */
export function buildReport(diagnosis: Diagnosis, options: ReportOptions = {}): ExplainResult {
  const { range, source } = versionRange(diagnosis, options);
  const ttlSeconds = offeringTtlSeconds(range);
  const accs = [...diagnosis.problems.byId.values()];
  const globalRegion = regionFor(
    accs.flatMap((p) => [...p.zones]),
    options,
  );

  const problems = accs.map((acc) =>
    problemOf(acc, range, {
      region: regionFor(acc.zones, options) ?? globalRegion,
      instanceTypes: [...acc.instanceTypes],
      zones: [...acc.zones],
      nodePools: [...acc.nodePools],
      subnets: [...acc.subnets],
      iamActions: [...acc.iamActions],
      iamRoles: [...acc.iamRoles],
      codes: [...acc.codes],
      ttlSeconds,
      vcpuLimit: acc.vcpuLimit,
    }),
  );
  const activity = (id: string) => Number(Boolean(entryById(id)?.activity));
  problems.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      activity(a.id) - activity(b.id) ||
      b.count - a.count ||
      a.id.localeCompare(b.id),
  );

  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  const { stats, start, end } = diagnosis.stats;

  return {
    summary: {
      sources: stats.sources.map((s) => s.name),
      timeRange: start && end ? { start, end } : null,
      karpenterVersion: { source, range: range ? describeRange(range) : null },
      offeringTtlSeconds: ttlSeconds,
      region: globalRegion ?? null,
      counts,
    },
    problems,
    timeline: { events: diagnosis.timeline.report(), omitted: diagnosis.timeline.omittedCount },
    blockedOfferings: diagnosis.offerings.report(range, ttlSeconds),
    unrecognized: diagnosis.unrecognised.report(),
    alternatives: [],
    stats,
  };
}
