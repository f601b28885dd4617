/**
 * Human output for `explain-logs`: summary, then each problem (worst first) with what it affects, one real
 * line, the explanation and numbered actions; routine activity in one line; the timeline; the rebuilt
 * unavailable-offerings cache; unrecognised error lines. Pure: a result and a Style in, text out.
 */
import type { Style } from '../format/style.js';
import { renderTable } from '../format/table.js';
import { describeTtl } from '../logs/actions.js';
import { entryById } from '../logs/knowledge/index.js';
import type { Severity } from '../logs/types.js';
import type { ExplainResult, Problem, VersionSummary } from './result.js';
import { ttlText } from './statements.js';

const WIDTH = 100;
const EXAMPLE_CHARS = 400;

/** `12,345`: counts grouped by hand, as `toLocaleString('en-US')` would (whose first call costs ~15 ms). */
export function number(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** `2024-08-04T21:21:43.196Z` → `2024-08-04 21:21:43Z`. */
export const formatTime = (iso: string | null | undefined): string =>
  iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';

const plural = (n: number, word: string): string => `${number(n)} ${word}${n === 1 ? '' : 's'}`;

/** Greedy word wrap; long words (URLs, commands) are never broken. */
export function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width - indent.length) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/** One line, control characters shown safely, capped. */
const oneLine = (text: string, max = EXAMPLE_CHARS): string => {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/\s*\n\s*/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '·');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

/**
 * A file path shortened from the left to `max` columns, the file name kept whole where it fits
 * (`…/karpenter-logs/controller.log`): on a terminal the name tells the files apart, and a path wider
 * than the screen would push the line it labels off it. Whole when the width is unknown.
 */
export function shortPath(path: string, max: number): string {
  const chars = [...path];
  if (chars.length <= max) return path;
  const segments = path.split('/');
  let kept = segments.pop()!;
  if ([...kept].length + 2 > max) return `…${[...kept].slice(-(max - 1)).join('')}`;
  while (segments.length > 0 && [...`…/${segments.at(-1)}/${kept}`].length <= max)
    kept = `${segments.pop()}/${kept}`;
  return `…/${kept}`;
}

/** Where a line was read (`file:line`), shortened to at most half the width on a terminal. */
const where = (source: string, lineNumber: number, width: number | undefined): string => {
  const suffix = `:${lineNumber}`;
  if (width === undefined) return `${source}${suffix}`;
  return `${shortPath(source, Math.max(16, Math.floor(width / 2)) - suffix.length)}${suffix}`;
};

/** Columns a quoted log line keeps at least, however narrow the terminal. */
const MIN_QUOTE = 24;

/**
 * A log line quoted after `prefix` (its visible text): shortened with an ellipsis to the output width, or
 * whole when the width is unknown (piped output keeps full lines for grep and less).
 */
const quote = (line: string, prefix: string, width: number | undefined): string =>
  // The width less the prefix, the space after it and the ellipsis.
  oneLine(
    line,
    width === undefined ? Number.POSITIVE_INFINITY : Math.max(MIN_QUOTE, width - prefix.length - 2),
  );

/** The width to render for: the terminal's, else `COLUMNS`, else unknown (piped). */
export function outputWidth(columns: number | undefined, columnsEnv: string | undefined): number | undefined {
  if (columns !== undefined && columns > 0) return columns;
  const env = Number(columnsEnv);
  return Number.isInteger(env) && env > 0 ? env : undefined;
}

export interface RenderOptions {
  /** Output width in columns: quoted log lines are shortened to it, prose wraps within it (at most 100). */
  width?: number;
}

const severityLabel = (severity: Severity, style: Style): string =>
  severity === 'error'
    ? style.red('ERROR')
    : severity === 'warning'
      ? style.yellow('WARN ')
      : style.cyan('INFO ');

function renderAffected(problem: Problem): string | undefined {
  const a = problem.affected;
  const parts = [
    a.instanceTypes.length > 0
      ? `types ${a.instanceTypes.slice(0, 8).join(', ')}${a.instanceTypes.length > 8 ? ` +${a.instanceTypes.length - 8}` : ''}`
      : '',
    a.zones.length > 0 ? `zones ${a.zones.slice(0, 8).join(', ')}` : '',
    a.capacityTypes.length > 0 ? `capacity ${a.capacityTypes.join(', ')}` : '',
    a.nodePools.length > 0 ? `NodePools ${a.nodePools.slice(0, 8).join(', ')}` : '',
    a.nodes.length > 0
      ? `nodes ${a.nodes.slice(0, 5).join(', ')}${a.nodes.length > 5 ? ` +${a.nodes.length - 5}` : ''}`
      : '',
    a.instanceIds.length > 0
      ? `instances ${a.instanceIds.slice(0, 5).join(', ')}${a.instanceIds.length > 5 ? ` +${a.instanceIds.length - 5}` : ''}`
      : '',
    a.other.length > 0 ? a.other.slice(0, 6).join(', ') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function renderProblem(
  problem: Problem,
  style: Style,
  titles: Map<string, string>,
  width: number | undefined,
): string {
  const prose = Math.max(40, Math.min(WIDTH, width ?? WIDTH));
  const out: string[] = [];
  out.push(
    `${severityLabel(problem.severity, style)}  ${style.bold(problem.title)}  ${style.dim(`×${number(problem.count)}`)}  ${style.dim(problem.id)}`,
  );
  const field = (label: string, value: string) => out.push(`  ${style.dim(label.padEnd(9))} ${value}`);
  if (problem.firstSeen)
    field(
      'Seen',
      problem.firstSeen === problem.lastSeen
        ? formatTime(problem.firstSeen)
        : `${formatTime(problem.firstSeen)} → ${formatTime(problem.lastSeen)}`,
    );
  if (problem.codes.length > 0) field('Codes', problem.codes.join(', '));
  if (problem.causedBy)
    field(
      'Cause',
      `${titles.get(problem.causedBy) ?? problem.causedBy} (${problem.causedBy}): fix that first`,
    );
  if (problem.consequences?.length)
    field('Leads to', problem.consequences.map((id) => titles.get(id) ?? id).join('; '));
  const affected = renderAffected(problem);
  if (affected) field('Affected', affected);
  const at = where(problem.example.source, problem.example.lineNumber, width);
  field(
    'Example',
    `${style.dim(at)} ${quote(problem.example.line, `  ${'Example'.padEnd(9)} ${at}`, width)}`,
  );
  out.push(`  ${style.dim('Why')}`);
  out.push(wrap(problem.explanation, prose, '    '));
  if (problem.actions.length > 0) {
    out.push(`  ${style.dim('Do')}`);
    problem.actions.forEach((action, i) => {
      const prefix = `    ${i + 1}. `;
      out.push(prefix + wrap(action, prose, ' '.repeat(prefix.length)).trimStart());
    });
  }
  field('Docs', problem.docs);
  return out.join('\n');
}

/** Render the whole diagnosis. */
export function renderExplanation(result: ExplainResult, style: Style, options: RenderOptions = {}): string {
  const width = options.width;
  const { summary, stats } = result;
  const sections: string[] = [];

  const head: string[] = [];
  const range = summary.timeRange
    ? `${formatTime(summary.timeRange.start)} → ${formatTime(summary.timeRange.end)}`
    : 'no timestamps';
  head.push(
    style.bold(
      `Read ${plural(stats.lines, 'line')} (${formatBytes(stats.bytes)}) from ${sourcesText(summary.sources, width)}`,
    ) + ` · ${range}`,
  );
  const formats = Object.entries(stats.formats)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${number(count)}`);
  head.push(
    `Records ${number(stats.records)} · skipped ${number(stats.skipped)}${stats.truncatedLines > 0 ? ` · ${plural(stats.truncatedLines, 'line')} over 64 KiB (start analysed)` : ''}${formats.length > 0 ? ` · formats: ${formats.join(', ')}` : ''}`,
  );
  head.push(...versionLines(summary, stats.records));

  const problems = result.problems.filter((p) => !entryById(p.id)?.activity);
  const activity = result.problems.filter((p) => entryById(p.id)?.activity);
  const problemCounts = (['error', 'warning', 'info'] as const).map((severity) => {
    const n = problems.filter((p) => p.severity === severity).length;
    const label = plural(n, severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice');
    return severity === 'error' && n > 0
      ? style.red(label)
      : severity === 'warning' && n > 0
        ? style.yellow(label)
        : label;
  });
  head.push(
    `Problems: ${problemCounts.join(', ')}${result.unrecognized.total > 0 ? `, ${plural(result.unrecognized.total, 'unrecognised error line')}` : ''}`,
  );
  if (
    stats.records === 0 ||
    (problems.length === 0 && activity.length === 0 && result.unrecognized.total === 0)
  ) {
    head.push(
      stats.records === 0
        ? 'No log records found. Pass Karpenter or NTH logs, e.g. `kubectl logs -n karpenter deploy/karpenter | spotctl explain-logs`.'
        : 'Nothing in the knowledge base matched: no known Karpenter or NTH problem in this input.',
    );
  }
  sections.push(head.join('\n'));

  const titles = new Map(result.problems.map((p) => [p.id, p.title]));
  for (const problem of problems) sections.push(renderProblem(problem, style, titles, width));

  if (activity.length > 0) {
    sections.push(
      `${style.bold('Activity')}  ${activity.map((p) => `${p.title.toLowerCase()} ×${number(p.count)}`).join(' · ')}`,
    );
  }

  if (result.alternatives.length > 0) {
    const lines = [style.bold('Alternatives (from the catalog)')];
    for (const alt of result.alternatives) lines.push(wrap(alt.advice, WIDTH, '  '));
    sections.push(lines.join('\n'));
  }

  if (result.timeline.events.length > 0) {
    const rows = result.timeline.events.map((e) => [
      formatTime(e.time),
      e.kind,
      e.count > 1 ? `×${number(e.count)}` : '',
      oneLine(e.summary, 120),
    ]);
    const note =
      result.timeline.omitted > 0
        ? style.dim(` (${number(result.timeline.omitted)} events in the middle omitted)`)
        : '';
    sections.push(
      `${style.bold('Timeline')}${note}\n` +
        indent(
          renderTable(
            [
              { header: 'TIME' },
              { header: 'EVENT' },
              { header: 'COUNT', align: 'right' },
              { header: 'WHAT' },
            ],
            rows,
            style.dim,
          ),
        ),
    );
  }

  if (result.blockedOfferings.length > 0) {
    const shown = result.blockedOfferings.slice(0, 50);
    const rows = shown.map((b) => [
      b.capacityType,
      b.instanceType,
      b.zone,
      oneLine(b.reason, 60),
      formatTime(b.firstBlocked),
      formatTime(b.until),
      number(b.count),
      b.evidence,
    ]);
    const more = result.blockedOfferings.length - shown.length;
    sections.push(
      `${style.bold('Blocked offerings')} ${style.dim(`(Karpenter’s unavailable-offerings cache, key capacityType:instanceType:zone, TTL ${describeTtl(summary.offeringTtlSeconds)} unless the line says otherwise)`)}\n` +
        indent(
          renderTable(
            [
              { header: 'CAPACITY' },
              { header: 'TYPE' },
              { header: 'ZONE' },
              { header: 'REASON' },
              { header: 'FIRST BLOCKED' },
              { header: 'BLOCKED UNTIL' },
              { header: 'TIMES', align: 'right' },
              { header: 'EVIDENCE' },
            ],
            rows,
            style.dim,
          ),
        ) +
        (more > 0 ? `\n  … ${plural(more, 'more offering')} (see --json)` : ''),
    );
  }

  if (result.unrecognized.total > 0) {
    const lines = [
      `${style.bold('Unrecognised error lines')} ${style.dim(`(${number(result.unrecognized.total)}; not in the knowledge base — read them yourself)`)}`,
    ];
    for (const line of result.unrecognized.lines) {
      const codes = line.codes.length > 0 ? ` [${line.codes.join(', ')}]` : '';
      const at = where(line.source, line.lineNumber, width);
      const counted = `${line.count > 1 ? ` ×${number(line.count)}` : ''}${codes}`;
      lines.push(`  ${style.dim(at)}${counted} ${quote(line.line, `  ${at}${counted}`, width)}`);
      const near = line.nearest;
      if (near) {
        const where = `(${near.file}, ${near.versions})`;
        const prefix = '      nearest known message: ';
        lines.push(
          `${style.dim(prefix)}${quote(`“${near.template}”`, `${prefix}${where}`, width)} ${style.dim(where)}`,
        );
      }
    }
    if (result.unrecognized.more > 0)
      lines.push(`  … ${plural(result.unrecognized.more, 'more line')} of other kinds`);
    sections.push(lines.join('\n'));
  }

  return `${sections.join('\n\n')}\n`;
}

/** A few names, or how many files there were (`50 files and stdin`). */
function sourcesText(sources: string[], width: number | undefined): string {
  if (sources.length === 0) return 'stdin';
  const max = width === undefined ? Number.POSITIVE_INFINITY : Math.max(16, Math.floor(width / 2));
  if (sources.length <= 3) return sources.map((source) => shortPath(source, max)).join(', ');
  const files = sources.filter((s) => s !== 'stdin').length;
  return `${number(files)} files${files < sources.length ? ' and stdin' : ''}`;
}

const VERSION_SOURCE: Record<VersionSummary['source'], string> = {
  flag: 'as given by --karpenter-version',
  commit: 'from the commit',
  log: 'as the log states',
  templates: 'from its messages',
  unknown: '',
};

function versionText(product: string, version: VersionSummary, flagHint: boolean): string {
  if (version.range === null)
    return `${product} version unknown${flagHint ? ' (pass --karpenter-version to be exact)' : ''}`;
  const how = version.detail
    ? `${VERSION_SOURCE[version.source]}${version.source === 'commit' ? ' ' : ': '}${version.detail}`
    : VERSION_SOURCE[version.source];
  const disagreement = version.disagreement
    ? ` — the log says ${version.disagreement.range}${version.disagreement.detail ? ` (${version.disagreement.detail})` : ''}`
    : '';
  return `${product} ${version.range}${how ? ` (${how})` : ''}${disagreement}`;
}

/** Which releases wrote the log, and the cache TTL that follows (only when there are Karpenter lines). */
function versionLines(summary: ExplainResult['summary'], records: number): string[] {
  const lines: string[] = [];
  // Karpenter's version and cache only for a log that may be Karpenter's: not for NTH's alone, nor nothing.
  if (summary.karpenter || (!summary.nthVersion && records > 0)) {
    const ttl = ttlText(summary.offeringTtlSeconds, summary.offeringTtlCertain);
    lines.push(
      `${versionText('Karpenter', summary.karpenterVersion, true)} · unavailable-offerings TTL ${ttl}`,
    );
  }
  if (summary.nthVersion) lines.push(versionText('NTH', summary.nthVersion, false));
  return lines;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
