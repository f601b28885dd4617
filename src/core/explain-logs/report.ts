/**
 * Diagnosis → result: the one place the report is built. Explanations and actions are filled in for the
 * Karpenter version the log is from (or the one the user named), problems sorted worst first.
 */
import { type ActionContext, fillTemplate, regionOfZone, renderActions } from '../logs/actions.js';
import { constantIn } from '../logs/facts.js';
import { entryById } from '../logs/knowledge/index.js';
import { versionsText } from '../logs/knowledge/template-entries.js';
import { templateById } from '../logs/templates.js';
import { SEVERITY_RANK, type Severity } from '../logs/types.js';
import { describeRange, noteApplies, type VersionRange } from '../logs/versions.js';
import type { Diagnosis } from './diagnosis.js';
import type { ProblemAcc } from './problem-tally.js';
import { linkCauses } from './causes.js';
import type { ExplainResult, Problem, VersionSummary } from './result.js';
import { cacheStatement, ttlText } from './statements.js';
import { karpenterVersion, nthVersion, type VersionFound } from './versions-found.js';

export interface ReportOptions {
  /** `--karpenter-version`: overrides what the log's message templates suggest. */
  karpenterVersion?: string;
  /** `--region`: used in the suggested commands; otherwise derived from the zones in the log. */
  region?: string;
}

const summaryOf = (found: VersionFound): VersionSummary => ({
  source: found.source,
  range: found.range ? describeRange(found.range) : null,
  ...(found.detail ? { detail: found.detail } : {}),
  ...(found.disagreement
    ? {
        disagreement: {
          source: found.disagreement.source,
          range: describeRange(found.disagreement.range),
          ...(found.disagreement.detail ? { detail: found.disagreement.detail } : {}),
        },
      }
    : {}),
});

/** Which products the log has lines of, from the templates and commits it showed. */
function products(diagnosis: Diagnosis): { karpenter: boolean; nth: boolean } {
  let karpenter = diagnosis.versions.commits.size > 0 || diagnosis.versions.stated.size > 0;
  let nth = false;
  for (const id of diagnosis.versions.templates.keys()) {
    const product = templateById(id)?.product;
    if (product === 'karpenter') karpenter = true;
    else if (product === 'nth') nth = true;
  }
  const formats = diagnosis.stats.stats.formats;
  if (formats['karpenter-json'] || formats['karpenter-console'] || formats['karpenter-json-pretty'])
    karpenter = true;
  if (formats['nth-console'] || formats['nth-json']) nth = true;
  return { karpenter, nth };
}

/** The cache TTL for the range: certain when every release in it has the same one. */
function offeringTtl(range: VersionRange | undefined): { seconds: number; certain: boolean } {
  const ttl = constantIn('unavailable-offerings-ttl', range);
  if (ttl.only !== undefined) return { seconds: ttl.only, certain: true };
  // Unknown or mixed: the current value, said to be uncertain.
  return {
    seconds: constantIn('unavailable-offerings-ttl', undefined).values.at(-1)?.value ?? 180,
    certain: false,
  };
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

const severityOf = (acc: ProblemAcc, entrySeverity: Severity): Severity => acc.severity ?? entrySeverity;

function problemOf(
  acc: ProblemAcc,
  range: VersionRange | undefined,
  severity: typeof severityOf,
  ctx: Omit<ActionContext, 'region'> & { region?: string },
): Problem {
  const entry = entryById(acc.id);
  if (!entry) throw new Error(`unknown knowledge-base entry ${acc.id}`);
  // The code the entry is about, for what Karpenter does with it in this version.
  const code = [...acc.codes][0] ?? entry.match.find((rule) => rule.codes)?.codes?.[0];
  if (code && ctx.ttlText) ctx = { ...ctx, cacheText: cacheStatement(code, range, ctx.ttlText) };
  const notes = (entry.versions ?? []).filter((note) => noteApplies(note, range)).map((note) => note.text);
  const explanation = [fillTemplate(entry.what, ctx), fillTemplate(entry.why, ctx), ...notes].join(' ');
  return {
    id: entry.id,
    title: entry.title,
    severity: severity(acc, entry.severity),
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
      nodes: [...acc.nodes],
      instanceIds: [...acc.instanceIds],
      other: [...acc.subnets, ...acc.iamActions, ...acc.frames],
    },
    example: acc.example,
    ...templateOf(acc.id, entry.area),
  };
}

function templateOf(id: string, area: string | undefined): Pick<Problem, 'template'> {
  const template = area ? templateById(id) : undefined;
  if (!template || !area) return {};
  return {
    template: { text: template.template, file: template.file, versions: versionsText(template), area },
  };
}

/** The result for everything read into `diagnosis`. */
export function buildReport(diagnosis: Diagnosis, options: ReportOptions = {}): ExplainResult {
  const { karpenter, nth } = products(diagnosis);
  const version = karpenterVersion(diagnosis.versions, options.karpenterVersion);
  const range = version.range;
  const ttl = offeringTtl(range);
  const ttlSeconds = ttl.seconds;
  const accs = [...diagnosis.problems.byId.values()];
  const globalRegion = regionFor(
    accs.flatMap((p) => [...p.zones]),
    options,
  );

  const problems = accs.map((acc) =>
    problemOf(acc, range, severityOf, {
      region: regionFor(acc.zones, options) ?? globalRegion,
      instanceTypes: [...acc.instanceTypes],
      zones: [...acc.zones],
      nodePools: [...acc.nodePools],
      subnets: [...acc.subnets],
      iamActions: [...acc.iamActions],
      iamRoles: [...acc.iamRoles],
      codes: [...acc.codes],
      ttlSeconds,
      ttlText: ttlText(ttlSeconds, ttl.certain),
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

  const ordered = linkCauses(problems);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const problem of ordered) counts[problem.severity] += 1;
  const { stats, start, end } = diagnosis.stats;

  return {
    summary: {
      sources: stats.sources.map((s) => s.name),
      timeRange: start && end ? { start, end } : null,
      karpenterVersion: summaryOf(version),
      ...(nth ? { nthVersion: summaryOf(nthVersion(diagnosis.versions)) } : {}),
      karpenter: karpenter || version.source === 'flag',
      offeringTtlSeconds: ttlSeconds,
      offeringTtlCertain: ttl.certain,
      region: globalRegion ?? null,
      counts,
    },
    problems: ordered,
    timeline: { events: diagnosis.timeline.report(), omitted: diagnosis.timeline.omittedCount },
    blockedOfferings: diagnosis.offerings.report(range, ttlSeconds),
    unrecognized: diagnosis.unrecognised.report(),
    alternatives: [],
    stats,
  };
}
