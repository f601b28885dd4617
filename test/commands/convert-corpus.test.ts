/**
 * `spotctl convert` on the corpus of realistic v1alpha5 and v1beta1 manifests: every object it writes is
 * valid v1 (the CRD validator, schema and CEL rules), or it is refused with the reasons and the run exits 1.
 * Behaviour is kept where v1 changed a default (IMDS hop limit, Ubuntu), nothing empty is invented
 * (`kubelet: {}`), and malformed input is exit 3 with the place, never a crash.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { validateManifest } from '../../src/core/manifests/crd/index.js';
import { fixtureFiles, MANIFESTS } from '../fixtures/manifests/markers.js';
import { spotctl } from '../helpers/spotctl.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface ConvertJson {
  files: Array<{ source: string; content: string; documents: Obj[]; refused: Obj[] }>;
  messages: Array<{ level: string; resource: string; field?: string; message: string }>;
  refused: Array<{ file: string; object: { kind: string; name: string }; reasons: string[] }>;
  warnings: number;
}

const fixture = (name: string) => join(MANIFESTS, name);
const parse = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Obj | null)
    .filter((d): d is Obj => d !== null);

async function convert(args: string[], input?: string) {
  const result = await spotctl(
    ['convert', ...args, '--json', '--role', 'KarpenterNodeRole-test'],
    input ? { input } : {},
  );
  const json = result.code <= 1 ? (JSON.parse(result.stdout) as ConvertJson) : undefined;
  const written = json ? json.files.flatMap((f) => parse(f.content)) : [];
  /** The written object of that kind and name; a test that asks for one expects it to be there. */
  const find = (kind: string, name: string): Obj => {
    const found = written.find((d) => d.kind === kind && d.metadata.name === name);
    if (!found) throw new Error(`${kind}/${name} was not written`);
    return found;
  };
  return { ...result, json: json!, written, find };
}

describe('every converted object is valid v1, or refused with the reason', () => {
  const files = [...fixtureFiles('v1alpha5'), ...fixtureFiles('v1beta1')].filter(
    (f) => f.name !== 'scalar-values.yaml',
  );

  it.each(files)('$name', async (file) => {
    // Given a realistic pre-v1 manifest / When converted
    const { code, json, written } = await convert([file.path]);
    // Then every object written passes the v1 schema and CEL rules
    expect(written.length + json.refused.length).toBeGreaterThan(0);
    for (const doc of written) {
      expect(doc.apiVersion).toMatch(/^karpenter\.(sh|k8s\.aws)\/v1$/);
      expect(validateManifest(doc, doc.apiVersion, doc.kind), `${doc.kind}/${doc.metadata.name}`).toEqual([]);
    }
    // And what was not written is listed with at least one reason, and makes the run exit 1
    for (const refused of json.refused) expect(refused.reasons.length).toBeGreaterThan(0);
    expect(code).toBe(json.refused.length > 0 ? 1 : 0);
    // And the JSON documents are exactly what the text says
    expect(json.files.flatMap((f) => f.documents)).toEqual(written);
  });

  it('refuses exactly the objects only the user can complete', async () => {
    const refused = [];
    for (const file of files) refused.push(...(await convert([file.path])).json.refused);
    expect(refused.map((r) => `${r.file.split('/').pop()} ${r.object.kind}/${r.object.name}`).sort()).toEqual(
      [
        'launch-template.yaml EC2NodeClass/custom-lt',
        'no-provider.yaml NodePool/orphan',
        'ubuntu-discovered.yaml EC2NodeClass/ubuntu-auto',
      ],
    );
  });
});

describe('behaviour kept where v1 changed a default', () => {
  it('the IMDS hop limit of 2 is written out where the source relied on the old default, and said', async () => {
    const { find, json } = await convert([fixture('v1alpha5/gpu-g5.yaml')]);
    expect(find('EC2NodeClass', 'gpu').spec.metadataOptions).toEqual({ httpPutResponseHopLimit: 2 });
    expect(json.messages).toContainEqual(
      expect.objectContaining({
        level: 'info',
        field: 'metadataOptions.httpPutResponseHopLimit',
        message: expect.stringMatching(
          /^httpPutResponseHopLimit: 2 written out: it was the default before v1, whose default is 1/,
        ),
      }),
    );
  });

  it.each([
    [
      'v1alpha5/trainium-trn1.yaml',
      'trainium',
      { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
    ],
    [
      'v1beta1/trainium-raid.yaml',
      'trainium',
      {
        httpEndpoint: 'enabled',
        httpProtocolIPv6: 'disabled',
        httpPutResponseHopLimit: 2,
        httpTokens: 'required',
      },
    ],
  ])('%s: IMDS settings written in the source are kept as they are', async (name, className, options) => {
    const { find, json } = await convert([fixture(name)]);
    expect(find('EC2NodeClass', className).spec.metadataOptions).toEqual(options);
    expect(json.messages.filter((m) => m.field?.startsWith('metadataOptions'))).toEqual([]);
  });

  it('v1alpha5 Ubuntu with an AMI selector keeps the AMI, AL2 user data and /dev/sda1 as the root volume', async () => {
    const { code, find, json } = await convert([fixture('v1alpha5/ubuntu-selected.yaml')]);
    expect(code).toBe(0);
    const spec = find('EC2NodeClass', 'ubuntu').spec;
    expect(spec.amiFamily).toBe('AL2');
    expect(spec.amiSelectorTerms).toEqual([{ name: 'ubuntu-eks/k8s_1.28/images/*', owner: '099720109477' }]);
    expect(spec.blockDeviceMappings).toEqual([
      {
        deviceName: '/dev/sda1',
        ebs: { volumeSize: '80Gi', volumeType: 'gp3', encrypted: true },
        rootVolume: true,
      },
    ]);
    expect(json.messages).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^Ubuntu is not a v1 AMI family: amiFamily AL2/),
      }),
    );
  });

  it('v1beta1 Ubuntu on the default block devices gets Ubuntu’s root volume written out', async () => {
    const { find } = await convert([fixture('v1beta1/ubuntu-terms.yaml')]);
    const spec = find('EC2NodeClass', 'ubuntu').spec;
    expect(spec.amiFamily).toBe('AL2');
    expect(spec.amiSelectorTerms).toEqual([{ name: 'ubuntu-eks/k8s_1.29/images/*', owner: '099720109477' }]);
    expect(spec.blockDeviceMappings).toEqual([
      {
        deviceName: '/dev/sda1',
        rootVolume: true,
        ebs: { encrypted: true, volumeType: 'gp3', volumeSize: '20Gi' },
      },
    ]);
  });

  it('Ubuntu whose AMI Karpenter discovered is refused until the AMI is named, then kept', async () => {
    // Given an Ubuntu template with no AMI selection / When converted without --ubuntu-ami
    const path = fixture('v1alpha5/ubuntu-discovered.yaml');
    const refused = await convert([path]);
    // Then the node class is refused, saying what to decide, and the NodePool is written with a warning
    expect(refused.code).toBe(1);
    expect(refused.json.refused).toEqual([
      expect.objectContaining({
        object: { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', name: 'ubuntu-auto' },
        reasons: [
          'amiFamily: Karpenter v1 no longer finds Ubuntu AMIs: name the AMI (--ubuntu-ami ami-… or an SSM parameter, or amiSelector / amiSelectorTerms in the source)',
        ],
      }),
    ]);
    expect(refused.find('NodePool', 'ubuntu-auto').kind).toBe('NodePool');
    expect(refused.json.files[0]!.content).toMatch(
      /^# EC2NodeClass\/ubuntu-auto \(from AWSNodeTemplate\/ubuntu-auto\) is not converted:\n# {3}- amiFamily: Karpenter v1 no longer finds Ubuntu AMIs/m,
    );
    // When the AMI is named (an id, or the SSM parameter that holds it) / Then it converts
    const byId = await convert([path, '--ubuntu-ami', 'ami-0a1b2c3d4e5f60718']);
    expect(byId.code).toBe(0);
    expect(byId.find('EC2NodeClass', 'ubuntu-auto').spec).toMatchObject({
      amiFamily: 'AL2',
      amiSelectorTerms: [{ id: 'ami-0a1b2c3d4e5f60718' }],
      blockDeviceMappings: [expect.objectContaining({ deviceName: '/dev/sda1', rootVolume: true })],
    });
    const parameter = '/aws/service/canonical/ubuntu/eks/22.04/1.29/stable/current/amd64/hvm/ebs-gp2/ami-id';
    const bySsm = await convert([path, '--ubuntu-ami', parameter]);
    expect(bySsm.find('EC2NodeClass', 'ubuntu-auto').spec.amiSelectorTerms).toEqual([
      { ssmParameter: parameter },
    ]);
    // And anything else is a usage error
    const bad = await spotctl(['convert', path, '--ubuntu-ami', 'ubuntu-22.04']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--ubuntu-ami "ubuntu-22.04" is neither an AMI id nor an SSM parameter/);
  });
});

describe('nothing empty is invented', () => {
  it.each([
    ['v1alpha5/inline-provider.yaml', 'default', 'kubeletConfiguration with only containerRuntime'],
    ['v1beta1/graviton-spot-fallback.yaml', 'arm', 'kubelet: {} in the NodePool'],
  ])('%s: no kubelet block in the EC2NodeClass (%s)', async (name, className) => {
    const { find, written } = await convert([fixture(name)]);
    expect(find('EC2NodeClass', className).spec).not.toHaveProperty('kubelet');
    expect(written.some((d) => JSON.stringify(d).includes('"kubelet":{}'))).toBe(false);
  });

  it('kubelet settings that exist move to the EC2NodeClass', async () => {
    const { find } = await convert([fixture('v1beta1/gpu-kubelet.yaml')]);
    expect(find('EC2NodeClass', 'gpu').spec.kubelet).toEqual({
      maxPods: 58,
      systemReserved: { cpu: '200m', memory: '500Mi' },
    });
    expect(find('NodePool', 'gpu-inference').spec.template.spec).not.toHaveProperty('kubelet');
  });
});

describe('what only the user can decide is refused, and said', () => {
  it.each([
    [
      'v1alpha5/launch-template.yaml',
      'EC2NodeClass/custom-lt',
      /^launchTemplate: v1 builds its own launch templates, so this one cannot be carried over/,
    ],
    ['v1alpha5/no-provider.yaml', 'NodePool/orphan', /^spec: no provider and no providerRef name/],
  ])('%s', async (name, resource, reason) => {
    const { code, json } = await convert([fixture(name)]);
    const { stderr } = await spotctl(['convert', fixture(name)]);
    expect(code).toBe(1);
    expect(json.refused.map((r) => `${r.object.kind}/${r.object.name}`)).toEqual([resource]);
    expect(json.refused[0]!.reasons[0]).toMatch(reason);
    expect(stderr).toMatch(new RegExp(`^not converted: .*${resource.replace('/', '\\/')}`, 'm'));
  });

  it('an empty security-group selector is not invented: the class is refused', async () => {
    const text = readFileSync(fixture('v1alpha5/gpu-g5.yaml'), 'utf8').replace(
      '  securityGroupSelector:\n    karpenter.sh/discovery: ml-prod\n',
      '',
    );
    const { code, json, written } = await convert(['-'], text);
    expect(code).toBe(1);
    expect(json.refused[0]!.reasons).toEqual([
      'securityGroupSelector: v1 requires securityGroupSelectorTerms and the source has no securityGroupSelector: add it (e.g. tags karpenter.sh/discovery: <cluster>) so spotctl can carry it over',
    ]);
    expect(written.map((d) => d.kind)).toEqual(['NodePool']);
  });

  it('a value v1 rejects (a subnet id that is no subnet id) is refused with the API server’s message', async () => {
    const text = readFileSync(fixture('v1alpha5/trainium-trn1.yaml'), 'utf8').replace(
      'subnet-0f1e2d3c4b5a69788',
      'SUBNET-PRIVATE-B',
    );
    const { code, json } = await convert(['-'], text);
    expect(code).toBe(1);
    expect(json.refused[0]!.reasons).toEqual([
      'the API server would reject it: spec.subnetSelectorTerms[1].id: Invalid value: "SUBNET-PRIVATE-B": spec.subnetSelectorTerms[1].id in body should match \'subnet-[0-9a-z]+\'',
    ]);
  });

  it('a v1 document passed through is checked too: one v1 rejects is not copied', async () => {
    const text = `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: pinned}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: kubernetes.io/hostname, operator: In, values: [ip-10-0-0-1]}
`;
    const { code, json } = await convert(['-'], text);
    expect(code).toBe(1);
    expect(json.refused).toEqual([
      expect.objectContaining({
        object: { apiVersion: 'karpenter.sh/v1', kind: 'NodePool', name: 'pinned' },
        reasons: [
          'the API server would reject it: spec.template.spec.requirements[0].key: Invalid value: "string": label "kubernetes.io/hostname" is restricted',
        ],
      }),
    ]);
  });

  it('--output-dir writes what converted, with the refused object named in a comment where it would be', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spotctl-convert-out-'));
    const result = await spotctl(['convert', fixture('v1alpha5/launch-template.yaml'), '--output-dir', out]);
    expect(result.code).toBe(1);
    const written = readFileSync(join(out, 'launch-template.yaml'), 'utf8');
    expect(parse(written).map((d) => d.kind)).toEqual(['NodePool']);
    expect(written).toContain('# EC2NodeClass/custom-lt (from AWSNodeTemplate/custom-lt) is not converted:');
  });
});

describe('malformed input is exit 3 with the place, never a crash', () => {
  const temp = (name: string, text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'spotctl-convert-bad-')), name);
    writeFileSync(path, text);
    return path;
  };

  it('values: spot (a scalar where a list belongs) names the file, line, column and field', async () => {
    const path = fixture('v1alpha5/scalar-values.yaml');
    const { code, stderr, stdout } = await spotctl(['convert', path]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(
        `^Error: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:11:15: Provisioner/scalar spec\\.requirements\\[0\\]\\.values must be a list, not a string\\n→ `,
      ),
    );
  });

  it('--json gives the same error as JSON', async () => {
    const { code, stdout } = await spotctl(['convert', fixture('v1alpha5/scalar-values.yaml'), '--json']);
    expect(code).toBe(3);
    expect(JSON.parse(stdout).error).toMatchObject({ code: 'MALFORMED_MANIFEST', exitCode: 3 });
  });

  it('a malformed inline provider is named under spec.provider', async () => {
    const text = readFileSync(fixture('v1alpha5/inline-provider.yaml'), 'utf8').replace(
      '    tags:\n      karpenter.sh/discovery: staging\n',
      '    tags: [staging]\n',
    );
    const { code, stderr } = await spotctl(['convert', temp('p.yaml', text)]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/Provisioner\/default spec\.provider\.tags must be a mapping, not a list/);
  });

  it.each([
    [
      'an alias bomb',
      `apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nmetadata: {name: x}\nspec:\n  labels:\n    a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 7 }, (_, i) => `    ${'bcdefgh'[i]}: &${'bcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`).join('\n')}\n`,
      'YAML_ALIAS_LIMIT',
      /:1:1: YAML aliases expand past 100 references in this document \(an alias bomb\?\); refusing to read it/,
    ],
    [
      'a duplicate key',
      'apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nmetadata: {name: x}\nspec:\n  providerRef: {name: a}\n  providerRef: {name: b}\n',
      'YAML_DUPLICATE_KEY',
      /:6:3: key "providerRef" is already set on line 5; only this last value is read/,
    ],
    [
      'broken YAML',
      'apiVersion: karpenter.sh/v1alpha5\nkind: Provisioner\nspec: [\n',
      'INVALID_YAML',
      /:\d+:\d+: /,
    ],
  ])('%s', async (_name, text, errorCode, message) => {
    const started = Date.now();
    const { code, stdout } = await spotctl(['convert', temp('in.yaml', text), '--json']);
    expect(code).toBe(3);
    const error = JSON.parse(stdout).error as { code: string; message: string };
    expect(error.code).toBe(errorCode);
    expect(error.message).toMatch(message);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('input as kubectl prints it', () => {
  it('a List from kubectl get -o yaml converts, without the cluster’s bookkeeping', async () => {
    // Given a v1beta1 NodePool and EC2NodeClass read back from a cluster
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: karpenter.sh/v1beta1
  kind: NodePool
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"karpenter.sh/v1beta1","kind":"NodePool"}'
      team: web
    creationTimestamp: "2024-05-01T10:00:00Z"
    generation: 3
    name: web
    resourceVersion: "123456"
    uid: 6e0f2c1a-0000-4000-8000-000000000001
  spec:
    disruption: {consolidationPolicy: WhenUnderutilized, expireAfter: 720h}
    limits: {cpu: "100"}
    template:
      spec:
        nodeClassRef: {name: web}
        requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
  status:
    resources: {cpu: "12"}
- apiVersion: karpenter.k8s.aws/v1beta1
  kind: EC2NodeClass
  metadata: {name: web, uid: 6e0f2c1a-0000-4000-8000-000000000002}
  spec:
    amiFamily: AL2023
    role: KarpenterNodeRole-web
    subnetSelectorTerms: [{tags: {karpenter.sh/discovery: web}}]
    securityGroupSelectorTerms: [{tags: {karpenter.sh/discovery: web}}]
  status:
    amis: [{id: ami-0123456789abcdef0, name: al2023}]
metadata:
  resourceVersion: ""
`;
    // When converted from stdin
    const { code, written, find } = await convert(['-'], text);
    // Then both convert, valid, and only name, labels and the user's annotations are kept
    expect(code).toBe(0);
    expect(written.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['NodePool/web', 'EC2NodeClass/web']);
    expect(find('NodePool', 'web').metadata).toEqual({ name: 'web', annotations: { team: 'web' } });
    expect(find('EC2NodeClass', 'web')).not.toHaveProperty('status');
    for (const doc of written) expect(validateManifest(doc, doc.apiVersion, doc.kind)).toEqual([]);
  });
});
