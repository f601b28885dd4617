/**
 * One manifest per CEL rule of the v1 and v1beta1 CRDs, each rejected with the server's message at the
 * rule's place. The rules are enumerated from the derived data, so a CRD update that adds a rule fails
 * here until the rule has a case.
 */
import { describe, expect, it } from 'vitest';

import { crdKind, knownKinds } from '../../../../src/core/manifests/crd/catalog.js';
import { rulesOf } from '../../../../src/core/manifests/crd/schema-rules.js';
import { usesOldSelf } from '../../../../src/core/manifests/crd/cel.js';
import { validateManifest } from '../../../../src/core/manifests/crd/index.js';
import * as fx from './fixtures.js';

type Doc = Record<string, unknown>;
type Path = (string | number)[];
interface Case {
  /** Change the valid base document so that this rule, and only CEL rules, reject it. */
  make: (doc: Doc) => void;
  /** Where the server reports it. */
  at: Path;
  /** The schema type the server names as the bad value (`Invalid value: "object"`). */
  type: 'string' | 'object' | 'array';
}

const fmt = (path: Path) =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

/** Rules on a requirements list (NodePool template and NodeClaim alike). */
function requirementCases(prefix: Path, gte: boolean): Record<string, Case> {
  const req = [...prefix, 'requirements'];
  const one = (r: Doc) => (d: Doc) => void fx.set(d, [...req, 0], r);
  const onKey = (key: string): Case => ({
    make: one({ key, operator: 'Exists' }),
    at: [...req, 0, 'key'],
    type: 'string',
  });
  const p = fmt(req);
  return {
    [`${p}|requirements with operator 'In' must have a value defined`]: {
      make: one({ key: 'topology.kubernetes.io/zone', operator: 'In', values: [] }),
      at: req,
      type: 'array',
    },
    [`${p}|requirements with 'minValues' must have at least that many values specified in the 'values' field`]:
      {
        make: one({
          key: 'node.kubernetes.io/instance-type',
          operator: 'In',
          values: ['m5.large'],
          minValues: 2,
        }),
        at: req,
        type: 'array',
      },
    [`${p}|requirements operator 'Gt'${gte ? ", 'Lt', 'Gte', or 'Lte'" : " or 'Lt'"} must have a single positive integer value`]:
      {
        make: one({ key: 'karpenter.k8s.aws/instance-cpu', operator: 'Gt', values: ['4', '8'] }),
        at: req,
        type: 'array',
      },
    [`${p}[*].key|label domain "karpenter.sh" is restricted`]: onKey('karpenter.sh/custom'),
    [`${p}[*].key|label domain "karpenter.k8s.aws" is restricted`]: onKey('karpenter.k8s.aws/custom'),
    [`${p}[*].key|label "kubernetes.io/hostname" is restricted`]: onKey('kubernetes.io/hostname'),
    [`${p}[*].key|label "karpenter.sh/nodepool" is restricted`]: onKey('karpenter.sh/nodepool'),
    [`${p}[*].key|label domain "kubernetes.io" is restricted`]: onKey('kubernetes.io/custom'),
    [`${p}[*].key|label domain "k8s.io" is restricted`]: onKey('example.k8s.io/custom'),
  };
}

/** Rules on a template's labels. */
function labelCases(): Record<string, Case> {
  const at = ['spec', 'template', 'metadata', 'labels'];
  const label = (k: string): Case => ({ make: (d) => void fx.set(d, at, { [k]: 'x' }), at, type: 'object' });
  const p = fmt(at);
  return {
    [`${p}|label domain "karpenter.sh" is restricted`]: label('karpenter.sh/custom'),
    [`${p}|label domain "karpenter.k8s.aws" is restricted`]: label('karpenter.k8s.aws/custom'),
    [`${p}|label "kubernetes.io/hostname" is restricted`]: label('kubernetes.io/hostname'),
    [`${p}|label "karpenter.sh/nodepool" is restricted`]: label('karpenter.sh/nodepool'),
    [`${p}|label domain "kubernetes.io" is restricted`]: label('kubernetes.io/custom'),
    [`${p}|label domain "k8s.io" is restricted`]: label('example.k8s.io/custom'),
  };
}

/** Rules on a kubelet block (v1beta1 NodePool/NodeClaim, v1 EC2NodeClass). */
function kubeletCases(kubelet: Path): Record<string, Case> {
  const p = fmt(kubelet);
  const put = (v: Doc) => (d: Doc) => void fx.set(d, kubelet, v);
  const onMap = (name: string, v: Doc): Case => ({
    make: put({ [name]: v }),
    at: [...kubelet, name],
    type: 'object',
  });
  const keys =
    "['memory.available','nodefs.available','nodefs.inodesFree','imagefs.available','imagefs.inodesFree','pid.available']";
  return {
    [`${p}|imageGCHighThresholdPercent must be greater than imageGCLowThresholdPercent`]: {
      make: put({ imageGCHighThresholdPercent: 50, imageGCLowThresholdPercent: 50 }),
      at: kubelet,
      type: 'object',
    },
    [`${p}|evictionSoft OwnerKey does not have a matching evictionSoftGracePeriod`]: {
      make: put({
        evictionSoft: { 'memory.available': '5%' },
        evictionSoftGracePeriod: { 'nodefs.available': '1m' },
      }),
      at: kubelet,
      type: 'object',
    },
    [`${p}|evictionSoftGracePeriod OwnerKey does not have a matching evictionSoft`]: {
      make: put({
        evictionSoft: { 'memory.available': '5%', 'nodefs.available': '10%' },
        evictionSoftGracePeriod: { 'memory.available': '1m', 'pid.available': '1m' },
      }),
      at: kubelet,
      type: 'object',
    },
    [`${p}.evictionHard|valid keys for evictionHard are ${keys}`]: onMap('evictionHard', {
      'cpu.available': '1',
    }),
    [`${p}.evictionSoft|valid keys for evictionSoft are ${keys}`]: {
      make: put({
        evictionSoft: { 'cpu.available': '1' },
        evictionSoftGracePeriod: { 'cpu.available': '1m' },
      }),
      at: [...kubelet, 'evictionSoft'],
      type: 'object',
    },
    [`${p}.evictionSoftGracePeriod|valid keys for evictionSoftGracePeriod are ${keys}`]: {
      make: put({
        evictionSoft: { 'cpu.available': '1' },
        evictionSoftGracePeriod: { 'cpu.available': '1m' },
      }),
      at: [...kubelet, 'evictionSoftGracePeriod'],
      type: 'object',
    },
    [`${p}.kubeReserved|valid keys for kubeReserved are ['cpu','memory','ephemeral-storage','pid']`]: onMap(
      'kubeReserved',
      { gpu: '1' },
    ),
    [`${p}.kubeReserved|kubeReserved value cannot be a negative resource quantity`]: onMap('kubeReserved', {
      cpu: '-100m',
    }),
    [`${p}.systemReserved|valid keys for systemReserved are ['cpu','memory','ephemeral-storage','pid']`]:
      onMap('systemReserved', { gpu: '1' }),
    [`${p}.systemReserved|systemReserved value cannot be a negative resource quantity`]: onMap(
      'systemReserved',
      { memory: '-1Gi' },
    ),
  };
}

/** EC2NodeClass rules both API versions declare (some messages differ between them). */
function nodeClassCases(v1: boolean): Record<string, Case> {
  const put = (path: Path, v: unknown) => (d: Doc) => void fx.set(d, ['spec', ...path], v);
  const spec = (make: (d: Doc) => void): Case => ({ make, at: ['spec'], type: 'object' });
  const list = (name: string, v: unknown): Case => ({
    make: put([name], v),
    at: ['spec', name],
    type: 'array',
  });
  const tags = (k: string): Case => ({
    make: put(['tags'], { [k]: 'x' }),
    at: ['spec', 'tags'],
    type: 'object',
  });
  const emptyTag = (name: string): Case => ({
    make: put([name], [{ tags: { a: '' } }]),
    at: ['spec', name, 0, 'tags'],
    type: 'object',
  });
  const sgName = v1 ? 'a security group selector term' : 'securityGroupSelectorTerms';
  return {
    "spec|must specify exactly one of ['role', 'instanceProfile']": spec(
      put(['instanceProfile'], 'KarpenterNodeInstanceProfile'),
    ),
    'spec.role|role cannot be empty': { make: put(['role'], ''), at: ['spec', 'role'], type: 'string' },
    'spec.instanceProfile|instanceProfile cannot be empty': {
      make: (d) => void fx.set(fx.set(d, ['spec', 'role'], undefined), ['spec', 'instanceProfile'], ''),
      at: ['spec', 'instanceProfile'],
      type: 'string',
    },
    'spec.subnetSelectorTerms|subnetSelectorTerms cannot be empty': list('subnetSelectorTerms', []),
    "spec.subnetSelectorTerms|expected at least one, got none, ['tags', 'id']": list('subnetSelectorTerms', [
      {},
    ]),
    [`spec.subnetSelectorTerms|'id' is mutually exclusive, cannot be set with a combination of other fields in ${v1 ? 'a subnet selector term' : 'subnetSelectorTerms'}`]:
      list('subnetSelectorTerms', [{ id: 'subnet-123', tags: { a: 'b' } }]),
    "spec.subnetSelectorTerms[*].tags|empty tag keys or values aren't supported":
      emptyTag('subnetSelectorTerms'),
    'spec.securityGroupSelectorTerms|securityGroupSelectorTerms cannot be empty': list(
      'securityGroupSelectorTerms',
      [],
    ),
    "spec.securityGroupSelectorTerms|expected at least one, got none, ['tags', 'id', 'name']": list(
      'securityGroupSelectorTerms',
      [{}],
    ),
    [`spec.securityGroupSelectorTerms|'id' is mutually exclusive, cannot be set with a combination of other fields in ${sgName}`]:
      list('securityGroupSelectorTerms', [{ id: 'sg-123', tags: { a: 'b' } }]),
    [`spec.securityGroupSelectorTerms|'name' is mutually exclusive, cannot be set with a combination of other fields in ${sgName}`]:
      list('securityGroupSelectorTerms', [{ name: 'default', tags: { a: 'b' } }]),
    "spec.securityGroupSelectorTerms[*].tags|empty tag keys or values aren't supported": emptyTag(
      'securityGroupSelectorTerms',
    ),
    "spec.amiSelectorTerms|'id' is mutually exclusive, cannot be set with a combination of other fields in amiSelectorTerms":
      list('amiSelectorTerms', [{ id: 'ami-123', name: 'my-ami' }]),
    "spec.amiSelectorTerms[*].tags|empty tag keys or values aren't supported": {
      make: (d) =>
        void fx.set(
          fx.set(d, ['spec', 'amiFamily'], 'AL2023'),
          ['spec', 'amiSelectorTerms'],
          [{ tags: { a: '' } }],
        ),
      at: ['spec', 'amiSelectorTerms', 0, 'tags'],
      type: 'object',
    },
    "spec.tags|empty tag keys aren't supported": tags(''),
    'spec.tags|tag contains a restricted tag matching kubernetes.io/cluster/': tags(
      'kubernetes.io/cluster/my-cluster',
    ),
    'spec.tags|tag contains a restricted tag matching karpenter.sh/nodepool': tags('karpenter.sh/nodepool'),
    'spec.tags|tag contains a restricted tag matching karpenter.sh/nodeclaim': tags('karpenter.sh/nodeclaim'),
    'spec.tags|tag contains a restricted tag matching karpenter.k8s.aws/ec2nodeclass': tags(
      'karpenter.k8s.aws/ec2nodeclass',
    ),
    'spec.tags|tag contains a restricted tag matching karpenter.sh/managed-by':
      tags('karpenter.sh/managed-by'),
    'spec.tags|tag contains a restricted tag matching eks:eks-cluster-name': tags('eks:eks-cluster-name'),
    'spec.blockDeviceMappings|must have only one blockDeviceMappings with rootVolume': list(
      'blockDeviceMappings',
      [
        { deviceName: '/dev/xvda', rootVolume: true, ebs: { volumeSize: '20Gi' } },
        { deviceName: '/dev/xvdb', rootVolume: true, ebs: { volumeSize: '20Gi' } },
      ],
    ),
    'spec.blockDeviceMappings[*].ebs|snapshotID or volumeSize must be defined': {
      make: put(['blockDeviceMappings'], [{ deviceName: '/dev/xvda', ebs: { volumeType: 'gp3' } }]),
      at: ['spec', 'blockDeviceMappings', 0, 'ebs'],
      type: 'object',
    },
  };
}

const alias = (family: string, amiFamily: string): Case => ({
  make: (d) =>
    void fx.set(
      fx.set(d, ['spec', 'amiSelectorTerms'], [{ alias: `${family}@latest` }]),
      ['spec', 'amiFamily'],
      amiFamily,
    ),
  at: ['spec'],
  type: 'object',
});

const ec2V1: Record<string, Case> = {
  ...nodeClassCases(true),
  ...kubeletCases(['spec', 'kubelet']),
  "spec|if set, amiFamily must be 'AL2' or 'Custom' when using an AL2 alias": alias('al2', 'AL2023'),
  "spec|if set, amiFamily must be 'AL2023' or 'Custom' when using an AL2023 alias": alias('al2023', 'AL2'),
  "spec|if set, amiFamily must be 'Bottlerocket' or 'Custom' when using a Bottlerocket alias": alias(
    'bottlerocket',
    'AL2',
  ),
  "spec|if set, amiFamily must be 'Windows2019' or 'Custom' when using a Windows2019 alias": alias(
    'windows2019',
    'AL2',
  ),
  "spec|if set, amiFamily must be 'Windows2022' or 'Custom' when using a Windows2022 alias": alias(
    'windows2022',
    'AL2',
  ),
  "spec|if set, amiFamily must be 'Windows2025' or 'Custom' when using a Windows2025 alias": alias(
    'windows2025',
    'AL2',
  ),
  'spec|must specify amiFamily if amiSelectorTerms does not contain an alias': {
    make: (d) => void fx.set(d, ['spec', 'amiSelectorTerms'], [{ id: 'ami-123' }]),
    at: ['spec'],
    type: 'object',
  },
  "spec.amiSelectorTerms|expected at least one, got none, ['tags', 'id', 'name', 'alias', 'ssmParameter']": {
    make: (d) =>
      void fx.set(
        fx.set(d, ['spec', 'amiFamily'], 'AL2023'),
        ['spec', 'amiSelectorTerms'],
        [{ owner: 'self' }],
      ),
    at: ['spec', 'amiSelectorTerms'],
    type: 'array',
  },
  "spec.amiSelectorTerms|'alias' is mutually exclusive, cannot be set with a combination of other fields in amiSelectorTerms":
    {
      make: (d) => void fx.set(d, ['spec', 'amiSelectorTerms'], [{ alias: 'al2023@latest', owner: 'self' }]),
      at: ['spec', 'amiSelectorTerms'],
      type: 'array',
    },
  "spec.amiSelectorTerms|'alias' is mutually exclusive, cannot be set with a combination of other amiSelectorTerms":
    {
      make: (d) =>
        void fx.set(d, ['spec', 'amiSelectorTerms'], [{ alias: 'al2023@latest' }, { alias: 'al2@latest' }]),
      at: ['spec', 'amiSelectorTerms'],
      type: 'array',
    },
  "spec.amiSelectorTerms[*].alias|'alias' is improperly formatted, must match the format 'family@version'": {
    make: (d) => void fx.set(d, ['spec', 'amiSelectorTerms'], [{ alias: 'al2023@' }]),
    at: ['spec', 'amiSelectorTerms', 0, 'alias'],
    type: 'string',
  },
  "spec.amiSelectorTerms[*].alias|family is not supported, must be one of the following: 'al2', 'al2023', 'bottlerocket', 'windows2019', 'windows2022', 'windows2025'":
    {
      make: (d) => void fx.set(d, ['spec', 'amiSelectorTerms'], [{ alias: 'ubuntu@latest' }]),
      at: ['spec', 'amiSelectorTerms', 0, 'alias'],
      type: 'string',
    },
  "spec.amiSelectorTerms[*].alias|windows families may only specify version 'latest'": {
    make: (d) => void fx.set(d, ['spec', 'amiSelectorTerms'], [{ alias: 'windows2022@v20240101' }]),
    at: ['spec', 'amiSelectorTerms', 0, 'alias'],
    type: 'string',
  },
  'spec.blockDeviceMappings[*].ebs|snapshotID must be set when volumeInitializationRate is set': {
    make: (d) =>
      void fx.set(
        d,
        ['spec', 'blockDeviceMappings'],
        [{ deviceName: '/dev/xvda', ebs: { volumeSize: '20Gi', volumeInitializationRate: 200 } }],
      ),
    at: ['spec', 'blockDeviceMappings', 0, 'ebs'],
    type: 'object',
  },
  "spec.capacityReservationSelectorTerms|expected at least one, got none, ['tags', 'id', 'instanceMatchCriteria']":
    {
      make: (d) =>
        void fx.set(d, ['spec', 'capacityReservationSelectorTerms'], [{ ownerID: '123456789012' }]),
      at: ['spec', 'capacityReservationSelectorTerms'],
      type: 'array',
    },
  "spec.capacityReservationSelectorTerms|'id' is mutually exclusive, cannot be set along with other fields in a capacity reservation selector term":
    {
      make: (d) =>
        void fx.set(
          d,
          ['spec', 'capacityReservationSelectorTerms'],
          [{ id: 'cr-123', ownerID: '123456789012' }],
        ),
      at: ['spec', 'capacityReservationSelectorTerms'],
      type: 'array',
    },
  "spec.capacityReservationSelectorTerms[*].tags|empty tag keys or values aren't supported": {
    make: (d) => void fx.set(d, ['spec', 'capacityReservationSelectorTerms'], [{ tags: { '': 'x' } }]),
    at: ['spec', 'capacityReservationSelectorTerms', 0, 'tags'],
    type: 'object',
  },
  'spec.connectionTracking|at least one of tcpEstablishedTimeout, udpStreamTimeout, or udpTimeout must be set':
    {
      make: (d) => void fx.set(d, ['spec', 'connectionTracking'], {}),
      at: ['spec', 'connectionTracking'],
      type: 'object',
    },
  "spec.networkInterfaces|networkInterfaces must include a primary interface with interfaceType='interface'":
    {
      make: (d) =>
        void fx.set(
          d,
          ['spec', 'networkInterfaces'],
          [{ networkCardIndex: 0, deviceIndex: 1, interfaceType: 'interface' }],
        ),
      at: ['spec', 'networkInterfaces'],
      type: 'array',
    },
  'spec.networkInterfaces|networkInterfaces must not have duplicate networkCardIndex and deviceIndex pairs, and can have at most one efa device per network card':
    {
      make: (d) =>
        void fx.set(
          d,
          ['spec', 'networkInterfaces'],
          [
            { networkCardIndex: 0, deviceIndex: 0, interfaceType: 'interface' },
            { networkCardIndex: 0, deviceIndex: 0, interfaceType: 'interface' },
          ],
        ),
      at: ['spec', 'networkInterfaces'],
      type: 'array',
    },
  "spec.placementGroupSelector|expected at least one, got none, ['name', 'id']": {
    make: (d) => void fx.set(d, ['spec', 'placementGroupSelector'], {}),
    at: ['spec', 'placementGroupSelector'],
    type: 'object',
  },
  "spec.placementGroupSelector|'name' and 'id' are mutually exclusive": {
    make: (d) => void fx.set(d, ['spec', 'placementGroupSelector'], { name: 'pg', id: 'pg-123' }),
    at: ['spec', 'placementGroupSelector'],
    type: 'object',
  },
};

const ec2V1beta1: Record<string, Case> = {
  ...nodeClassCases(false),
  "spec|amiSelectorTerms is required when amiFamily == 'Custom'": {
    make: (d) => void fx.set(fx.set(d, ['spec', 'amiFamily'], 'Custom'), ['spec', 'amiSelectorTerms'], []),
    at: ['spec'],
    type: 'object',
  },
  "spec.amiSelectorTerms|expected at least one, got none, ['tags', 'id', 'name']": {
    make: (d) => void fx.set(d, ['spec', 'amiSelectorTerms'], [{ owner: 'self' }]),
    at: ['spec', 'amiSelectorTerms'],
    type: 'array',
  },
};

const nodeRef = (prefix: Path): Record<string, Case> =>
  Object.fromEntries(
    (['group', 'kind', 'name'] as const).map((f) => [
      `${fmt([...prefix, 'nodeClassRef', f])}|${f} may not be empty`,
      {
        make: (d: Doc) => void fx.set(d, [...prefix, 'nodeClassRef', f], ''),
        at: [...prefix, 'nodeClassRef', f],
        type: 'string',
      } satisfies Case,
    ]),
  );

const budgets: Record<string, Case> = {
  "spec.disruption.budgets|'schedule' must be set with 'duration'": {
    make: (d) =>
      void fx.set(d, ['spec', 'disruption'], {
        consolidateAfter: '30s',
        budgets: [{ nodes: '10%', schedule: '0 9 * * mon-fri' }],
      }),
    at: ['spec', 'disruption', 'budgets'],
    type: 'array',
  },
};

const CASES: Record<string, Record<string, Case>> = {
  'karpenter.sh/v1/NodePool': {
    ...requirementCases(['spec', 'template', 'spec'], true),
    ...labelCases(),
    ...nodeRef(['spec', 'template', 'spec']),
    ...budgets,
    "spec|only 'limits.nodes' is supported on static NodePools": {
      make: (d) => void fx.set(fx.set(d, ['spec', 'replicas'], 3), ['spec', 'limits'], { cpu: '100' }),
      at: ['spec'],
      type: 'object',
    },
    "spec|'weight' is not supported on static NodePools": {
      make: (d) => void fx.set(fx.set(d, ['spec', 'replicas'], 3), ['spec', 'weight'], 10),
      at: ['spec'],
      type: 'object',
    },
  },
  'karpenter.sh/v1/NodeClaim': { ...requirementCases(['spec'], true), ...nodeRef(['spec']) },
  'karpenter.k8s.aws/v1/EC2NodeClass': ec2V1,
  'karpenter.sh/v1beta1/NodePool': {
    ...requirementCases(['spec', 'template', 'spec'], false),
    ...labelCases(),
    ...kubeletCases(['spec', 'template', 'spec', 'kubelet']),
    ...budgets,
    'spec.disruption|consolidateAfter cannot be combined with consolidationPolicy=WhenUnderutilized': {
      make: (d) =>
        void fx.set(d, ['spec', 'disruption'], {
          consolidationPolicy: 'WhenUnderutilized',
          consolidateAfter: '30s',
        }),
      at: ['spec', 'disruption'],
      type: 'object',
    },
    'spec.disruption|consolidateAfter must be specified with consolidationPolicy=WhenEmpty': {
      make: (d) => void fx.set(d, ['spec', 'disruption'], { consolidationPolicy: 'WhenEmpty' }),
      at: ['spec', 'disruption'],
      type: 'object',
    },
  },
  'karpenter.sh/v1beta1/NodeClaim': {
    ...requirementCases(['spec'], false),
    ...kubeletCases(['spec', 'kubelet']),
  },
  'karpenter.k8s.aws/v1beta1/EC2NodeClass': ec2V1beta1,
};

const BASES: Record<string, () => Doc> = {
  'karpenter.sh/v1/NodePool': fx.nodePoolV1,
  'karpenter.sh/v1/NodeClaim': fx.nodeClaimV1,
  'karpenter.k8s.aws/v1/EC2NodeClass': fx.ec2NodeClassV1,
  'karpenter.sh/v1beta1/NodePool': fx.nodePoolV1beta1,
  'karpenter.sh/v1beta1/NodeClaim': fx.nodeClaimV1beta1,
  'karpenter.k8s.aws/v1beta1/EC2NodeClass': fx.ec2NodeClassV1beta1,
};

const covered = knownKinds().filter((k) => k.apiVersion.endsWith('/v1') || k.apiVersion.endsWith('/v1beta1'));

describe('every CEL rule of the v1 and v1beta1 CRDs rejects a manifest that breaks it', () => {
  const table = covered.flatMap(({ apiVersion, kind }) => {
    const id = `${apiVersion}/${kind}`;
    return rulesOf(crdKind(apiVersion, kind)!.schema)
      .filter((r) => !usesOldSelf(r.rule))
      .map((r) => ({
        id,
        apiVersion,
        kind,
        key: `${r.schemaPath.replaceAll('[*]', '[*]')}|${r.message}`,
        message: r.message!,
      }));
  });

  it('covers every rule (a new rule in the CRDs needs a case here)', () => {
    // Given every non-transition rule in the derived data / Then each has a case
    const missing = table.filter((t) => !BASES[t.id] || !CASES[t.id]?.[t.key]).map((t) => `${t.id} ${t.key}`);
    expect(missing).toEqual([]);
    expect(table.length).toBeGreaterThan(140);
  });

  it.each(table)('$id $key', ({ id, apiVersion, kind, key, message }) => {
    const testCase = CASES[id]![key]!;
    // Given a valid base document with one change
    const doc = BASES[id]!();
    expect(validateManifest(doc, apiVersion, kind)).toEqual([]);
    testCase.make(doc);
    // When it is validated
    const violations = validateManifest(doc, apiVersion, kind);
    // Then the rule rejects it at its place with the server's message, and nothing but CEL rules objects
    expect(violations).toContainEqual({
      path: testCase.at,
      rule: 'cel',
      keyword: 'rule',
      message: `${fmt(testCase.at)}: Invalid value: "${testCase.type}": ${message}`,
    });
    expect(violations.filter((v) => v.rule !== 'cel')).toEqual([]);
  });
});
