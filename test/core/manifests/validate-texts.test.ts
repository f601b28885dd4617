/**
 * validateManifestTexts: what a command that writes manifests (init) calls before writing anything —
 * every reason the API server or kubectl would refuse the texts, located, and nothing for valid ones.
 */
import { describe, expect, it } from 'vitest';

import { validateManifestTexts } from '../../../src/core/manifests/validate-texts.js';
import { fixtureFiles } from '../../fixtures/manifests/markers.js';

const POOL = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: gpu
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: gpu}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
  limits:
    nvidia.com/gpu: 8
`;
const CLASS = `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: gpu
spec:
  role: KarpenterNodeRole-demo
  amiSelectorTerms: [{alias: al2023@latest}]
  subnetSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]
  securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: demo}}]
`;
const VALUES = 'settings:\n  clusterName: demo\n';

describe('validateManifestTexts', () => {
  it('finds nothing in manifests the API server accepts, and does not judge other files', () => {
    // Given rendered files: a NodePool and EC2NodeClass in one, Helm values in another
    const files = [
      { path: 'nodepool.yaml', text: `${POOL}---\n${CLASS}` },
      { path: 'values.yaml', text: VALUES },
    ];
    // When validated / Then nothing is wrong
    expect(validateManifestTexts(files)).toEqual([]);
  });

  it('gives each violation with its file, line, column, rule and the server’s message', () => {
    // Given a NodePool that requires kubernetes.io/hostname and an EC2NodeClass with a restricted tag
    const pool = POOL.replace(
      'karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]',
      'kubernetes.io/hostname, operator: Exists',
    );
    const nodeClass = `${CLASS}  tags: {kubernetes.io/cluster/demo: owned}\n`;
    // When validated
    const findings = validateManifestTexts([
      { path: 'a/nodepool.yaml', text: pool },
      { path: 'a/ec2nodeclass.yaml', text: nodeClass },
    ]);
    // Then both are found, in file order, located
    expect(findings).toEqual([
      {
        file: 'a/nodepool.yaml',
        line: 10,
        column: 17,
        ruleId: 'cel',
        severity: 'error',
        message:
          'spec.template.spec.requirements[0].key: Invalid value: "string": label "kubernetes.io/hostname" is restricted',
        resource: 'NodePool/gpu',
      },
      {
        file: 'a/ec2nodeclass.yaml',
        line: 10,
        column: 3,
        ruleId: 'cel',
        severity: 'error',
        message:
          'spec.tags: Invalid value: "object": tag contains a restricted tag matching kubernetes.io/cluster/',
        resource: 'EC2NodeClass/gpu',
      },
    ]);
  });

  it('reports text that kubectl would not even read: YAML errors, duplicate keys, kinds not served', () => {
    const findings = validateManifestTexts([
      { path: 'broken.yaml', text: 'apiVersion: karpenter.sh/v1\nkind: NodePool\nspec: [\n' },
      { path: 'dup.yaml', text: `${POOL}  limits:\n    cpu: 10\n` },
      { path: 'kind.yaml', text: POOL.replace('kind: NodePool', 'kind: NodePools') },
    ]);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`)).toEqual([
      'broken.yaml:4 yaml-syntax error',
      'dup.yaml:13 yaml-duplicate-key error',
      'kind.yaml:2 manifest-shape error',
    ]);
  });

  it('an info entry (rules not checked) comes with the error that causes it, never alone', () => {
    const findings = validateManifestTexts([
      { path: 'p.yaml', text: POOL.replace('nvidia.com/gpu: 8', 'nvidia.com/gpu: true') },
    ]);
    expect(findings.some((f) => f.severity === 'error')).toBe(true);
    expect(findings.filter((f) => f.severity === 'info').map((f) => f.ruleId)).toEqual(['cel']);
  });

  it('catches every one of the 15 real mistakes', () => {
    for (const file of fixtureFiles('mistakes')) {
      const errors = validateManifestTexts([{ path: file.name, text: file.text }]).filter(
        (f) => f.severity === 'error',
      );
      expect(errors.length, file.name).toBeGreaterThan(0);
    }
  });
});
