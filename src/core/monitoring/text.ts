/**
 * The terminal display of a `spotctl monitoring` run. A dry run keeps stdout for the YAML stream (so it
 * pipes into `kubectl apply -f -`) and reports on stderr; a run that wrote reports on stdout.
 */
import type { Style } from '../format/style.js';
import type { MonitoringOutput, MonitoringResult } from './types.js';

export interface MonitoringText {
  stdout?: string;
  stderr: string[];
}

function versions(result: MonitoringResult): string {
  const k = result.karpenter;
  const nth = result.nth
    ? `; aws-node-termination-handler ${result.nth.minor} (metrics of ${result.nth.release})`
    : '';
  return `Karpenter ${k.minor} (metrics of ${k.release}${k.newest ? ', the newest spotctl knows' : ''})${nth}`;
}

function report(result: MonitoringResult, style: Style): string[] {
  const width = Math.max(0, ...result.alerts.map((alert) => alert.name.length));
  const lines = [versions(result), '', style.bold(`Alerts (${result.alerts.length}):`)];
  for (const alert of result.alerts) {
    const severity =
      alert.severity === 'critical' ? style.red : alert.severity === 'warning' ? style.yellow : style.dim;
    lines.push(`  ${severity(alert.severity.padEnd(8))} ${alert.name.padEnd(width)}  ${alert.watches}`);
  }
  const { dashboard } = result;
  lines.push(
    '',
    `${style.bold('Dashboard:')} ${dashboard.title} (uid ${dashboard.uid}), ${dashboard.panels.length} panels; variables ${dashboard.variables.map((v) => `$${v.name}`).join(', ')}`,
  );
  if (result.omitted.length > 0) {
    lines.push('', style.bold(`Left out for these versions (${result.omitted.length}):`));
    for (const o of result.omitted) lines.push(`  ${o.kind} ${o.name}: ${style.dim(o.reason)}`);
  }
  return lines;
}

/** What to print for a finished run that did not use --json. */
export function renderMonitoringText(
  output: MonitoringOutput,
  style: { stdout: Style; stderr: Style },
): MonitoringText {
  const notes = output.notes.map((note) => style.stderr.dim(`note: ${note}`));
  if (output.dryRun) {
    return { stdout: output.manifest.trimEnd(), stderr: [...report(output, style.stderr), ...notes] };
  }
  const dir = output.outputDir.replace(/\/+$/, '') || '.';
  const stdout = [
    `Wrote ${output.files.map((file) => file.path).join(', ')}`,
    '',
    ...report(output, style.stdout),
    '',
    style.stdout.bold('Next:'),
    `  kubectl apply -f ${/^[\w./@%+=:,-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, `'\\''`)}'`}/`,
  ].join('\n');
  return { stdout, stderr: notes };
}
