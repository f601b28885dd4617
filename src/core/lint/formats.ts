/**
 * Lint output: compact linter lines, SARIF 2.1.0 for code-scanning UIs, and GitHub Actions annotations.
 */
import { escapeData, escapeProperty } from '../format/github.js';
import { printable } from '../format/printable.js';
import type { Style } from '../format/style.js';
import { RULES, type LintSummary } from './lint.js';
import type { Finding, Rule, Severity } from './types.js';

/** `file:line:col severity rule-id message`, with the fix on an indented line below. */
export function renderFindings(findings: Finding[], style: Style): string {
  const colour: Record<Severity, (s: string) => string> = {
    error: style.red,
    warning: style.yellow,
    info: style.cyan,
  };
  return findings
    .map(
      (f) =>
        `${printable(f.file)}:${f.line}:${f.column} ${colour[f.severity](f.severity)} ${style.bold(f.ruleId)} ${printable(f.message)}\n` +
        style.dim(`  fix: ${printable(f.fix)}${f.edits?.length ? ' (--fix applies this)' : ''}`),
    )
    .join('\n');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderSummary(summary: LintSummary, files: number): string {
  const parts = [
    plural(summary.counts.error, 'error'),
    plural(summary.counts.warning, 'warning'),
    `${summary.counts.info} info`,
  ];
  const fixable = summary.fixable > 0 ? `; ${summary.fixable} fixable with --fix` : '';
  return `${parts.join(', ')} in ${plural(files, 'file')}${fixable}`;
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** A path as a SARIF artifact URI: relative paths stay relative (resolved against the checkout). */
export function artifactUri(path: string): string {
  const posix = path.replace(/\\/g, '/');
  if (posix.startsWith('/')) return `file://${encodeURI(posix)}`;
  return encodeURI(posix.replace(/^\.\//, ''));
}

/** SARIF 2.1.0 log with one run: the rule table and one result per finding. */
export function toSarif(
  findings: Finding[],
  rules: Rule[],
  tool: { name: string; version: string; informationUri: string },
) {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              help: { text: rule.fix },
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: SARIF_LEVEL[f.severity],
          message: { text: `${f.message}. Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: artifactUri(f.file) },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
}

/** Escape a GitHub workflow-command message (data) or property value. */

const ANNOTATION: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** `::error file=…,line=…,col=…,title=…::message` lines for GitHub Actions. */
export function githubAnnotations(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `::${ANNOTATION[f.severity]} file=${escapeProperty(f.file)},line=${f.line},col=${f.column},title=${escapeProperty(`spotctl ${f.ruleId}`)}::${escapeData(`${f.message}. Fix: ${f.fix}`)}`,
    )
    .join('\n');
}

export type LintFormat = 'text' | 'sarif' | 'github';

/**
 * The report in `format`, split by stream: findings are data (stdout), the summary line is a hint
 * (stderr). SARIF is a whole document, so it has no summary line.
 */
export function renderLintReport(
  format: LintFormat,
  findings: Finding[],
  summary: LintSummary & { files: number },
  style: Style,
  tool: { name: string; version: string; informationUri: string },
): { stdout?: string; stderr?: string } {
  if (format === 'sarif') return { stdout: JSON.stringify(toSarif(findings, RULES, tool), null, 2) };
  const stderr = renderSummary(summary, summary.files);
  if (findings.length === 0) return { stderr };
  return {
    stdout: format === 'github' ? githubAnnotations(findings) : renderFindings(findings, style),
    stderr,
  };
}
