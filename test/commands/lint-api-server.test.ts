/**
 * `spotctl lint` judges Karpenter documents as the API server does: one invalid manifest per CEL rule
 * class and per schema keyword class, each rejected with the server's own message on the line of the
 * offending field (marked `# expect:` in the YAML); the 15 real mistakes each caught as an error; the
 * upstream examples without a schema or CEL finding; transition rules said once, not run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixtureFiles, marks } from '../fixtures/manifests/markers.js';
import { spotctl } from '../helpers/spotctl.js';
import { describeShared, sharedPath } from '../helpers/shared.js';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
  fix: string;
}
interface LintJson {
  findings: JsonFinding[];
  skippedTransitionRules: Array<{ apiVersion: string; kind: string; schemaPath: string; rule: string }>;
}

async function lintText(text: string, extra: string[] = []) {
  const result = await spotctl(['lint', '-', '--offline', '--json', ...extra], { input: text });
  return { ...result, json: JSON.parse(result.stdout) as LintJson };
}

/** A v1 NodePool whose template spec (indented 6) and spec (indented 2) get the given lines. */
const pool = (templateSpec: string, spec = '', templateMeta = '') => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: web
spec:
  template:
${templateMeta}    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
${templateSpec}${spec}  limits:
    cpu: "100"
`;

/** A v1 EC2NodeClass with the given spec lines (indented 2) after role and the three selectors. */
const nodeClass = (
  extra: string,
  ami = '  amiSelectorTerms:\n    - alias: al2023@latest\n',
) => `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: default
spec:
  role: KarpenterNodeRole-prod
${ami}  subnetSelectorTerms:
    - tags: {karpenter.sh/discovery: prod}
  securityGroupSelectorTerms:
    - tags: {karpenter.sh/discovery: prod}
${extra}`;

const reqs = (...lines: string[]) =>
  lines.length === 0
    ? '      requirements: []\n'
    : `      requirements:\n${lines.map((l) => `        ${l}\n`).join('')}`;

/** One manifest per class of CEL rule in the v1 and v1beta1 CRDs. */
const CEL_CASES: Array<[string, string, string]> = [
  [
    'a restricted label key in a requirement',
    pool(reqs('- {key: karpenter.sh/custom, operator: Exists} # expect: cel')),
    'spec.template.spec.requirements[0].key: Invalid value: "string": label domain "karpenter.sh" is restricted',
  ],
  [
    'a restricted label domain in the template labels',
    pool(reqs(), '', '    metadata:\n      labels: {karpenter.k8s.aws/team: web} # expect: cel\n'),
    'spec.template.metadata.labels: Invalid value: "object": label domain "karpenter.k8s.aws" is restricted',
  ],
  [
    'an In requirement with an empty value list',
    pool(
      '      requirements: # expect: cel\n        - {key: topology.kubernetes.io/zone, operator: In, values: []}\n',
    ),
    'spec.template.spec.requirements: Invalid value: "array": requirements with operator \'In\' must have a value defined',
  ],
  [
    'a Gt requirement with two values',
    pool(
      '      requirements: # expect: cel\n        - {key: karpenter.k8s.aws/instance-cpu, operator: Gt, values: ["4", "8"]}\n',
    ),
    "spec.template.spec.requirements: Invalid value: \"array\": requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
  ],
  [
    'a rule that cannot be evaluated (In without a values key)',
    pool('      requirements: # expect: cel\n        - {key: topology.kubernetes.io/zone, operator: In}\n'),
    'spec.template.spec.requirements: Invalid value: "array": no such key: values evaluating rule: requirements with operator \'In\' must have a value defined',
  ],
  [
    'a static NodePool with a weight',
    pool(reqs(), '  replicas: 3\n  weight: 10\n').replace(
      'spec:\n  template',
      'spec: # expect: cel\n  template',
    ),
    'spec: Invalid value: "object": \'weight\' is not supported on static NodePools',
  ],
  [
    'an empty nodeClassRef kind',
    pool(reqs())
      .replace('kind: EC2NodeClass, name', 'kind: "", name')
      .replace('name: default}', 'name: default} # expect: cel'),
    'spec.template.spec.nodeClassRef.kind: Invalid value: "string": kind may not be empty',
  ],
  [
    'role and instanceProfile together',
    nodeClass('  instanceProfile: KarpenterNodeInstanceProfile\n').replace(
      'spec:\n  role',
      'spec: # expect: cel\n  role',
    ),
    "spec: Invalid value: \"object\": must specify exactly one of ['role', 'instanceProfile']",
  ],
  [
    'an empty subnet selector list',
    nodeClass('').replace(
      '  subnetSelectorTerms:\n    - tags: {karpenter.sh/discovery: prod}\n',
      '  subnetSelectorTerms: [] # expect: cel\n',
    ),
    'spec.subnetSelectorTerms: Invalid value: "array": subnetSelectorTerms cannot be empty',
  ],
  [
    'a selector term with no selecting field',
    nodeClass('').replace(
      '  securityGroupSelectorTerms:\n    - tags: {karpenter.sh/discovery: prod}\n',
      '  securityGroupSelectorTerms: # expect: cel\n    - {}\n',
    ),
    "spec.securityGroupSelectorTerms: Invalid value: \"array\": expected at least one, got none, ['tags', 'id', 'name']",
  ],
  [
    'an empty tag value in a selector term',
    nodeClass('').replace(
      '  subnetSelectorTerms:\n    - tags: {karpenter.sh/discovery: prod}\n',
      '  subnetSelectorTerms:\n    - tags: {karpenter.sh/discovery: ""} # expect: cel\n',
    ),
    'spec.subnetSelectorTerms[0].tags: Invalid value: "object": empty tag keys or values aren\'t supported',
  ],
  [
    'an alias whose family contradicts amiFamily',
    nodeClass('  amiFamily: AL2\n').replace('spec:\n  role', 'spec: # expect: cel\n  role'),
    "spec: Invalid value: \"object\": if set, amiFamily must be 'AL2023' or 'Custom' when using an AL2023 alias",
  ],
  [
    'an alias without a version',
    nodeClass('', '  amiSelectorTerms:\n    - alias: al2023@ # expect: cel\n'),
    "spec.amiSelectorTerms[0].alias: Invalid value: \"string\": 'alias' is improperly formatted, must match the format 'family@version'",
  ],
  [
    'an alias of a family v1 does not know (Ubuntu)',
    nodeClass('', '  amiSelectorTerms:\n    - alias: ubuntu@latest # expect: cel\n'),
    "spec.amiSelectorTerms[0].alias: Invalid value: \"string\": family is not supported, must be one of the following: 'al2', 'al2023', 'bottlerocket', 'windows2019', 'windows2022', 'windows2025'",
  ],
  [
    'AMI terms without an alias and without amiFamily',
    nodeClass('', '  amiSelectorTerms:\n    - id: ami-0123456789abcdef0\n').replace(
      'spec:\n  role',
      'spec: # expect: cel\n  role',
    ),
    'spec: Invalid value: "object": must specify amiFamily if amiSelectorTerms does not contain an alias',
  ],
  [
    'two root volumes',
    nodeClass(
      '  blockDeviceMappings: # expect: cel\n    - {deviceName: /dev/xvda, rootVolume: true, ebs: {volumeSize: 20Gi}}\n    - {deviceName: /dev/xvdb, rootVolume: true, ebs: {volumeSize: 20Gi}}\n',
    ),
    'spec.blockDeviceMappings: Invalid value: "array": must have only one blockDeviceMappings with rootVolume',
  ],
  [
    'a soft eviction threshold without its grace period',
    nodeClass(
      '  kubelet: # expect: cel\n    evictionSoft: {memory.available: 5%}\n    evictionSoftGracePeriod: {nodefs.available: 1m}\n',
    ),
    'spec.kubelet: Invalid value: "object": evictionSoft OwnerKey does not have a matching evictionSoftGracePeriod',
  ],
  [
    'a kubeReserved key kubelet does not know',
    nodeClass('  kubelet:\n    kubeReserved: {gpu: "1"} # expect: cel\n'),
    "spec.kubelet.kubeReserved: Invalid value: \"object\": valid keys for kubeReserved are ['cpu','memory','ephemeral-storage','pid']",
  ],
  [
    'a negative reserved quantity',
    nodeClass('  kubelet:\n    systemReserved: {memory: -1Gi} # expect: cel\n'),
    'spec.kubelet.systemReserved: Invalid value: "object": systemReserved value cannot be a negative resource quantity',
  ],
  [
    'a placement group named by name and id',
    nodeClass('  placementGroupSelector: {name: pg, id: pg-0123} # expect: cel\n'),
    "spec.placementGroupSelector: Invalid value: \"object\": 'name' and 'id' are mutually exclusive",
  ],
  [
    'v1beta1: consolidateAfter with WhenUnderutilized',
    `apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata:
  name: web
spec:
  template:
    spec:
      nodeClassRef: {name: default}
      requirements: []
  disruption: # expect: cel
    consolidationPolicy: WhenUnderutilized
    consolidateAfter: 30s
  limits:
    cpu: "100"
`,
    'spec.disruption: Invalid value: "object": consolidateAfter cannot be combined with consolidationPolicy=WhenUnderutilized',
  ],
  [
    'v1beta1: amiFamily Custom without AMI terms',
    `apiVersion: karpenter.k8s.aws/v1beta1
kind: EC2NodeClass
metadata:
  name: custom
spec: # expect: cel
  amiFamily: Custom
  amiSelectorTerms: []
  role: KarpenterNodeRole-prod
  subnetSelectorTerms:
    - tags: {karpenter.sh/discovery: prod}
  securityGroupSelectorTerms:
    - tags: {karpenter.sh/discovery: prod}
`,
    'spec: Invalid value: "object": amiSelectorTerms is required when amiFamily == \'Custom\'',
  ],
];

/** One manifest per class of schema keyword. */
const SCHEMA_CASES: Array<[string, string, string]> = [
  [
    'required',
    pool(reqs()).replace(
      'nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}',
      'nodeClassRef: {group: karpenter.k8s.aws, name: default} # expect: schema',
    ),
    'spec.template.spec.nodeClassRef.kind: Required value',
  ],
  [
    'type (a scalar where a list belongs)',
    pool(reqs('- key: karpenter.sh/capacity-type', '  operator: In', '  values: spot # expect: schema')),
    'spec.template.spec.requirements[0].values: Invalid value: "string": spec.template.spec.requirements[0].values in body must be of type array: "string"',
  ],
  [
    'enum',
    pool(
      reqs(),
      '  disruption:\n    consolidationPolicy: WhenIdle # expect: schema\n    consolidateAfter: 30s\n',
    ),
    'spec.disruption.consolidationPolicy: Unsupported value: "WhenIdle": supported values: "WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced"',
  ],
  [
    'pattern',
    pool(`${reqs()}      expireAfter: 30d # expect: schema\n`),
    'spec.template.spec.expireAfter: Invalid value: "30d": spec.template.spec.expireAfter in body should match \'^(([0-9]+(s|m|h))+|Never)$\'',
  ],
  [
    'minimum',
    pool(reqs(), '  weight: 0 # expect: schema\n'),
    'spec.weight: Invalid value: 0: spec.weight in body should be greater than or equal to 1',
  ],
  [
    'maximum',
    pool(reqs(), '  weight: 101 # expect: schema\n'),
    'spec.weight: Invalid value: 101: spec.weight in body should be less than or equal to 100',
  ],
  [
    'maxLength',
    pool(reqs(), '', `    metadata:\n      labels:\n        team: ${'x'.repeat(64)} # expect: schema\n`),
    'spec.template.metadata.labels.team: Too long: may not be more than 63 bytes',
  ],
  [
    'minLength',
    nodeClass('  placementGroupSelector: {name: ""} # expect: schema\n'),
    'spec.placementGroupSelector.name: Invalid value: "": spec.placementGroupSelector.name in body should be at least 1 chars long',
  ],
  [
    'maxProperties',
    nodeClass('').replace(
      '  subnetSelectorTerms:\n    - tags: {karpenter.sh/discovery: prod}\n',
      `  subnetSelectorTerms:\n    - tags: {${Array.from({ length: 21 }, (_, i) => `k${i}: v`).join(', ')}} # expect: schema\n`,
    ),
    'spec.subnetSelectorTerms[0].tags: Too many: 21: must have at most 20 items',
  ],
  [
    'a set list with a duplicate',
    pool(
      reqs(),
      '  disruption:\n    consolidateAfter: 0s\n    budgets:\n      - nodes: "1"\n        reasons: [Empty, Empty] # expect: schema\n',
    ),
    'spec.disruption.budgets[0].reasons[1]: Duplicate value: "Empty"',
  ],
  [
    'an object name that is not a DNS subdomain',
    pool(reqs()).replace('  name: web', '  name: Web_Pool # expect: schema'),
    "metadata.name: Invalid value: \"Web_Pool\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  ],
  [
    'an unknown field',
    pool(reqs()).replace('  template:', '  provider: {} # expect: schema\n  template:'),
    'unknown field "spec.provider"',
  ],
];

describe('spotctl lint rejects what the API server rejects, with its message, on the line', () => {
  it.each([...CEL_CASES, ...SCHEMA_CASES])('%s', async (_name, text, message) => {
    // Given a manifest that breaks one rule, the offending line marked
    const [mark] = marks(text);
    // When it is linted
    const { code, json } = await lintText(text);
    // Then the API server's message is an error on that line, and the run fails
    expect(code).toBe(1);
    expect(json.findings).toContainEqual(
      expect.objectContaining({ ruleId: mark!.ruleId, severity: 'error', line: mark!.line, message }),
    );
  });
});

describe('the 15 real mistakes', () => {
  const files = fixtureFiles('mistakes');

  it('are 15 files, each marking its one mistake', () => {
    expect(files).toHaveLength(15);
    for (const file of files) expect(marks(file.text)).toHaveLength(1);
  });

  it.each(files)(
    '$name is caught as an error on the marked line, in the API server’s words',
    async (file) => {
      // Given the manifest / When linted
      const { code, stdout } = await spotctl(['lint', file.path, '--offline', '--json']);
      const { findings } = JSON.parse(stdout) as LintJson;
      const [mark] = marks(file.text);
      // Then the mark's rule reports an error there, worded as the server words it (`<field>: …` or
      // `unknown field "…"`)
      expect(code).toBe(1);
      const hit = findings.find((f) => f.line === mark!.line && f.ruleId === mark!.ruleId);
      expect(hit).toMatchObject({ severity: 'error' });
      expect(hit!.message).toMatch(
        /^(unknown field "[^"]+"|[a-zA-Z.[\]0-9]+: (Invalid value|Unsupported value): )/,
      );
      // And no error is reported anywhere else (the server may word one mistake twice, on the same field)
      expect(findings.filter((f) => f.severity === 'error' && f.line !== mark!.line)).toEqual([]);
    },
  );
});

describe('what the API server would not check on a file', () => {
  it('transition rules (oldSelf) are listed in --json and said once on stderr, not run', async () => {
    // Given two v1 NodePools and an EC2NodeClass
    const text = `${pool(reqs())}---\n${pool(reqs()).replace('name: web', 'name: batch')}---\n${nodeClass('')}`;
    // When linted
    const { code, json, stderr } = await lintText(text);
    // Then the NodePool's three transition rules are listed once (the EC2NodeClass has none)
    expect(code).toBe(0);
    expect(json.skippedTransitionRules.map((r) => `${r.kind} ${r.schemaPath}`)).toEqual([
      'NodePool spec',
      'NodePool spec.template.spec.nodeClassRef',
      'NodePool spec.template.spec.nodeClassRef',
    ]);
    expect(stderr.match(/transition rules? of these CRDs \(oldSelf\) not checked/g)).toHaveLength(1);
  });

  it('the server’s "rules were not checked" is a note under the schema error, not an error of its own', async () => {
    const text = pool(reqs(), '  weight: "10"\n');
    const { json } = await lintText(text);
    expect(json.findings.map((f) => `${f.ruleId}:${f.severity}`).sort()).toEqual([
      'cel:info',
      'schema:error',
    ]);
  });
});

describe('YAML problems do not hide the rest', () => {
  it('a duplicate key is reported at the repetition, and the document is still linted (last value wins)', async () => {
    // Given a NodePool whose requirements key is repeated; the second list has a restricted label
    const text = pool(
      '      requirements: []\n      requirements: # expect: yaml-duplicate-key\n        - {key: kubernetes.io/hostname, operator: Exists} # expect: cel\n',
    );
    // When linted
    const { json } = await lintText(text);
    // Then both are found, each on its line
    const found = json.findings.map((f) => ({ line: f.line, ruleId: f.ruleId }));
    expect(found).toEqual(marks(text));
    expect(json.findings[0]!.message).toBe(
      'key "requirements" is already set on line 9; only this last value is read',
    );
  });

  it('a kind a Karpenter API version does not serve is reported, with the kind it probably meant', async () => {
    const text = pool(reqs()).replace('kind: NodePool', 'kind: Nodepool # expect: manifest-shape');
    const { code, json } = await lintText(text);
    expect(code).toBe(1);
    expect(json.findings).toEqual([
      expect.objectContaining({
        ruleId: 'manifest-shape',
        line: 2,
        message: 'no matches for kind "Nodepool" in version "karpenter.sh/v1"',
        fix: 'Did you mean NodePool? NodePool is served as karpenter.sh/v1, then karpenter.sh/v1beta1 (newest first).',
      }),
    ]);
  });

  it('reads the List kubectl get -o yaml prints, placing findings in its items', async () => {
    // Given two NodePools as kubectl prints them, the second with a mistake
    const item = (name: string, key: string) =>
      pool(reqs(`- {key: ${key}, operator: Exists}`))
        .replace('name: web', `name: ${name}\n  uid: 0c6f0b8e-1111-2222-3333-444455556666`)
        .split('\n')
        .map((line, i) => (line ? `${i === 0 ? '- ' : '  '}${line}` : line))
        .join('\n');
    const text = `apiVersion: v1\nkind: List\nitems:\n${item('ok', 'example.com/team')}${item('bad', 'kubernetes.io/hostname')}metadata:\n  resourceVersion: ""\n`;
    // When linted from stdin
    const { json } = await lintText(text);
    // Then the second item's requirement is reported on its own line
    const line = text.split('\n').findIndex((l) => l.includes('kubernetes.io/hostname')) + 1;
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({
        ruleId: 'cel',
        line,
        message: expect.stringContaining('kubernetes.io/hostname'),
      }),
    ]);
  });
});

describeShared('every upstream example passes the API server’s checks', () => {
  const root = () => sharedPath('reference', 'karpenter-crds');
  const examples = () =>
    ['examples-v1-v1.14.1', 'examples-v1alpha5-v0.32.10'].flatMap((dir) =>
      readdirSync(join(root(), dir)).map((name) => join(root(), dir, name)),
    );

  it('no schema or cel finding in any of them', async () => {
    // Given every upstream example, cluster-name placeholder filled in as a user would
    const text = examples()
      .map((path) => readFileSync(path, 'utf8').replaceAll('${CLUSTER_NAME}', 'my-cluster'))
      .join('\n---\n');
    // When linted together
    const { code, json } = await lintText(text);
    // Then the API server would accept all of them: no error at all
    expect(json.findings.filter((f) => f.ruleId === 'schema' || f.ruleId === 'cel')).toEqual([]);
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
  });
});
