/**
 * quota-check output for CI: GitHub Actions annotations on the NodePools that cause a shortfall, and a
 * JUnit XML report.
 */
import { escapeData, escapeProperty } from '../format/github.js';
import { failing as isFailing, type QuotaCheck, type QuotaCheckResult } from '../quota/check.js';
import { admitsLine, fmt, sourceLabel } from './text.js';

type Located = { file?: string; line?: number; column?: number };

/** Where to annotate a check: each contributing pool that has a file position. */
function locations(check: QuotaCheck, result: QuotaCheckResult): Located[] {
  const found = result.pools
    .filter((p) => check.pools.includes(p.name) && p.file)
    .map((p) => ({ file: p.file, line: p.span?.line, column: p.span?.column }));
  return found.length > 0 ? found : [{}];
}

/** `::error file=…,line=…::` for failures (and unknowns under --strict), `::warning` for warnings. */
export function quotaAnnotations(result: QuotaCheckResult, strict: boolean): string[] {
  const lines: string[] = [];
  for (const check of result.checks) {
    const level =
      check.status === 'fail' || (strict && check.status === 'unknown')
        ? 'error'
        : check.status === 'warn' || check.status === 'unknown'
          ? 'warning'
          : undefined;
    if (!level) continue;
    const message = `${check.quotaName} (${check.quotaCode}): ${check.reason}${check.asIntended ? `; ${check.asIntended.reason}` : ''}${check.fix ? `. Fix: ${check.fix}` : ''}${check.alternative ? ` ${check.alternative}` : ''}`;
    for (const where of locations(check, result)) {
      const props = [
        where.file && `file=${escapeProperty(where.file)}`,
        where.line && `line=${where.line}`,
        where.column && `col=${where.column}`,
        `title=${escapeProperty(`spotctl quota-check ${check.quotaCode}`)}`,
      ].filter(Boolean);
      lines.push(`::${level} ${props.join(',')}::${escapeData(message)}`);
    }
  }
  return lines;
}

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** JUnit XML: one test case per quota; fail (and unknown under --strict) fail, unknown otherwise skips. */
export function quotaJunit(result: QuotaCheckResult, strict: boolean, timestamp: Date): string {
  const failing = (c: QuotaCheck) => isFailing(c, strict);
  const failures = result.checks.filter(failing).length;
  const skipped = result.checks.filter((c) => c.status === 'unknown' && !strict).length;
  const cases = result.checks.map((c) => {
    const name = `${c.bucketName} ${c.capacityType} (${c.quotaCode})`;
    const detail = [
      `required: ${fmt(c.required)}`,
      `quota: ${fmt(c.quota)} (from ${sourceLabel(c)})`,
      ...(c.usage !== undefined ? [`usage: ${fmt(c.usage)}`] : []),
      `headroom: ${fmt(c.headroom)}`,
      `pools: ${c.pools.join(', ')}`,
      ...(c.asIntended ? [c.asIntended.reason] : []),
      ...(admitsLine(c) ? [`quota ${admitsLine(c)}`] : []),
      ...(c.fix ? [`fix: ${c.fix}`] : []),
      ...(c.alternative ? [c.alternative] : []),
    ].join('\n');
    const body = failing(c)
      ? `<failure message="${xml(c.reason)}" type="${c.status}">${xml(detail)}</failure>`
      : c.status === 'unknown'
        ? `<skipped message="${xml(c.reason)}"/>`
        : `<system-out>${xml(`${c.status}: ${c.reason}\n${detail}`)}</system-out>`;
    return `    <testcase classname="spotctl.quota-check.${c.capacityType}" name="${xml(name)}">${body}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="spotctl quota-check" tests="${result.checks.length}" failures="${failures}" skipped="${skipped}">`,
    `  <testsuite name="spotctl quota-check" tests="${result.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${timestamp.toISOString()}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
