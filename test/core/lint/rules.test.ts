import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { InstanceTypeSpec, ZoneInfo } from '../../../src/core/catalog/types.js';
import { RULES, fixFiles, lintManifests, summarise } from '../../../src/core/lint/lint.js';
import type { RegionOfferings } from '../../../src/core/lint/types.js';
import { loadManifestTexts } from '../../../src/core/manifests/sources.js';
import { describeShared, readShared, repoRoot, sharedPath } from '../../helpers/shared.js';

const bundled = JSON.parse(readFileSync(`${repoRoot}/src/data/bundled-snapshot.json`, 'utf8')) as {
  instanceTypes: Record<string, InstanceTypeSpec>;
  regions: Record<string, { zones: ZoneInfo[]; offerings: Record<string, string[]> }>;
};
const catalog = Object.values(bundled.instanceTypes);
const regionOf = (name: string): RegionOfferings => ({
  region: name,
  offerings: bundled.regions[name]!.offerings,
  zoneCount: bundled.regions[name]!.zones.length,
});

/** Lint one file; limits-missing is off, as these pools leave limits out to stay short. */
const lint = (text: string, region = 'us-east-1', disabled = ['limits-missing']) =>
  lintManifests(loadManifestTexts([{ path: 'm.yaml', text }]), {
    catalog,
    region: regionOf(region),
    disabled,
  }).findings;

/** A v1 NodePool with the given template-spec requirements and extra spec YAML. */
const nodePool = (requirements: string, extra = '', templateExtra = '') => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: test
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
${requirements
  .trim()
  .split('\n')
  .map((line) => `        ${line}`)
  .join('\n')}
${templateExtra}${extra}`;

const FLEXIBLE = `- {key: karpenter.k8s.aws/instance-category, operator: In, values: [c, m, r]}
- {key: karpenter.k8s.aws/instance-generation, operator: Gt, values: ["4"]}
- {key: kubernetes.io/arch, operator: In, values: [amd64]}`;
const SPOT_AND_OD = `- {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}`;

const ids = (findings: ReturnType<typeof lint>) => findings.map((f) => `${f.ruleId}:${f.severity}:${f.line}`);

describe('lint rules on hand-made manifests', () => {
  it('a flexible Spot + On-Demand NodePool is clean', () => {
    expect(lint(nodePool(`${SPOT_AND_OD}\n${FLEXIBLE}`, '  limits: {cpu: 1000}\n'))).toEqual([]);
  });

  it.each([
    {
      rule: 'capacity-type-value',
      text: nodePool(
        `- {key: karpenter.sh/capacity-type, operator: In, values: [spot, Spot, "ON_DEMAND", bogus]}\n${FLEXIBLE}`,
      ),
      // Only spot is valid, so the pool has no On-Demand fallback either.
      expected: [
        'spot-no-on-demand-fallback:info:10',
        'capacity-type-value:error:10',
        'capacity-type-value:error:10',
        'capacity-type-value:error:10',
      ],
    },
    {
      rule: 'limit-resource-name',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}`,
        '  limits:\n    cpus: 100\n    nvidia.com/gpus: 4\n    example.com/widget: 2\n',
      ),
      expected: ['limit-resource-name:error:15', 'limit-resource-name:error:16'],
    },
    {
      rule: 'label-key-unknown',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}\n- {key: karpenter.k8s.aws/instance-famly, operator: In, values: [m5]}\n- {key: node.kubernetes.io/instance-family, operator: In, values: [m5]}\n- {key: example.com/team, operator: Exists}`,
      ),
      // The restricted karpenter.k8s.aws domain is the API server's finding (CEL); the spelling goes to its fix.
      expected: ['cel:error:14', 'label-key-unknown:warning:15'],
    },
    {
      rule: 'label-key-deprecated',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}\n- {key: beta.kubernetes.io/arch, operator: In, values: [amd64]}`,
      ),
      expected: ['label-key-deprecated:info:14'],
    },
    {
      rule: 'requirement-invalid',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}\n- {key: karpenter.k8s.aws/instance-cpu, operator: gt, values: ["4"]}\n- {key: karpenter.k8s.aws/instance-size, operator: In, values: []}\n- {key: karpenter.k8s.aws/instance-memory, operator: Lt, values: [lots]}\n- {key: karpenter.k8s.aws/instance-hypervisor, operator: Exists, values: [nitro]}`,
      ),
      // The schema rejects the unknown operator (so the server skips its CEL rules, and the hand-written
      // checks of the rest stand in for them); that it matches nothing is the same cause, not said again.
      expected: [
        'cel:info:1',
        'schema:error:14',
        'requirement-invalid:error:15',
        'requirement-invalid:error:16',
        'requirement-invalid:error:17',
      ],
    },
    {
      rule: 'min-values-exceeds-values',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}\n- {key: karpenter.k8s.aws/instance-family, operator: In, values: [m5, c5], minValues: 3}\n- {key: karpenter.k8s.aws/instance-size, operator: Exists, minValues: 40}`,
      ),
      // minValues above the values is the CEL rule's finding; the catalog-based check is lint's own.
      expected: ['cel:error:9', 'min-values-exceeds-values:warning:15'],
    },
    {
      rule: 'requirements-too-many (requirements and labels together)',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}\n${Array.from({ length: 96 }, (_, i) => `- {key: example.com/k${i}, operator: Exists}`).join('\n')}`,
      ).replace('  template:\n', '  template:\n    metadata: {labels: {team: a}}\n'),
      expected: ['requirements-too-many:error:11'],
    },
    {
      rule: 'requirements-too-many (the requirements alone: the schema says it)',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}\n${Array.from({ length: 97 }, (_, i) => `- {key: example.com/k${i}, operator: Exists}`).join('\n')}`,
      ),
      expected: ['cel:info:1', 'schema:error:9'],
    },
    {
      rule: 'weight-with-replicas (the CEL rule says it)',
      text: nodePool(`${SPOT_AND_OD}\n${FLEXIBLE}`, '  replicas: 3\n  weight: 10\n'),
      expected: ['cel:error:5'],
    },
    {
      rule: 'budget-schedule-without-duration (the CEL rule says it)',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}`,
        '  disruption:\n    consolidateAfter: 30s\n    budgets:\n      - nodes: "0"\n        schedule: "0 9 * * mon-fri"\n      - nodes: "10%"\n',
      ),
      expected: ['cel:error:16'],
    },
    {
      rule: 'no-instance-types',
      text: nodePool(
        `${SPOT_AND_OD}\n- {key: karpenter.k8s.aws/instance-cpu, operator: Gt, values: ["100000"]}`,
      ),
      expected: ['no-instance-types:error:10'],
    },
    {
      rule: 'instance-type-unknown',
      text: nodePool(
        `${SPOT_AND_OD}\n- {key: node.kubernetes.io/instance-type, operator: In, values: [m5.large, m5.xlarge, m5.2xlarge, c5.large, c5.xlarg, r5.large]}`,
      ),
      expected: ['instance-type-unknown:error:11'],
    },
    {
      rule: 'limits-missing',
      text: nodePool(`${SPOT_AND_OD}\n${FLEXIBLE}`),
      disabled: [],
      expected: ['limits-missing:warning:2'],
    },
    {
      rule: 'limits-missing (not for a static pool)',
      text: nodePool(`${SPOT_AND_OD}\n${FLEXIBLE}`, '  replicas: 3\n'),
      disabled: [],
      expected: [],
    },
  ])('$rule', ({ text, expected, disabled }) => {
    expect(ids(lint(text, 'us-east-1', disabled))).toEqual(expected);
  });

  it.each([
    {
      // Two m5 types: too few is the cause (one family among two is the same cause, said in its message).
      rule: 'spot-too-few-types + spot-no-on-demand-fallback',
      text: nodePool(
        `- {key: karpenter.sh/capacity-type, operator: In, values: [spot]}\n- {key: node.kubernetes.io/instance-type, operator: In, values: [m5.large, m5.xlarge]}`,
      ),
      expected: ['spot-no-on-demand-fallback:info:10', 'spot-too-few-types:warning:11'],
    },
    {
      rule: 'spot-single-family (enough types, one family)',
      text: nodePool(
        `${SPOT_AND_OD}\n- {key: karpenter.k8s.aws/instance-family, operator: In, values: [m5]}\n- {key: karpenter.k8s.aws/instance-size, operator: In, values: [large, xlarge, 2xlarge, 4xlarge, 8xlarge]}`,
      ),
      expected: ['spot-single-family:warning:10'],
    },
    {
      rule: 'spot-single-size',
      text: nodePool(
        `${SPOT_AND_OD}\n- {key: node.kubernetes.io/instance-type, operator: In, values: [m5.xlarge, m5a.xlarge, m6i.xlarge, c5.xlarge, r5.xlarge, c6i.xlarge]}`,
      ),
      // Spot-to-Spot consolidation is off by default, so its 15-type rule says nothing here.
      expected: ['spot-single-size:warning:11'],
    },
    {
      rule: 'spot-to-spot-flexibility (only when consolidation replaces underutilised nodes)',
      text: nodePool(
        `${SPOT_AND_OD}\n- {key: node.kubernetes.io/instance-type, operator: In, values: [m5.xlarge, m5a.xlarge, m6i.xlarge, c5.2xlarge, r5.large, c6i.xlarge]}`,
        '  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: 30s}\n',
      ),
      expected: [],
    },
    {
      rule: 'type-not-offered',
      region: 'ap-southeast-1',
      text: nodePool(
        `- {key: karpenter.sh/capacity-type, operator: In, values: [on-demand]}\n- {key: node.kubernetes.io/instance-type, operator: In, values: [m5.large, p5.48xlarge]}`,
      ),
      expected: ['type-not-offered:warning:11'],
    },
    {
      rule: 'gpu-without-taint',
      text: nodePool(
        `${SPOT_AND_OD}\n- {key: karpenter.k8s.aws/instance-gpu-name, operator: In, values: [t4, a10g, l4]}`,
      ),
      expected: ['gpu-without-taint:warning:2'],
    },
    {
      rule: 'gpu-taint-without-gpu',
      text: nodePool(
        `${SPOT_AND_OD}\n${FLEXIBLE}`,
        '',
        '      taints: [{key: nvidia.com/gpu, effect: NoSchedule}]\n',
      ),
      expected: ['gpu-taint-without-gpu:warning:14'],
    },
  ])('$rule', ({ text, expected, region }) => {
    expect(ids(lint(text, region))).toEqual(expected);
  });

  it('type-single-az: flags a Spot type offered in one zone only', () => {
    const region = regionOf('us-east-1');
    const single = Object.entries(region.offerings).find(([, zones]) => zones.length === 1)?.[0];
    expect(single).toBeDefined();
    const findings = lint(
      nodePool(
        `${SPOT_AND_OD}\n- {key: node.kubernetes.io/instance-type, operator: In, values: [${single}]}`,
      ),
    );
    expect(findings.filter((f) => f.ruleId === 'type-single-az').map((f) => f.line)).toEqual([11]);
  });

  it.each([
    {
      rule: 'ttl-after-empty-with-consolidation',
      text: `apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nmetadata: {name: p}\nspec:\n  consolidation: {enabled: true}\n  ttlSecondsAfterEmpty: 30\n  providerRef: {name: default}\n`,
      expected: ['api-version-deprecated:warning:1', 'ttl-after-empty-with-consolidation:error:6'],
    },
    {
      rule: 'consolidate-after-with-underutilized',
      text: `apiVersion: karpenter.sh/v1beta1\nkind: NodePool\nmetadata: {name: b}\nspec:\n  template: {spec: {requirements: [], nodeClassRef: {name: default}}}\n  disruption: {consolidationPolicy: WhenUnderutilized, consolidateAfter: 30s}\n`,
      // The v1beta1 CRD has this rule: the API server's finding replaces lint's own.
      expected: ['api-version-deprecated:warning:1', 'cel:error:6'],
    },
    {
      rule: "consolidate-after-with-underutilized (lint's own when the CRD check is off)",
      text: `apiVersion: karpenter.sh/v1beta1\nkind: NodePool\nmetadata: {name: b}\nspec:\n  template: {spec: {requirements: [], nodeClassRef: {name: default}}}\n  disruption: {consolidationPolicy: WhenUnderutilized, consolidateAfter: 30s}\n`,
      disabled: ['cel', 'limits-missing'],
      expected: ['api-version-deprecated:warning:1', 'consolidate-after-with-underutilized:error:6'],
    },
  ])('$rule', ({ text, expected, disabled }) => {
    expect(ids(lint(text, 'us-east-1', disabled))).toEqual(expected);
  });

  it.each([
    {
      rule: 'nth-queue-url-missing + nth-imds-keys-in-queue-mode',
      text: 'enableSqsTerminationDraining: true\nenableRebalanceDraining: true\ntargetNodeOs: linux\n',
      expected: [
        'nth-queue-url-missing:error:1',
        'nth-imds-keys-in-queue-mode:warning:2',
        'nth-imds-keys-in-queue-mode:warning:3',
      ],
    },
    {
      rule: 'queue mode with a queue is clean',
      text: 'enableSqsTerminationDraining: true\nqueueURL: https://sqs.us-east-1.amazonaws.com/123456789012/nth\n',
      expected: [],
    },
    {
      rule: 'nth-spot-node-selector-missing',
      text: 'enableSpotInterruptionDraining: true\n',
      expected: ['nth-spot-node-selector-missing:warning:1'],
    },
    {
      rule: 'nth-drain-loop (NTH on Karpenter Spot nodes, draining rebalance recommendations)',
      text: 'enableRebalanceDraining: true\nenableSpotInterruptionDraining: false\nnodeSelector:\n  karpenter.sh/capacity-type: spot\n',
      expected: ['nth-drain-loop:warning:1'],
    },
    {
      rule: 'NTH with draining switched off, on Spot nodes, is clean',
      text: 'enableRebalanceDraining: false\nenableSpotInterruptionDraining: false\nnodeSelector:\n  karpenter.sh/capacity-type: spot\n',
      expected: [],
    },
  ])('$rule', ({ text, expected }) => {
    expect(ids(lint(text))).toEqual(expected);
  });

  it('every rule has an id, a severity, a summary and a fix, and ids are unique', () => {
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9-]+$/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.summary.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('skips catalog and region rules when their data is missing, and says which', () => {
    const result = lintManifests(loadManifestTexts([{ path: 'm.yaml', text: nodePool(SPOT_AND_OD) }]));
    expect(result.skipped.map((s) => s.ruleId)).toContain('spot-too-few-types');
    expect(result.skipped.map((s) => s.ruleId)).toContain('type-not-offered');
  });

  it('reports YAML problems as findings', () => {
    const findings = lint('apiVersion: karpenter.sh/v1\nkind: NodePool\nspec: {template: [}\n');
    expect(ids(findings)).toEqual(['yaml-syntax:error:3', 'yaml-syntax:error:3']);
  });
});

describeShared('the seed Provisioner', () => {
  const text = readShared('fixtures/seed/provisioner.v1alpha5.yaml');
  const set = () => loadManifestTexts([{ path: 'provisioner.yaml', text }]);

  it('has exactly the two errors the blog missed', () => {
    const findings = lintManifests(set(), { catalog, region: regionOf('ap-southeast-1') }).findings;
    expect(
      findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.line, f.column, f.message]),
    ).toEqual([
      [
        'capacity-type-value',
        9,
        22,
        'capacity type "On-demand" is not one Karpenter accepts, so it selects nothing',
      ],
      [
        'limit-resource-name',
        18,
        6,
        'limit "gpu" is not a resource Karpenter counts, so this limit never applies (did you mean nvidia.com/gpu?)',
      ],
    ]);
    // Two g4dn types are too few; that they are one family is the same cause, said once.
    expect(findings.filter((f) => f.severity !== 'error').map((f) => f.ruleId)).toEqual([
      'api-version-deprecated',
      'spot-no-on-demand-fallback',
      'spot-too-few-types',
      'provider-inline-deprecated',
    ]);
  });

  it('--fix repairs both errors by editing the text: comments, quotes and odd indentation survive', () => {
    const findings = lintManifests(set(), { catalog }).findings;
    const [fixed] = fixFiles(set(), findings);
    expect(fixed!.applied).toBe(2);
    const expected = text
      .replace('"On-demand"', '"on-demand"')
      .replace('     gpu: 100', '     nvidia.com/gpu: 100');
    expect(fixed!.after).toBe(expected);
    const after = lintManifests(loadManifestTexts([{ path: 'provisioner.yaml', text: fixed!.after }]), {
      catalog,
    });
    expect(summarise(after.findings).counts.error).toBe(0);
    // With On-Demand now valid, the pool has its fallback back.
    expect(after.findings.map((f) => f.ruleId)).not.toContain('spot-no-on-demand-fallback');
  });

  it('--fix keeps comments in a file that has them', () => {
    const commented = `# GPU pool\n${text.replace('values: ["spot","On-demand"]', 'values: ["spot","On-demand"] # prefer spot')}`;
    const loaded = loadManifestTexts([{ path: 'p.yaml', text: commented }]);
    const [fixed] = fixFiles(loaded, lintManifests(loaded, { catalog }).findings);
    expect(fixed!.after).toContain('# GPU pool\n');
    expect(fixed!.after).toContain('values: ["spot","on-demand"] # prefer spot');
  });
});

describeShared('the upstream Karpenter examples', () => {
  /**
   * Expected findings per file, each file linted on its own: the examples are valid (no schema or CEL
   * finding); what remains is advice (no limits, a Spot-only pool with no On-Demand pool beside it) and
   * the deprecation of the v1alpha5 API.
   */
  const EXPECTED: Record<string, string[]> = {
    'examples-v1-v1.14.1/100-cpu-limit.yaml': [],
    'examples-v1-v1.14.1/bottlerocket.yaml': ['limits-missing'],
    'examples-v1-v1.14.1/general-purpose.yaml': ['limits-missing'],
    'examples-v1-v1.14.1/large-instances.yaml': ['limits-missing'],
    'examples-v1-v1.14.1/max-node-lifetime.yaml': ['limits-missing'],
    'examples-v1-v1.14.1/min-values-family.yaml': ['limits-missing', 'spot-no-on-demand-fallback'],
    'examples-v1-v1.14.1/min-values-multiple-keys.yaml': ['limits-missing', 'spot-no-on-demand-fallback'],
    'examples-v1-v1.14.1/multiple-arch.yaml': ['limits-missing', 'limits-missing'],
    'examples-v1-v1.14.1/multiple-ebs.yaml': ['limits-missing'],
    'examples-v1-v1.14.1/spot.yaml': ['limits-missing', 'spot-no-on-demand-fallback'],
    'examples-v1-v1.14.1/workload-gpu-nvidia.yaml': [],
    'examples-v1-v1.14.1/workload-spot.yaml': [],
    'examples-v1alpha5-v0.32.10/100-cpu-limit.yaml': ['api-version-deprecated', 'api-version-deprecated'],
    'examples-v1alpha5-v0.32.10/spot.yaml': [
      'api-version-deprecated',
      'limits-missing',
      'spot-no-on-demand-fallback',
      'api-version-deprecated',
    ],
  };
  const V1ALPHA5 = ['api-version-deprecated', 'limits-missing', 'api-version-deprecated'];
  const files = [
    ...[
      '100-cpu-limit',
      'bottlerocket',
      'general-purpose',
      'large-instances',
      'max-node-lifetime',
      'min-values-family',
      'min-values-multiple-keys',
      'multiple-arch',
      'multiple-ebs',
      'spot',
      'workload-gpu-nvidia',
      'workload-spot',
    ].map((name) => `examples-v1-v1.14.1/${name}.yaml`),
    ...[
      '100-cpu-limit',
      'bottlerocket',
      'general-purpose',
      'large-instances',
      'multiple-ebs',
      'node-ttls',
      'spot',
    ].map((name) => `examples-v1alpha5-v0.32.10/${name}.yaml`),
  ];

  it.each(files)('%s', (file) => {
    // Given an upstream example / When it is linted alone
    const path = sharedPath('reference/karpenter-crds', file);
    const set = loadManifestTexts([{ path, text: readFileSync(path, 'utf8') }]);
    const findings = lintManifests(set, { catalog, region: regionOf('us-west-2') }).findings;
    // Then only the expected advice is given
    expect(findings.map((f) => f.ruleId)).toEqual(EXPECTED[file] ?? V1ALPHA5);
  });

  it('linted together, the Spot-only pools have the On-Demand pools of the other files as fallback', () => {
    // Given every v1 example in one run (general-purpose and others allow on-demand, without taints)
    const set = loadManifestTexts(
      files
        .filter((f) => f.startsWith('examples-v1-'))
        .map((f) => sharedPath('reference/karpenter-crds', f))
        .map((path) => ({ path, text: readFileSync(path, 'utf8') })),
    );
    // When linted / Then no Spot-only pool is said to lack a fallback
    const findings = lintManifests(set, { catalog }).findings;
    expect(findings.filter((f) => f.ruleId === 'spot-no-on-demand-fallback')).toEqual([]);
  });
});
