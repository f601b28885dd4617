/**
 * The rules and the dashboard's queries as Prometheus itself reads them: `promtool check rules` on the
 * rules of every release spotctl knows, every dashboard query parsed as a recording rule, and the
 * `promtool test rules` unit tests beside this file (synthetic series → which alerts fire), each for the
 * versions its first line names.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';

import type { MonitoringOptions, MonitoringResult } from '../../src/core/monitoring/types.js';
import { metricsData, plan as planFixture } from '../core/monitoring/fixtures.js';
import { describePromtool, promtool } from '../helpers/promtool.js';

const here = dirname(fileURLToPath(import.meta.url));

// The shared fixture options, with NTH on: every rule file here covers both.
const plan = (options: Partial<MonitoringOptions>) =>
  planFixture({ nth: true, outputDir: 'out', ...options });

/** The rule groups of every PrometheusRule in the plan, as a plain Prometheus rules file. */
function rulesFile(result: MonitoringResult): string {
  const groups = result.files.flatMap((file) =>
    parseAllDocuments(file.content)
      .map((doc) => doc.toJS() as { kind: string; spec?: { groups: unknown[] } })
      .filter((object) => object.kind === 'PrometheusRule')
      .flatMap((object) => object.spec!.groups),
  );
  return stringify({ groups });
}

/** Grafana's variables replaced by values PromQL accepts, as the dashboard would send them. */
const concrete = (query: string) =>
  query.replace(/\$__rate_interval/g, '5m').replace(/\$(cluster|nodepool|zone)\b/g, '.*');

function dashboardRules(result: MonitoringResult): string {
  const queries = [
    ...result.dashboard.panels.flatMap((panel) => panel.queries),
    ...result.dashboard.variables
      .filter((v) => v.type === 'query')
      .map((v) => /^label_values\((.*), \w+\)$/.exec(v.query)![1]!),
  ];
  const rules = queries.map((expr, i) => ({ record: `spotctl:dashboard_query:${i}`, expr: concrete(expr) }));
  return stringify({ groups: [{ name: 'dashboard-queries', rules }] });
}

const karpenterReleases = metricsData.karpenterVersions;
const nthReleases = metricsData.nthVersions.filter((v) => metricsData.nthExporters[v]);
const everyPlan = () => [
  ...karpenterReleases.map((release) => ({
    label: `karpenter-${release}`,
    result: plan({ karpenterVersion: release }),
  })),
  ...nthReleases.map((release) => ({ label: `nth-${release}`, result: plan({ nthVersion: release }) })),
];

interface UnitTestFile {
  name: string;
  args: Partial<MonitoringOptions>;
  tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
}

/** `# spotctl monitoring --karpenter-version 1.14 --nth-version 1.25` (or `--no-nth`) on the first line. */
function unitTestFiles(): UnitTestFile[] {
  return readdirSync(here)
    .filter((name) => name.endsWith('.test.yaml'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(here, name), 'utf8');
      const header = /^# spotctl monitoring (.*)$/m.exec(text.split('\n')[0]!);
      if (!header) throw new Error(`${name}: first line must be "# spotctl monitoring <flags>"`);
      const flags = header[1]!.split(/\s+/);
      const valueOf = (flag: string) => (flags.includes(flag) ? flags[flags.indexOf(flag) + 1] : undefined);
      return {
        name,
        args: {
          karpenterVersion: valueOf('--karpenter-version'),
          nthVersion: valueOf('--nth-version'),
          nth: !flags.includes('--no-nth'),
        },
        tests: (parse(text) as { tests: UnitTestFile['tests'] }).tests,
      };
    });
}

describePromtool('spotctl monitoring rules under promtool', () => {
  it('promtool check rules accepts the rules of every Karpenter and NTH release', () => {
    // Given the rules spotctl writes for each release
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-rules-'));
    const files = everyPlan().map(({ label, result }) => {
      const path = join(dir, `${label}.rules.yaml`);
      writeFileSync(path, rulesFile(result));
      return path;
    });
    // When promtool checks them all
    const result = promtool(['check', 'rules', ...files]);
    // Then every file passes, with the number of rules promtool counted
    expect(result.output).not.toMatch(/FAILED/);
    expect(result.code, result.output).toBe(0);
    expect(result.output.match(/SUCCESS: \d+ rules found/g)).toHaveLength(files.length);
  });

  it('every dashboard query and variable selector parses, for every release', () => {
    // Given each dashboard's queries as recording rules, Grafana's variables filled in
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-dashboard-'));
    const files = everyPlan().map(({ label, result }) => {
      const path = join(dir, `${label}.dashboard.yaml`);
      writeFileSync(path, dashboardRules(result));
      return path;
    });
    // When promtool checks them
    const result = promtool(['check', 'rules', ...files]);
    // Then all parse
    expect(result.code, result.output).toBe(0);
    expect(result.output).not.toMatch(/FAILED/);
  });

  it('a control: promtool rejects a query spotctl would never write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-control-'));
    const path = join(dir, 'bad.yaml');
    writeFileSync(
      path,
      stringify({ groups: [{ name: 'bad', rules: [{ record: 'x', expr: 'sum by (a (b)' }] }] }),
    );
    expect(promtool(['check', 'rules', path]).code).not.toBe(0);
  });

  const files = unitTestFiles();

  it('there are unit tests for the versions the brief names', () => {
    const tested = files.map(
      (f) => `${f.args.karpenterVersion ?? 'newest'}/${f.args.nth ? (f.args.nthVersion ?? 'newest') : '-'}`,
    );
    for (const version of ['0.31', '0.37', '1.0', '1.14']) {
      expect(
        tested.some((t) => t.startsWith(`${version}/`)),
        version,
      ).toBe(true);
    }
    for (const version of ['1.19', '1.25'])
      expect(
        tested.some((t) => t.endsWith(`/${version}`)),
        version,
      ).toBe(true);
  });

  const firingIn = (file: UnitTestFile) =>
    new Set(
      file.tests.flatMap((t) =>
        (t.alert_rule_test ?? []).filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname),
      ),
    );

  for (const file of files) {
    it(`promtool test rules ${file.name}`, () => {
      // Given the rules for the file's versions beside a copy of the test file
      const result = plan(file.args);
      const dir = mkdtempSync(join(tmpdir(), 'spotctl-unit-'));
      writeFileSync(join(dir, 'rules.yaml'), rulesFile(result));
      copyFileSync(join(here, file.name), join(dir, file.name));
      // (a test of an alert the versions do not get would only test promtool)
      const written = new Set(result.alerts.map((a) => a.name));
      expect([...firingIn(file)].filter((name) => !written.has(name))).toEqual([]);
      // When promtool runs the tests
      const run = promtool(['test', 'rules', file.name], dir);
      // Then they pass
      expect(run.code, run.output).toBe(0);
      expect(run.output).toMatch(/SUCCESS/);
    });
  }

  it('a control: promtool test rules fails when an expected alert label is wrong', () => {
    // Given a test file whose first expected label value is changed
    const file = files[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-unit-control-'));
    writeFileSync(join(dir, 'rules.yaml'), rulesFile(plan(file.args)));
    const text = readFileSync(join(here, file.name), 'utf8');
    const broken = text.replace(/(exp_labels:\n\s+severity: )(\w+)/, '$1not-$2');
    expect(broken).not.toBe(text);
    writeFileSync(join(dir, file.name), broken);
    // Then promtool reports the failure
    const run = promtool(['test', 'rules', file.name], dir);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/FAILED/);
  });

  it('the unit tests cover every expression spotctl writes for any release', () => {
    // Given every (alert, expression) pair over all releases
    const all = new Map<string, string>();
    for (const { label, result } of everyPlan()) {
      for (const alert of result.alerts) all.set(`${alert.name}\n${alert.expr}`, label);
    }
    // When the test files' versions are planned, counting the alerts each file makes fire
    const tested = new Set(
      files.flatMap((f) => {
        const firing = firingIn(f);
        return plan(f.args)
          .alerts.filter((a) => firing.has(a.name))
          .map((a) => `${a.name}\n${a.expr}`);
      }),
    );
    // Then none is left untested
    const untested = [...all]
      .filter(([key]) => !tested.has(key))
      .map(([key, label]) => `${label}: ${key.split('\n')[0]}`);
    expect(untested).toEqual([]);
  });
});
