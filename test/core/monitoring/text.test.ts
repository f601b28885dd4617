/**
 * The terminal display: a dry run leaves stdout to the YAML stream and reports on stderr; a run that
 * wrote lists files, alerts, what was left out and the command that applies them.
 */
import { describe, expect, it } from 'vitest';

import { plainStyle } from '../../../src/core/format/style.js';
import { renderMonitoringText } from '../../../src/core/monitoring/text.js';
import { plan } from './fixtures.js';

const style = { stdout: plainStyle, stderr: plainStyle };

describe('renderMonitoringText', () => {
  it('a dry run prints only the stream on stdout', () => {
    const result = plan({ karpenterVersion: '1.0' });
    const text = renderMonitoringText({ ...result, dryRun: true, written: false }, style);
    expect(text.stdout).toBe(result.manifest.trimEnd());
    expect(text.stderr[0]).toBe('Karpenter v1.0 (metrics of v1.0.14)');
    expect(text.stderr.join('\n')).toMatch(
      /Left out for these versions \(\d+\):\n {2}alert KarpenterInstanceLaunchFailures: /,
    );
  });

  it('a written run names the files, the alerts and the next command', () => {
    const result = plan({ outputDir: 'my dir' });
    const text = renderMonitoringText({ ...result, dryRun: false, written: true }, style);
    const lines = text.stdout!.split('\n');
    expect(lines[0]).toBe(`Wrote ${result.files.map((f) => f.path).join(', ')}`);
    expect(lines).toContain('Karpenter v1.14 (metrics of v1.14.1, the newest spotctl knows)');
    expect(lines).toContain(`Alerts (${result.alerts.length}):`);
    expect(
      lines.some((l) =>
        /^ {2}critical KarpenterVcpuQuotaExceeded +Any launch failed on the Spot or vCPU quota/.test(l),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toBe("  kubectl apply -f 'my dir'/");
    expect(text.stderr).toEqual([
      'note: aws-node-termination-handler not monitored: pass --nth (and --nth-version) if you run it.',
    ]);
  });
});
