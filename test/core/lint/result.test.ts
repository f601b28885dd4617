import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { InstanceTypeSpec } from '../../../src/core/catalog/types.js';
import { plainStyle } from '../../../src/core/format/style.js';
import { lintManifests, summarise } from '../../../src/core/lint/lint.js';
import {
  githubAnnotations,
  renderFindings,
  renderLintReport,
  renderSummary,
} from '../../../src/core/lint/formats.js';
import { fixedNote, lintReport } from '../../../src/core/lint/result.js';
import { loadManifestTexts } from '../../../src/core/manifests/sources.js';
import { describeShared, readShared, repoRoot } from '../../helpers/shared.js';
import { nodePoolYaml } from '../../fixtures/nodepools.js';

const bundled = JSON.parse(readFileSync(`${repoRoot}/src/data/bundled-snapshot.json`, 'utf8')) as {
  instanceTypes: Record<string, InstanceTypeSpec>;
};
const catalog = Object.values(bundled.instanceTypes);
const TOOL = { name: 'spotctl', version: '1.2.3', informationUri: 'https://example.com/spotctl' };

describeShared('lintReport on the seed Provisioner and a node class', () => {
  const seed = readShared('fixtures/seed/provisioner.v1alpha5.yaml');
  const clean = 'apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: default\n';
  const set = () =>
    loadManifestTexts([
      { path: 'provisioner.yaml', text: seed },
      { path: 'class.yaml', text: clean },
    ]);

  it('without fix: the findings lint gives, nothing fixed, fixable counted', () => {
    const report = lintReport(set(), { catalog });
    const direct = lintManifests(set(), { catalog });
    expect(report.findings).toEqual(direct.findings);
    expect(report.fixed).toEqual([]);
    expect(report.output.summary).toEqual({ ...summarise(direct.findings), files: 2, fixed: 0 });
    expect(report.output.summary.counts.error).toBe(2);
    expect(report.output.fixedFiles).toEqual([]);
    expect(report.output.skippedRules).toEqual(direct.skipped);
    // --json carries whether a finding is fixable, never the edits themselves.
    expect(report.output.findings.filter((f) => f.fixable).map((f) => f.ruleId)).toEqual([
      'capacity-type-value',
      'limit-resource-name',
    ]);
    expect(report.output.findings.every((f) => !('edits' in f))).toBe(true);
  });

  it('with fix: returns the fixed text (not written) and reports what is left after fixing', () => {
    const original = set();
    const report = lintReport(original, { catalog }, { fix: true });
    expect(report.fixed.map((f) => [f.path, f.applied])).toEqual([['provisioner.yaml', 2]]);
    expect(original.files[0]!.text).toBe(seed);
    const relinted = lintManifests(
      loadManifestTexts([
        { path: 'provisioner.yaml', text: report.fixed[0]!.after },
        { path: 'class.yaml', text: clean },
      ]),
      { catalog },
    );
    expect(report.findings).toEqual(relinted.findings);
    expect(report.output.summary).toMatchObject({ counts: { error: 0 }, fixable: 0, files: 2, fixed: 2 });
    expect(report.output.fixedFiles).toEqual(['provisioner.yaml']);
    // Notes are the loader's, from the files as given.
    expect(report.output.notes).toEqual(original.notes);
  });

  it('with fix and nothing fixable, the first result stands', () => {
    const onlyClean = loadManifestTexts([{ path: 'class.yaml', text: clean }]);
    const report = lintReport(onlyClean, { catalog }, { fix: true });
    expect(report.fixed).toEqual([]);
    expect(report.findings).toEqual(lintManifests(onlyClean, { catalog }).findings);
    expect(report.output.summary.files).toBe(1);
  });
});

describe('fixedNote', () => {
  it.each([
    { applied: 1, expected: 'fixed 1 problem in a.yaml' },
    { applied: 2, expected: 'fixed 2 problems in a.yaml' },
  ])('$applied → $expected', ({ applied, expected }) => {
    expect(fixedNote({ path: 'a.yaml', before: '', after: '', applied })).toBe(expected);
  });
});

describe('renderLintReport', () => {
  const text = nodePoolYaml({ capacity: ['spot', 'On-demand'] });
  const findings = lintManifests(loadManifestTexts([{ path: 'gpu.yaml', text }]), { catalog }).findings;
  const summary = { ...summarise(findings), files: 1, fixed: 0 };

  it('the example has findings to render', () => {
    expect(findings.length).toBeGreaterThan(0);
  });

  it.each([
    {
      format: 'text' as const,
      stdout: renderFindings(findings, plainStyle),
      stderr: renderSummary(summary, 1),
    },
    { format: 'github' as const, stdout: githubAnnotations(findings), stderr: renderSummary(summary, 1) },
  ])('$format: findings on stdout, the summary on stderr', ({ format, stdout, stderr }) => {
    expect(renderLintReport(format, findings, summary, plainStyle, TOOL)).toEqual({ stdout, stderr });
  });

  it.each(['text' as const, 'github' as const])(
    '%s with no findings: only the summary, on stderr',
    (format) => {
      const none = { ...summarise([]), files: 3, fixed: 0 };
      expect(renderLintReport(format, [], none, plainStyle, TOOL)).toEqual({
        stderr: '0 errors, 0 warnings, 0 info in 3 files',
      });
    },
  );

  it('sarif: one JSON document on stdout naming the tool, no summary line', () => {
    const out = renderLintReport('sarif', findings, summary, plainStyle, TOOL);
    expect(out.stderr).toBeUndefined();
    const sarif = JSON.parse(out.stdout!) as {
      version: string;
      runs: Array<{ tool: { driver: { name: string; version: string } }; results: unknown[] }>;
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver).toMatchObject({ name: 'spotctl', version: '1.2.3' });
    expect(sarif.runs[0]!.results).toHaveLength(findings.length);
    expect(renderLintReport('sarif', [], summary, plainStyle, TOOL).stdout).toContain('"results": []');
  });
});
