import { describe, expect, it } from 'vitest';

import { plainStyle } from '../../../src/core/format/style.js';
import { RULES } from '../../../src/core/lint/lint.js';
import { artifactUri, githubAnnotations, renderFindings, toSarif } from '../../../src/core/lint/formats.js';
import type { Finding } from '../../../src/core/lint/types.js';

const findings: Finding[] = [
  {
    file: 'k8s/gpu.yaml',
    line: 9,
    column: 22,
    ruleId: 'capacity-type-value',
    severity: 'error',
    message: 'capacity type "On-demand" is not one Karpenter accepts, so it selects nothing',
    fix: 'Write "on-demand".',
    edits: [{ file: 'k8s/gpu.yaml', start: 1, end: 2, text: 'x' }],
  },
  {
    file: 'k8s/gpu.yaml',
    line: 2,
    column: 7,
    ruleId: 'spot-no-on-demand-fallback',
    severity: 'info',
    message: 'gpu allows only Spot, 100%, a:b',
    fix: 'Add on-demand.',
  },
];

describe('lint output', () => {
  it('prints file:line:col severity rule-id message, then the fix', () => {
    expect(renderFindings(findings, plainStyle).split('\n')).toEqual([
      'k8s/gpu.yaml:9:22 error capacity-type-value capacity type "On-demand" is not one Karpenter accepts, so it selects nothing',
      '  fix: Write "on-demand". (--fix applies this)',
      'k8s/gpu.yaml:2:7 info spot-no-on-demand-fallback gpu allows only Spot, 100%, a:b',
      '  fix: Add on-demand.',
    ]);
  });

  it('writes a SARIF 2.1.0 log whose results point at rules and file regions', () => {
    const sarif = toSarif(findings, RULES, {
      name: 'spotctl',
      version: '1.2.3',
      informationUri: 'https://example.com',
    });
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const run = sarif.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'spotctl', version: '1.2.3' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
    }
    expect(run.results[1]).toMatchObject({
      ruleId: 'spot-no-on-demand-fallback',
      level: 'note',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'k8s/gpu.yaml' },
            region: { startLine: 2, startColumn: 7 },
          },
        },
      ],
    });
    // Round-trips as JSON (no undefined, no functions).
    expect(JSON.parse(JSON.stringify(sarif))).toEqual(sarif);
  });

  it.each([
    ['k8s/gpu.yaml', 'k8s/gpu.yaml'],
    ['./k8s/my pool.yaml', 'k8s/my%20pool.yaml'],
    ['/abs/k8s.yaml', 'file:///abs/k8s.yaml'],
    ['-', '-'],
  ])('artifact URI for %s is %s', (path, uri) => {
    expect(artifactUri(path)).toBe(uri);
  });

  it('escapes GitHub annotation properties and data', () => {
    expect(githubAnnotations(findings).split('\n')[1]).toBe(
      '::notice file=k8s/gpu.yaml,line=2,col=7,title=spotctl spot-no-on-demand-fallback::gpu allows only Spot, 100%25, a:b. Fix: Add on-demand.',
    );
  });
});
