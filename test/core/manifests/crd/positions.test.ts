/** Violations located in the YAML source, as lint prints them (`file:line:col`). */
import { describe, expect, it } from 'vitest';

import { parseYamlFile } from '../../../../src/core/manifests/parse.js';
import { validateManifest, violationPosition } from '../../../../src/core/manifests/crd/index.js';

const YAML = `# a NodePool with four mistakes
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: spot
spec:
  template:
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: ""
      kubelet:
        maxPods: 110
      requirements:
        - key: kubernetes.io/hostname
          operator: Exists
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: broken
spec:
  template:
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        name: default
      requirements: []
`;

function located(index: number) {
  const file = parseYamlFile('pools.yaml', YAML);
  const { ctx } = file.documents[index]!;
  const doc = ctx.doc.toJS() as Record<string, string>;
  return validateManifest(doc, doc.apiVersion!, doc.kind!).map((v) => {
    const { line, column } = violationPosition(ctx, v);
    return `${line}:${column} ${v.message}`;
  });
}

describe('violationPosition', () => {
  it('points at the unknown key, the offending scalar and the key of a list a rule rejects', () => {
    // Given the first document / When located / Then each violation has its line and column
    expect(located(0)).toEqual([
      '13:7 unknown field "spec.template.spec.kubelet"',
      '12:15 spec.template.spec.nodeClassRef.name: Invalid value: "string": name may not be empty',
      '16:16 spec.template.spec.requirements[0].key: Invalid value: "string": label "kubernetes.io/hostname" is restricted',
    ]);
  });

  it('points a missing required field at the object that lacks it', () => {
    // Given the second document, whose nodeClassRef has no kind
    expect(located(1)).toEqual([
      '26:7 spec.template.spec.nodeClassRef.kind: Required value',
      '19:1 <nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    ]);
  });

  it('falls back to the deepest part the file has for a path into a defaulted or absent value', () => {
    const file = parseYamlFile('p.yaml', YAML);
    const { ctx } = file.documents[1]!;
    // A rule reported under spec.disruption, which the file does not write (it is defaulted)
    expect(violationPosition(ctx, { path: ['spec', 'disruption', 'budgets'], keyword: 'rule' })).toEqual({
      line: 23,
      column: 1,
    });
    // A Required value at the root points at the document itself
    expect(violationPosition(ctx, { path: ['spec'], keyword: 'required' })).toEqual({ line: 19, column: 1 });
  });
});
