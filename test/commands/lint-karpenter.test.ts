/**
 * What lint knows of Karpenter beyond the CRDs, on a corpus of realistic v1alpha5 and v1beta1 manifests
 * (GPU, Inferentia, Trainium, Graviton, Bottlerocket, Ubuntu, custom user data, inline provider, launch
 * template) whose every expected finding is marked `# expect:` on its line: each file gives exactly its
 * marks. Then the rules that used to cry wolf: the On-Demand fallback judged against the other pools, the
 * Spot-to-Spot rule only when that feature is on, one finding per cause.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixtureFiles, marks } from '../fixtures/manifests/markers.js';
import { spotctl } from '../helpers/spotctl.js';

interface JsonFinding {
  line: number;
  ruleId: string;
  severity: string;
  message: string;
  fix: string;
}
interface LintJson {
  findings: JsonFinding[];
  skippedRules: Array<{ ruleId: string; reason: string }>;
}

const temp = () => mkdtempSync(join(tmpdir(), 'spotctl-lint-k-'));
const write = (name: string, text: string) => {
  const path = join(temp(), name);
  writeFileSync(path, text);
  return path;
};

async function lint(args: string[], input?: string) {
  const result = await spotctl(['lint', ...args, '--offline', '--json'], input ? { input } : {});
  return { ...result, json: JSON.parse(result.stdout) as LintJson };
}

const found = (json: LintJson) =>
  json.findings.map((f) => ({ line: f.line, ruleId: f.ruleId })).sort((a, b) => a.line - b.line);

describe('the corpus of realistic v1alpha5 and v1beta1 manifests', () => {
  const files = [...fixtureFiles('v1alpha5'), ...fixtureFiles('v1beta1')];

  it.each(files)('$name: exactly the marked findings', async (file) => {
    // Given a realistic manifest with its expected findings marked / When linted alone
    const { json } = await lint([file.path]);
    // Then lint reports those and nothing else (precision and recall of this file are 1)
    expect(found(json)).toEqual(marks(file.text).sort((a, b) => a.line - b.line));
  });

  it('marks deprecated API versions on the apiVersion line, for node classes too', () => {
    const deprecated = files.flatMap((f) =>
      marks(f.text)
        .filter((m) => m.ruleId === 'api-version-deprecated')
        .map((m) => f.text.split('\n')[m.line - 1]!),
    );
    expect(deprecated.length).toBeGreaterThan(30);
    for (const line of deprecated)
      expect(line).toMatch(/^apiVersion: karpenter\.(sh|k8s\.aws)\/v1(alpha5|alpha1|beta1) /);
    expect(deprecated.some((line) => line.includes('karpenter.k8s.aws/v1beta1'))).toBe(true);
    expect(deprecated.some((line) => line.includes('karpenter.k8s.aws/v1alpha1'))).toBe(true);
  });
});

/** A v1 NodePool: capacity types, weight, taint and labels are what the fallback rule compares. */
const v1Pool = (o: {
  name: string;
  capacity: string[];
  weight?: number;
  taint?: string;
  labels?: string;
}) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: ${o.name}
spec:
${o.weight ? `  weight: ${o.weight}\n` : ''}  template:
${o.labels ? `    metadata:\n      labels: {${o.labels}}\n` : ''}    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: [${o.capacity.join(', ')}]
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values: [c, m, r]
${o.taint ? `      taints:\n        - {key: ${o.taint}, effect: NoSchedule}\n` : ''}  limits:
    cpu: "1000"
`;

const ruleIds = (json: LintJson) => json.findings.map((f) => f.ruleId);

describe('spot-no-on-demand-fallback looks at the other pools of the input', () => {
  it.each([
    {
      name: 'a Spot pool alone has no fallback',
      pools: [v1Pool({ name: 'spot', capacity: ['spot'] })],
      expected: ['spot-no-on-demand-fallback'],
    },
    {
      name: 'a higher-weight Spot pool with a lower-weight On-Demand pool of the same taint has one',
      pools: [
        v1Pool({ name: 'spot', capacity: ['spot'], weight: 50, taint: 'batch' }),
        v1Pool({ name: 'od', capacity: ['on-demand'], weight: 10, taint: 'batch' }),
      ],
      expected: [],
    },
    {
      name: 'a fallback pool without taints takes the tainted Spot pool’s pods too',
      pools: [
        v1Pool({ name: 'spot', capacity: ['spot'], weight: 50, taint: 'batch' }),
        v1Pool({ name: 'od', capacity: ['spot', 'on-demand'], weight: 10 }),
      ],
      expected: [],
    },
    {
      name: 'an On-Demand pool with a taint the Spot pool’s pods need not tolerate is no fallback',
      pools: [
        v1Pool({ name: 'spot', capacity: ['spot'], weight: 50 }),
        v1Pool({ name: 'od', capacity: ['on-demand'], weight: 10, taint: 'dedicated' }),
      ],
      expected: ['spot-no-on-demand-fallback'],
    },
    {
      name: 'an On-Demand pool without the labels the Spot pool’s pods may select is no fallback',
      pools: [
        v1Pool({ name: 'spot', capacity: ['spot'], labels: 'team: ml' }),
        v1Pool({ name: 'od', capacity: ['on-demand'] }),
      ],
      expected: ['spot-no-on-demand-fallback'],
    },
    {
      name: 'an On-Demand pool weighted above the Spot pool makes Spot the fallback (said once, at its weight)',
      pools: [
        v1Pool({ name: 'spot', capacity: ['spot'], weight: 10 }),
        v1Pool({ name: 'od', capacity: ['on-demand'], weight: 90 }),
      ],
      expected: ['on-demand-outranks-spot'],
    },
    {
      name: 'a pool weighted above that allows Spot and On-Demand still launches Spot first: a fallback, no warning',
      pools: [
        v1Pool({ name: 'spot', capacity: ['spot'], weight: 10 }),
        v1Pool({ name: 'mixed', capacity: ['spot', 'on-demand'], weight: 90 }),
      ],
      expected: [],
    },
  ])('$name', async ({ pools, expected }) => {
    // Given the pools in one input / When linted / Then
    const { json } = await lint(['-'], pools.join('---\n'));
    expect(ruleIds(json)).toEqual(expected);
  });

  it('the fallback may be in another file of the same run', async () => {
    const spot = write('spot.yaml', v1Pool({ name: 'spot', capacity: ['spot'], weight: 50 }));
    const od = write('od.yaml', v1Pool({ name: 'od', capacity: ['on-demand'], weight: 10 }));
    expect(ruleIds((await lint([spot])).json)).toEqual(['spot-no-on-demand-fallback']);
    expect(ruleIds((await lint([spot, od])).json)).toEqual([]);
  });
});

/** Six Spot types (c5/m5 xlarge–2xlarge…) under consolidation: enough for Spot, not for Spot-to-Spot. */
const SIX_TYPES = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: spot
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: [spot, on-demand]
        - key: node.kubernetes.io/instance-type
          operator: In
          values: [m5.xlarge, m5a.xlarge, m6i.xlarge, c5.2xlarge, r5.large, c6i.xlarge]
  limits:
    cpu: "1000"
`;

describe('spot-to-spot-flexibility only when Spot-to-Spot consolidation is on', () => {
  it('is off by default: no finding, and the skipped rule says why', async () => {
    const { json } = await lint(['-'], SIX_TYPES);
    expect(ruleIds(json)).toEqual([]);
    expect(json.skippedRules.find((r) => r.ruleId === 'spot-to-spot-flexibility')?.reason).toMatch(
      /--spot-to-spot, or --karpenter-values with settings\.featureGates\.spotToSpotConsolidation: true/,
    );
  });

  it('--spot-to-spot turns it on', async () => {
    const { json } = await lint(['-', '--spot-to-spot'], SIX_TYPES);
    expect(json.findings).toEqual([
      expect.objectContaining({
        ruleId: 'spot-to-spot-flexibility',
        line: 13,
        message:
          'spot allows 6 Spot types; Spot-to-Spot consolidation replaces a Spot node with a cheaper one only with 15+',
      }),
    ]);
  });

  it.each([
    ['settings:\n  featureGates:\n    spotToSpotConsolidation: true\n', ['spot-to-spot-flexibility'], ''],
    [
      'karpenter:\n  settings:\n    featureGates: {spotToSpotConsolidation: true}\n',
      ['spot-to-spot-flexibility'],
      '',
    ],
    ['settings:\n  featureGates:\n    spotToSpotConsolidation: false\n', [], ''],
    [
      'settings:\n  clusterName: prod\n',
      [],
      'does not set settings.featureGates.spotToSpotConsolidation: off',
    ],
  ])('--karpenter-values %j', async (values, expected, note) => {
    // Given Karpenter's Helm values / When lint reads its feature gates from them
    const { json, stderr } = await lint(['-', '--karpenter-values', write('values.yaml', values)], SIX_TYPES);
    // Then the rule runs only when the gate is on, and an absent gate is said to be the default
    expect(ruleIds(json)).toEqual(expected);
    if (note) expect(stderr).toContain(note);
  });

  it('a values file that is not YAML, or sets the gate to a non-boolean, is bad input (exit 3)', async () => {
    const bad = await spotctl(
      ['lint', '-', '--offline', '--karpenter-values', write('v.yaml', 'settings: [\n')],
      {
        input: SIX_TYPES,
      },
    );
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/is not a YAML values file/);
    const odd = await spotctl(
      [
        'lint',
        '-',
        '--offline',
        '--karpenter-values',
        write('v.yaml', 'settings: {featureGates: {spotToSpotConsolidation: maybe}}\n'),
      ],
      { input: SIX_TYPES },
    );
    expect(odd.code).toBe(3);
    expect(odd.stderr).toMatch(/spotToSpotConsolidation is "maybe", not true or false/);
    // And a values file that is not there, or a directory, is bad input too
    const missing = await spotctl(
      ['lint', '-', '--offline', '--karpenter-values', join(temp(), 'nope.yaml')],
      {
        input: SIX_TYPES,
      },
    );
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no such file or directory/);
    const dir = await spotctl(['lint', '-', '--offline', '--karpenter-values', temp()], { input: SIX_TYPES });
    expect(dir.code).toBe(3);
    expect(dir.stderr).toMatch(/is a directory, not a Helm values file/);
  });

  it('--spot-to-spot and --karpenter-values are one or the other (usage, exit 2)', async () => {
    const result = await spotctl(['lint', '-', '--spot-to-spot', '--karpenter-values', 'v.yaml'], {
      input: SIX_TYPES,
    });
    expect(result.code).toBe(2);
  });
});

describe('one finding per cause', () => {
  it('a one-type Spot pool is too few types; one family and one size are not said again', async () => {
    const text = SIX_TYPES.replace(
      '[m5.xlarge, m5a.xlarge, m6i.xlarge, c5.2xlarge, r5.large, c6i.xlarge]',
      '[m5.xlarge]',
    );
    const { json } = await lint(['-'], text);
    expect(ruleIds(json)).toEqual(['spot-too-few-types']);
    expect(json.findings[0]!.message).toBe(
      'spot allows only 1 Spot instance type (m5.xlarge); a shortage in one Spot pool sends it to On-Demand',
    );
  });

  it('a typo in a restricted Karpenter label is the API server’s finding, with the spelling as its fix', async () => {
    const text = SIX_TYPES.replace(
      'node.kubernetes.io/instance-type',
      'karpenter.k8s.aws/instance-famly',
    ).replace('[m5.xlarge, m5a.xlarge, m6i.xlarge, c5.2xlarge, r5.large, c6i.xlarge]', '[m5]');
    const { json } = await lint(['-'], text);
    expect(json.findings.filter((f) => f.line === 13)).toEqual([
      expect.objectContaining({
        ruleId: 'cel',
        message:
          'spec.template.spec.requirements[1].key: Invalid value: "string": label domain "karpenter.k8s.aws" is restricted',
        fix: 'Use karpenter.k8s.aws/instance-family.',
      }),
    ]);
  });

  it('an unknown operator is fixed through the schema finding (--fix applies the hand-written rule’s edit)', async () => {
    const path = write(
      'pool.yaml',
      SIX_TYPES.replace('operator: In\n          values: [spot', 'operator: in\n          values: [spot'),
    );
    const before = await lint([path]);
    expect(before.json.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({ ruleId: 'schema', line: 11, fix: 'Use In.' }),
    ]);
    const fixed = await spotctl(['lint', path, '--offline', '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/fixed 1 problem in/);
  });
});

describe('Karpenter knowledge the CRDs cannot express', () => {
  it.each([
    [
      'kubelet in a v1beta1 EC2NodeClass belongs in the NodePool',
      `apiVersion: karpenter.k8s.aws/v1beta1
kind: EC2NodeClass
metadata: {name: default}
spec:
  amiFamily: AL2023
  role: KarpenterNodeRole-prod
  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: prod}}]
  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: prod}}]
  kubelet: {maxPods: 110}
`,
      9,
      'In v1beta1 kubelet settings belong in the NodePool (spec.template.spec.kubelet); they move to the EC2NodeClass only in v1.',
    ],
    [
      'ttlSecondsAfterEmpty in a v1 NodePool is a v1alpha5 field, with its v1 spelling',
      v1Pool({ name: 'p', capacity: ['on-demand'] }).replace(
        'spec:\n  template',
        'spec:\n  ttlSecondsAfterEmpty: 30\n  template',
      ),
      6,
      'That is a v1alpha5 Provisioner field: karpenter.sh/v1 uses spec.disruption.consolidationPolicy: WhenEmpty with consolidateAfter (the same seconds as a duration, e.g. 30s) (spotctl convert rewrites a Provisioner).',
    ],
    [
      'a misspelt field gets the nearest real one',
      v1Pool({ name: 'p', capacity: ['on-demand'] }).replace(
        'spec:\n  template',
        'spec:\n  disruptoin: {}\n  template',
      ),
      6,
      'Did you mean disruption? karpenter.sh/v1 NodePool has no field disruptoin.',
    ],
  ])('%s', async (_name, text, line, fix) => {
    const { json } = await lint(['-'], text);
    expect(json.findings).toContainEqual(expect.objectContaining({ ruleId: 'schema', line, fix }));
  });

  it('userData calling bootstrap.sh on AL2 (Karpenter already does) is a warning too', async () => {
    const text = `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: al2}
spec:
  role: KarpenterNodeRole-prod
  amiSelectorTerms: [{alias: al2@latest}]
  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: prod}}]
  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: prod}}]
  userData: |
    #!/bin/bash
    /etc/eks/bootstrap.sh prod
`;
    const { json } = await lint(['-'], text);
    expect(json.findings).toEqual([
      expect.objectContaining({
        ruleId: 'userdata-bootstrap',
        severity: 'warning',
        line: 9,
        message:
          "EC2NodeClass al2 boots AL2, where Karpenter's own user data already runs bootstrap.sh: calling it again bootstraps the node twice",
      }),
    ]);
    // And the same script under a Custom family (which bootstraps nothing itself) is fine
    const custom = text.replace(
      '[{alias: al2@latest}]',
      '[{id: ami-0123456789abcdef0}]\n  amiFamily: Custom',
    );
    expect((await lint(['-'], custom)).json.findings).toEqual([]);
  });

  it('a v1alpha5 Provisioner label v1 refuses is a migration warning', async () => {
    const text = `apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: {name: p}
spec:
  labels:
    karpenter.k8s.aws/instance-pods: "110"
  providerRef: {name: default}
  limits: {resources: {cpu: 10}}
`;
    const { json } = await lint(['-'], text);
    expect(json.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'restricted-label',
        line: 6,
        message:
          'label karpenter.k8s.aws/instance-pods: karpenter.sh/v1 refuses it (label domain "karpenter.k8s.aws" is restricted)',
      }),
    );
  });
});

describe('measured on the whole corpus', () => {
  it('every marked finding is found and nothing unmarked is reported', async () => {
    // Given every corpus file and the 15 mistakes, with their marks
    const files = [...fixtureFiles('mistakes'), ...fixtureFiles('v1alpha5'), ...fixtureFiles('v1beta1')];
    let expected = 0;
    let matched = 0;
    let reported = 0;
    for (const file of files) {
      const { json } = await lint([file.path]);
      const want = marks(file.text);
      const got = json.findings.filter((f) => f.severity !== 'info' || f.ruleId !== 'cel');
      expected += want.length;
      reported += got.length;
      matched += want.filter((m) => got.some((f) => f.line === m.line && f.ruleId === m.ruleId)).length;
    }
    // Then recall (found / marked) and precision (marked / found) are both 1, apart from a second wording
    // of one mistake by the server (06-alias-plus-id)
    expect(matched / expected).toBe(1);
    expect(matched / (reported - 1)).toBe(1);
    expect(expected).toBeGreaterThan(60);
  });
});
