/**
 * validateManifest on the committed data: clean documents stay clean, real mistakes are caught with the
 * API server's message, each schema keyword class is worded as the server words it, and a file of 100
 * documents validates well under a second.
 */
import { describe, expect, it } from 'vitest';

import {
  coveredApiVersions,
  isKnownKind,
  knownKinds,
  skippedTransitionRules,
  validateManifest,
  validateManifestDetailed,
} from '../../../../src/core/manifests/crd/index.js';
import * as fx from './fixtures.js';

type Doc = Record<string, unknown>;
const check = (doc: Doc) => validateManifest(doc, doc.apiVersion as string, doc.kind as string);
const messages = (doc: Doc) => check(doc).map((v) => v.message);
const REQ = ['spec', 'template', 'spec', 'requirements'];
const NOT_CHECKED =
  '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('catalog', () => {
  it('knows the Karpenter kinds of the three API generations', () => {
    // Given the derived data / Then every served CRD version is there
    expect(coveredApiVersions()).toEqual([
      'karpenter.k8s.aws/v1alpha1',
      'karpenter.sh/v1alpha5',
      'karpenter.k8s.aws/v1beta1',
      'karpenter.sh/v1beta1',
      'karpenter.k8s.aws/v1',
      'karpenter.sh/v1',
    ]);
    expect(knownKinds().map((k) => `${k.apiVersion}/${k.kind}`)).toContain('karpenter.sh/v1/NodePool');
    expect(isKnownKind('karpenter.sh/v1', 'NodePool')).toBe(true);
    expect(isKnownKind('apps/v1', 'Deployment')).toBe(false);
    expect(() => validateManifest({}, 'apps/v1', 'Deployment')).toThrow(/isKnownKind/);
  });

  it('lists the transition rules a file on disk is never checked against, and does not run them', () => {
    // Given the v1 NodePool, whose nodeClassRef group is immutable
    const skipped = skippedTransitionRules('karpenter.sh/v1', 'NodePool');
    // Then the three oldSelf rules are listed
    expect(skipped.map((r) => `${r.schemaPath}: ${r.message}`)).toEqual([
      'spec: Cannot transition NodePool between static (replicas set) and dynamic (replicas unset) provisioning modes',
      'spec.template.spec.nodeClassRef: nodeClassRef.group is immutable',
      'spec.template.spec.nodeClassRef: nodeClassRef.kind is immutable',
    ]);
    // And a create (no old object) is not rejected by them
    expect(check(fx.nodePoolV1())).toEqual([]);
    expect(skippedTransitionRules('apps/v1', 'Deployment')).toEqual([]);
  });
});

describe('documents the server accepts', () => {
  it.each([
    ['v1 NodePool', fx.nodePoolV1],
    ['v1 NodeClaim', fx.nodeClaimV1],
    ['v1 EC2NodeClass', fx.ec2NodeClassV1],
    ['v1beta1 NodePool', fx.nodePoolV1beta1],
    ['v1beta1 NodeClaim', fx.nodeClaimV1beta1],
    ['v1beta1 EC2NodeClass', fx.ec2NodeClassV1beta1],
    ['v1alpha5 Provisioner', fx.provisionerV1alpha5],
    ['v1alpha1 AWSNodeTemplate', fx.awsNodeTemplateV1alpha1],
  ])('%s validates clean and is not modified', (_name, make) => {
    // Given a valid document
    const doc = make();
    const before = structuredClone(doc);
    // When / Then it has no violations and is left as it was
    const result = validateManifestDetailed(doc, doc.apiVersion as string, doc.kind as string);
    expect(result).toEqual({ violations: [], unevaluatedRules: [] });
    expect(doc).toEqual(before);
  });

  it('accepts generateName instead of name, with a trailing dash', () => {
    const doc = fx.set(
      fx.set(fx.nodePoolV1(), ['metadata', 'name'], undefined),
      ['metadata', 'generateName'],
      'spot-',
    );
    expect(check(doc)).toEqual([]);
  });

  it('applies defaults before the CEL rules (a defaulted field satisfies them)', () => {
    // Given a v1beta1 NodePool without disruption: the default is WhenUnderutilized with expireAfter 720h,
    // which the consolidateAfter rules accept only because the default has no consolidateAfter
    expect(check(fx.nodePoolV1beta1())).toEqual([]);
    // And a WhenEmpty policy written without consolidateAfter is rejected after defaulting
    const doc = fx.set(fx.nodePoolV1beta1(), ['spec', 'disruption'], { consolidationPolicy: 'WhenEmpty' });
    expect(messages(doc)).toEqual([
      'spec.disruption: Invalid value: "object": consolidateAfter must be specified with consolidationPolicy=WhenEmpty',
    ]);
  });

  it('drops a null optional field instead of rejecting it, and keeps unknown fields under preserve-unknown-fields', () => {
    expect(check(fx.set(fx.nodePoolV1(), ['spec', 'weight'], null))).toEqual([]);
    expect(check(fx.set(fx.provisionerV1alpha5(), ['spec', 'provider'], { anything: { goes: 1 } }))).toEqual(
      [],
    );
  });

  it('ignores status, which a create does not set (the status subresource is on)', () => {
    expect(check(fx.set(fx.nodePoolV1(), ['status', 'resources'], { cpu: 'not-a-quantity' }))).toEqual([]);
  });
});

describe('the 15 real mistakes', () => {
  const cases: [string, () => Doc, string[]][] = [
    [
      'a kubernetes.io/hostname requirement',
      () =>
        fx.set(fx.nodePoolV1(), [...REQ, 0], {
          key: 'kubernetes.io/hostname',
          operator: 'In',
          values: ['ip-10-0-0-1'],
        }),
      [
        'spec.template.spec.requirements[0].key: Invalid value: "string": label "kubernetes.io/hostname" is restricted',
      ],
    ],
    [
      'the restricted karpenter.sh/nodepool label',
      () =>
        fx.set(fx.nodePoolV1(), ['spec', 'template', 'metadata', 'labels'], {
          'karpenter.sh/nodepool': 'spot',
        }),
      ['spec.template.metadata.labels: Invalid value: "object": label "karpenter.sh/nodepool" is restricted'],
    ],
    [
      'minValues above the number of values',
      () =>
        fx.set(fx.nodePoolV1(), [...REQ, 1], {
          key: 'karpenter.k8s.aws/instance-family',
          operator: 'In',
          values: ['m5', 'c5'],
          minValues: 3,
        }),
      [
        "spec.template.spec.requirements: Invalid value: \"array\": requirements with 'minValues' must have at least that many values specified in the 'values' field",
      ],
    ],
    [
      'a budget schedule without duration',
      () =>
        fx.set(fx.nodePoolV1(), ['spec', 'disruption'], {
          consolidateAfter: '1m',
          budgets: [{ nodes: '0', schedule: '@daily' }],
        }),
      ["spec.disruption.budgets: Invalid value: \"array\": 'schedule' must be set with 'duration'"],
    ],
    [
      'an empty nodeClassRef.name',
      () => fx.set(fx.nodePoolV1(), ['spec', 'template', 'spec', 'nodeClassRef', 'name'], ''),
      ['spec.template.spec.nodeClassRef.name: Invalid value: "string": name may not be empty'],
    ],
    [
      'an amiSelectorTerms alias plus id',
      () =>
        fx.set(
          fx.ec2NodeClassV1(),
          ['spec', 'amiSelectorTerms'],
          [{ alias: 'al2023@latest', id: 'ami-0123456789abcdef0' }],
        ),
      [
        'spec.amiSelectorTerms: Invalid value: "array": \'id\' is mutually exclusive, cannot be set with a combination of other fields in amiSelectorTerms',
        'spec.amiSelectorTerms: Invalid value: "array": \'alias\' is mutually exclusive, cannot be set with a combination of other fields in amiSelectorTerms',
      ],
    ],
    [
      'a Windows alias pinned to a version',
      () => fx.set(fx.ec2NodeClassV1(), ['spec', 'amiSelectorTerms'], [{ alias: 'windows2022@v20250101' }]),
      [
        'spec.amiSelectorTerms[0].alias: Invalid value: "string": windows families may only specify version \'latest\'',
      ],
    ],
    [
      'a restricted tag key',
      () =>
        fx.set(fx.ec2NodeClassV1(), ['spec', 'tags'], {
          'kubernetes.io/cluster/prod': 'owned',
          team: 'platform',
        }),
      ['spec.tags: Invalid value: "object": tag contains a restricted tag matching kubernetes.io/cluster/'],
    ],
    [
      'an EBS volume with neither size nor snapshot',
      () =>
        fx.set(
          fx.ec2NodeClassV1(),
          ['spec', 'blockDeviceMappings'],
          [{ deviceName: '/dev/xvda', ebs: { volumeType: 'gp3', encrypted: true } }],
        ),
      ['spec.blockDeviceMappings[0].ebs: Invalid value: "object": snapshotID or volumeSize must be defined'],
    ],
    [
      'imageGCHighThresholdPercent not above the low threshold',
      () =>
        fx.set(fx.ec2NodeClassV1(), ['spec', 'kubelet'], {
          imageGCHighThresholdPercent: 80,
          imageGCLowThresholdPercent: 85,
        }),
      [
        'spec.kubelet: Invalid value: "object": imageGCHighThresholdPercent must be greater than imageGCLowThresholdPercent',
      ],
    ],
    [
      'a security-group term with id and tags',
      () =>
        fx.set(
          fx.ec2NodeClassV1(),
          ['spec', 'securityGroupSelectorTerms'],
          [{ id: 'sg-0123456789abcdef0', tags: { Name: 'nodes' } }],
        ),
      [
        'spec.securityGroupSelectorTerms: Invalid value: "array": \'id\' is mutually exclusive, cannot be set with a combination of other fields in a security group selector term',
      ],
    ],
    [
      'kubelet in a v1 NodePool (it moved to the EC2NodeClass)',
      () => fx.set(fx.nodePoolV1(), ['spec', 'template', 'spec', 'kubelet'], { maxPods: 110 }),
      ['unknown field "spec.template.spec.kubelet"'],
    ],
    [
      'a taint with operator (that is a toleration field)',
      () =>
        fx.set(
          fx.nodePoolV1(),
          ['spec', 'template', 'spec', 'taints'],
          [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
        ),
      ['unknown field "spec.template.spec.taints[0].operator"'],
    ],
    [
      'an unknown field',
      () => fx.set(fx.nodePoolV1(), ['spec', 'ttlSecondsAfterEmpty'], 30),
      ['unknown field "spec.ttlSecondsAfterEmpty"'],
    ],
    [
      'a capacity type the API does not know',
      () => fx.set(fx.nodePoolV1(), [...REQ, 0, 'operator'], 'Equals'),
      [
        'spec.template.spec.requirements[0].operator: Unsupported value: "Equals": supported values: "Gte", "Lte", "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"',
        NOT_CHECKED,
      ],
    ],
  ];

  it.each(cases)('%s', (_name, make, expected) => {
    // Given a manifest with the mistake / When it is validated / Then the server's rejection is reported
    expect(messages(make())).toEqual(expected);
  });
});

describe('schema keyword classes, worded as the server words them', () => {
  const cases: [string, () => Doc, string[]][] = [
    [
      'required (missing field)',
      () => fx.set(fx.nodePoolV1(), ['spec', 'template', 'spec', 'nodeClassRef', 'kind'], undefined),
      ['spec.template.spec.nodeClassRef.kind: Required value', NOT_CHECKED],
    ],
    [
      'required metadata.name',
      () => fx.set(fx.nodePoolV1(), ['metadata', 'name'], undefined),
      ['metadata.name: Required value: name or generateName is required', NOT_CHECKED],
    ],
    [
      'a name that is not a DNS subdomain',
      () => fx.set(fx.nodePoolV1(), ['metadata', 'name'], 'Spot_Pool'),
      [
        "metadata.name: Invalid value: \"Spot_Pool\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      'wrong type',
      () => fx.set(fx.nodePoolV1(), ['spec', 'weight'], '10'),
      [
        'spec.weight: Invalid value: "string": spec.weight in body must be of type integer: "string"',
        NOT_CHECKED,
      ],
    ],
    [
      'wrong type in a list',
      () => fx.set(fx.nodePoolV1(), [...REQ, 0, 'values'], ['spot', 5]),
      [
        'spec.template.spec.requirements[0].values[1]: Invalid value: "integer": spec.template.spec.requirements[0].values[1] in body must be of type string: "integer"',
        NOT_CHECKED,
      ],
    ],
    [
      'enum',
      () => fx.set(fx.ec2NodeClassV1(), ['spec', 'amiFamily'], 'Ubuntu'),
      [
        'spec.amiFamily: Unsupported value: "Ubuntu": supported values: "AL2", "AL2023", "Bottlerocket", "Custom", "Windows2019", "Windows2022", "Windows2025"',
        NOT_CHECKED,
      ],
    ],
    [
      'pattern',
      () => fx.set(fx.nodePoolV1(), ['spec', 'template', 'spec', 'expireAfter'], '30d'),
      [
        'spec.template.spec.expireAfter: Invalid value: "30d": spec.template.spec.expireAfter in body should match \'^(([0-9]+(s|m|h))+|Never)$\'',
      ],
    ],
    [
      'pattern on a map value (int-or-string quantity)',
      () => fx.set(fx.nodePoolV1(), ['spec', 'limits'], { cpu: '1000 cores' }),
      [
        'spec.limits.cpu: Invalid value: "1000 cores": spec.limits.cpu in body should match \'^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$\'',
      ],
    ],
    [
      'minimum',
      () => fx.set(fx.nodePoolV1(), ['spec', 'weight'], 0),
      ['spec.weight: Invalid value: 0: spec.weight in body should be greater than or equal to 1'],
    ],
    [
      'maximum',
      () => fx.set(fx.nodePoolV1(), ['spec', 'weight'], 101),
      ['spec.weight: Invalid value: 101: spec.weight in body should be less than or equal to 100'],
    ],
    [
      'maxLength',
      () => fx.set(fx.nodePoolV1(), ['spec', 'template', 'metadata', 'labels'], { team: 'x'.repeat(64) }),
      ['spec.template.metadata.labels.team: Too long: may not be more than 63 bytes', NOT_CHECKED],
    ],
    // The v1 CRD puts maxLength and pattern on the values list instead of its items: the server ignores
    // string keywords on a list, so a 64-character value is accepted.
    ['string keywords on a list', () => fx.set(fx.nodePoolV1(), [...REQ, 0, 'values'], ['x'.repeat(64)]), []],
    [
      'minLength',
      () => fx.set(fx.ec2NodeClassV1(), ['spec', 'placementGroupSelector'], { name: '' }),
      [
        'spec.placementGroupSelector.name: Invalid value: "": spec.placementGroupSelector.name in body should be at least 1 chars long',
      ],
    ],
    [
      'maxItems',
      () =>
        fx.set(
          fx.nodePoolV1(),
          REQ,
          Array.from({ length: 101 }, () => ({ key: 'karpenter.sh/capacity-type', operator: 'Exists' })),
        ),
      ['spec.template.spec.requirements: Too many: 101: must have at most 100 items', NOT_CHECKED],
    ],
    [
      'maxProperties',
      () =>
        fx.set(
          fx.ec2NodeClassV1(),
          ['spec', 'subnetSelectorTerms'],
          [{ tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }],
        ),
      ['spec.subnetSelectorTerms[0].tags: Too many: 21: must have at most 20 items', NOT_CHECKED],
    ],
    [
      'list-type set',
      () =>
        fx.set(fx.nodePoolV1(), ['spec', 'disruption'], {
          consolidateAfter: '0s',
          budgets: [{ nodes: '1', reasons: ['Empty', 'Empty'] }],
        }),
      ['spec.disruption.budgets[0].reasons[1]: Duplicate value: "Empty"'],
    ],
    [
      'int-or-string of neither type',
      () => fx.set(fx.nodePoolV1(), ['spec', 'limits'], { cpu: true }),
      [
        'spec.limits.cpu: Invalid value: "boolean": spec.limits.cpu in body must be of type integer,string: "boolean"',
        '<nil>: Invalid value: "": "spec.limits.cpu" must validate at least one schema (anyOf)',
        'spec.limits.cpu: Invalid value: "boolean": spec.limits.cpu in body must be of type integer: "boolean"',
        NOT_CHECKED,
      ],
    ],
    [
      'unknown field at the root and in metadata',
      () => ({ ...fx.nodePoolV1(), extra: 1, metadata: { name: 'a', label: { x: 'y' } } }),
      ['unknown field "metadata.label"', 'unknown field "extra"'],
    ],
  ];

  it.each(cases)('%s', (_name, make, expected) => {
    expect(messages(make())).toEqual(expected);
  });

  it("a kind or apiVersion other than the schema's is rejected before anything else", () => {
    // Given a document whose kind is misspelt, checked as the kind it meant
    const doc = { ...fx.nodePoolV1(), kind: 'Nodepool', spec: {} };
    // Then only the type metadata is reported, as the server stops there
    expect(validateManifest(doc, 'karpenter.sh/v1', 'NodePool').map((v) => v.message)).toEqual([
      'kind: Invalid value: "Nodepool": must be NodePool',
    ]);
    // And a v1 document checked against v1beta1 reports the v1-only field first
    expect(
      validateManifest(fx.nodePoolV1(), 'karpenter.sh/v1beta1', 'NodePool').map((v) => v.message),
    ).toEqual([
      'unknown field "spec.template.spec.nodeClassRef.group"',
      'apiVersion: Invalid value: "karpenter.sh/v1": must be karpenter.sh/v1beta1',
    ]);
  });

  it("a rule that cannot be evaluated on the value is a rejection with cel-go's reason", () => {
    // Given an In requirement without values (values is optional in the schema)
    const doc = fx.set(fx.nodePoolV1(), [...REQ, 0], { key: 'karpenter.sh/capacity-type', operator: 'In' });
    // Then the rule fails on the missing key, as the server reports it
    expect(check(doc)).toEqual([
      {
        path: ['spec', 'template', 'spec', 'requirements'],
        rule: 'cel',
        keyword: 'rule-error',
        message:
          'spec.template.spec.requirements: Invalid value: "array": no such key: values evaluating rule: requirements with operator \'In\' must have a value defined',
      },
    ]);
    // And a Gt value that is no integer fails the conversion
    const gt = fx.set(fx.nodePoolV1(), [...REQ, 0], {
      key: 'karpenter.k8s.aws/instance-cpu',
      operator: 'Gt',
      values: ['four'],
    });
    expect(messages(gt)).toEqual([
      "spec.template.spec.requirements: Invalid value: \"array\": type conversion error from 'string' to 'int' evaluating rule: requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
    ]);
  });

  it('judges the same content the same way every time, telling an undefined field from an absent one', () => {
    // Given a NodePool whose expireAfter is undefined (a bug in a caller), and one without it
    const undefinedField = fx.nodePoolV1() as { spec: { template: { spec: Doc } } };
    undefinedField.spec.template.spec.expireAfter = undefined;
    const absent = fx.nodePoolV1() as { spec: { template: { spec: Doc } } };
    delete absent.spec.template.spec.expireAfter;
    // Then the first is refused (the server would get a null) and the second is defaulted and accepted,
    // in either order and when asked again
    for (let round = 0; round < 2; round += 1) {
      expect(check(absent as Doc)).toEqual([]);
      expect(check(undefinedField as Doc).map((v) => v.keyword)).toEqual(['type', 'not-checked']);
    }
    // And a caller changing the list it got does not change the next answer
    const first = check(undefinedField as Doc);
    first.length = 0;
    expect(check(undefinedField as Doc)).toHaveLength(2);
    // And a string that reads like the mark for undefined is judged as the string it is
    const markLike = fx.nodePoolV1() as { spec: { template: { spec: Doc } } };
    markLike.spec.template.spec.expireAfter = '\u0000undefined';
    expect(check(markLike as Doc).map((v) => v.keyword)).not.toEqual(['type', 'not-checked']);
  });

  it('with cel: false, reports what the schema rejects and runs no rule', () => {
    // Given a document the CEL rules reject and one the schema rejects
    const ruleBroken = fx.set(fx.nodePoolV1(), [...REQ, 0], {
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
    });
    const typeBroken = fx.set(fx.nodePoolV1(), [...REQ], 'spot');
    const schemaOnly = (doc: Doc) =>
      validateManifest(doc, 'karpenter.sh/v1', 'NodePool', { cel: false }).map((v) => v.keyword);
    // Then the rule is not run, the type is still checked, and no "not checked" notice is added
    expect(check(ruleBroken).map((v) => v.rule)).toEqual(['cel']);
    expect(schemaOnly(ruleBroken)).toEqual([]);
    expect(schemaOnly(typeBroken)).toEqual(['type']);
  });
});

describe('performance', () => {
  it('validates a 100-document file well under a second', () => {
    // Given 100 documents of every kind, some invalid
    const makers = [
      fx.nodePoolV1,
      fx.ec2NodeClassV1,
      fx.nodeClaimV1,
      fx.nodePoolV1beta1,
      fx.ec2NodeClassV1beta1,
    ];
    const docs = Array.from({ length: 100 }, (_, i) => {
      const doc = makers[i % makers.length]!();
      if (i % 7 === 0) fx.set(doc, ['metadata', 'labels'], { team: `t${i}` });
      return doc;
    });
    check(docs[0]!); // compiles the rules once, as the first document of any run does
    // When they are all validated
    const started = performance.now();
    const total = docs.reduce((n, doc) => n + check(doc).length, 0);
    const elapsed = performance.now() - started;
    // Then it takes well under a second
    expect(total).toBe(0);
    expect(elapsed).toBeLessThan(500);
  });
});
