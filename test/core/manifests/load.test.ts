import { describe, expect, it } from 'vitest';

import { isSpotctlError } from '../../../src/core/errors.js';
import { parseYamlFile } from '../../../src/core/manifests/parse.js';
import {
  collectManifestFiles,
  loadManifestTexts,
  loadManifests,
  type ManifestFsPort,
} from '../../../src/core/manifests/sources.js';
import { describeShared, readShared, sharedPath } from '../../helpers/shared.js';

/** A hand-written in-memory file system for the port. */
function memoryFs(files: Record<string, string>, stdin = ''): ManifestFsPort {
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return {
    kind: async (path) => (path in files ? 'file' : dirs.has(path) ? 'dir' : undefined),
    readDir: async (dir) => [
      ...new Set(
        [...Object.keys(files), ...dirs]
          .filter((p) => p.startsWith(`${dir}/`))
          .map((p) => p.slice(dir.length + 1).split('/')[0]!),
      ),
    ],
    readText: async (path) => files[path]!,
    readStdin: async () => stdin,
    realPath: async (path) => path,
    join: (...parts) => parts.filter(Boolean).join('/'),
  };
}

const nodePoolV1 = `# comment before
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: gpu
spec:
  template:
    spec:
      requirements:
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["spot", "on-demand"]
        - key: karpenter.k8s.aws/instance-family
          operator: In
          values: [g4dn]
          minValues: 1
      taints:
        - key: nvidia.com/gpu
          effect: NoSchedule
      expireAfter: 720h
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
  limits:
    nvidia.com/gpu: 100
    memory: 1000Gi
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 30s
    budgets:
      - nodes: "10%"
      - schedule: "0 9 * * mon-fri"
        duration: 8h
  weight: 10
`;

describe('loading and normalising manifests', () => {
  it('normalises a v1 NodePool with positions of each value', () => {
    const set = loadManifestTexts([{ path: 'pool.yaml', text: nodePoolV1 }]);
    expect(set.nodePools).toHaveLength(1);
    const pool = set.nodePools[0]!;
    expect(pool).toMatchObject({ kind: 'NodePool', generation: 'v1', name: 'gpu', weight: { value: 10 } });
    expect(pool.requirements.map((r) => [r.key, r.operator, r.values.map((v) => v.value)])).toEqual([
      ['karpenter.sh/capacity-type', 'In', ['spot', 'on-demand']],
      ['karpenter.k8s.aws/instance-family', 'In', ['g4dn']],
    ]);
    const onDemand = pool.requirements[0]!.values[1]!;
    expect([onDemand.span.line, onDemand.span.column, onDemand.style]).toEqual([12, 28, 'double']);
    expect(nodePoolV1.slice(onDemand.span.start, onDemand.span.end)).toBe('"on-demand"');
    expect(pool.limits.map((l) => [l.resource, l.raw, l.keySpan.line])).toEqual([
      ['nvidia.com/gpu', '100', 23],
      ['memory', '1000Gi', 24],
    ]);
    expect(pool.taints).toMatchObject([{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]);
    expect(pool.disruption.consolidationPolicy?.value).toBe('WhenEmpty');
    expect(pool.disruption.expireAfter?.value).toBe('720h');
    expect(pool.disruption.budgets.map((b) => [b.schedule, b.duration])).toEqual([
      [undefined, undefined],
      ['0 9 * * mon-fri', '8h'],
    ]);
    expect(pool.nodeClassRef).toMatchObject({ name: 'default', kind: 'EC2NodeClass' });
  });

  it('normalises a v1beta1 NodePool (disruption.expireAfter, WhenUnderutilized)', () => {
    const text = `apiVersion: karpenter.sh/v1beta1
kind: NodePool
metadata: {name: beta}
spec:
  template:
    spec:
      requirements: [{key: kubernetes.io/arch, operator: In, values: [arm64]}]
      nodeClassRef: {name: default}
  limits: {cpu: "1000"}
  disruption: {consolidationPolicy: WhenUnderutilized, expireAfter: 720h}
`;
    const pool = loadManifestTexts([{ path: 'b.yaml', text }]).nodePools[0]!;
    expect(pool).toMatchObject({ generation: 'v1beta1', name: 'beta' });
    expect(pool.limits[0]).toMatchObject({ resource: 'cpu', raw: '1000' });
    expect(pool.disruption.expireAfter?.value).toBe('720h');
    expect(pool.nodeClassRef?.name).toBe('default');
  });

  describeShared('the seed Provisioner (v1alpha5, leading-space indentation)', () => {
    it('reads requirements, limits.resources, taints, inline provider and ttlSecondsAfterEmpty', () => {
      const set = loadManifestTexts([
        { path: 'seed.yaml', text: readShared('fixtures/seed/provisioner.v1alpha5.yaml') },
      ]);
      const pool = set.nodePools[0]!;
      expect(pool).toMatchObject({ kind: 'Provisioner', generation: 'v1alpha5', name: 'gpu' });
      expect(pool.requirements[0]!.values.map((v) => v.value)).toEqual(['spot', 'On-demand']);
      expect(pool.limits).toMatchObject([{ resource: 'gpu', raw: '100' }]);
      expect(pool.taints).toMatchObject([{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]);
      expect(pool.inlineProvider?.line).toBe(19);
      expect(pool.disruption.ttlSecondsAfterEmpty?.value).toBe(30);
    });
  });

  it('keeps going past non-Karpenter documents and says so', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\n${nodePoolV1}---\napiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata: {name: default}\n`;
    const set = loadManifestTexts([{ path: 'mixed.yaml', text }]);
    expect(set.nodePools.map((p) => p.name)).toEqual(['gpu']);
    expect(set.nodeClasses.map((c) => [c.kind, c.name])).toEqual([['EC2NodeClass', 'default']]);
    expect(set.notes).toEqual(['mixed.yaml: Deployment (apps/v1) is not a Karpenter manifest, skipped']);
  });

  it('notes empty files and comment-only files', () => {
    const set = loadManifestTexts([
      { path: 'empty.yaml', text: '' },
      { path: 'comments.yaml', text: '# nothing here\n---\n' },
    ]);
    expect(set.nodePools).toEqual([]);
    expect(set.notes).toEqual([
      'empty.yaml: empty file, nothing to read',
      'comments.yaml: empty file, nothing to read',
    ]);
  });

  it('reports malformed YAML with its position, and still reads the good documents', () => {
    const text = `${nodePoolV1}---\nkind: NodePool\nspec: [unclosed\n`;
    const set = loadManifestTexts([{ path: 'bad.yaml', text }]);
    expect(set.nodePools).toHaveLength(1);
    expect(set.problems[0]).toMatchObject({ file: 'bad.yaml', code: 'yaml-syntax', line: 36 });
  });

  it('refuses alias bombs instead of expanding them', () => {
    const bomb = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const started = performance.now();
    const parsed = parseYamlFile('bomb.yaml', bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems).toMatchObject([{ code: 'yaml-alias-limit', line: 1 }]);
  });

  it('follows a few legitimate aliases', () => {
    const text = `x-types: &types ["m5.large", "m5.xlarge"]\n---\n${nodePoolV1.replace('values: [g4dn]', 'values: &fam [g4dn]')}`;
    const set = loadManifestTexts([{ path: 'alias.yaml', text }]);
    expect(set.problems).toEqual([]);
    expect(set.nodePools[0]!.requirements[1]!.values.map((v) => v.value)).toEqual(['g4dn']);
  });

  it('recognises NTH values files, also under an umbrella chart key', () => {
    const set = loadManifestTexts([
      { path: 'nth.yaml', text: 'enableSqsTerminationDraining: true\nqueueURL: ""\n' },
      { path: 'umbrella.yaml', text: 'aws-node-termination-handler:\n  enableRebalanceDraining: true\n' },
      { path: 'other-values.yaml', text: 'replicaCount: 2\n' },
    ]);
    expect(set.nthValues.map((n) => n.ref.file)).toEqual(['nth.yaml', 'umbrella.yaml']);
    expect(set.notes).toEqual([
      'other-values.yaml: no apiVersion/kind and not a node-termination-handler values file, skipped',
    ]);
  });
});

describe('collecting files', () => {
  const fs = memoryFs(
    {
      'k/a.yaml': nodePoolV1,
      'k/sub/b.yml': nodePoolV1.replace('name: gpu', 'name: other'),
      'k/README.md': '# docs',
      'k/.hidden/c.yaml': nodePoolV1,
      'k/node_modules/d.yaml': nodePoolV1,
    },
    nodePoolV1.replace('name: gpu', 'name: piped'),
  );

  it('walks directories for YAML files in a stable order and notes the rest', async () => {
    const collected = await collectManifestFiles(['k'], fs);
    expect(collected.files.map((f) => f.path)).toEqual(['k/a.yaml', 'k/sub/b.yml']);
    expect(collected.notes).toEqual(['k: skipped 1 file that is not YAML']);
  });

  it('reads stdin for -', async () => {
    const set = await loadManifests(['-'], fs);
    expect(set.nodePools.map((p) => [p.ref.file, p.name])).toEqual([['-', 'piped']]);
  });

  it.each([
    {
      paths: ['k/a.yml'],
      code: 'PATH_NOT_FOUND',
      message: 'k/a.yml: no such file or directory',
      hint: 'Did you mean k/a.yaml?',
    },
    {
      paths: ['k/sub/nothing'],
      code: 'PATH_NOT_FOUND',
      message: 'k/sub/nothing: no such file or directory',
      hint: undefined,
    },
  ])('fails clearly for $paths', async ({ paths, code, message, hint }) => {
    const error = await collectManifestFiles(paths, fs).catch((e: unknown) => e);
    expect(isSpotctlError(error)).toBe(true);
    expect(error).toMatchObject({ code, message, exitCode: 3 });
    if (hint) expect((error as { suggestions: string[] }).suggestions[0]).toBe(hint);
  });

  it('fails for a directory without YAML', async () => {
    const error = await collectManifestFiles(['docs'], memoryFs({ 'docs/x.md': '' })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'NO_MANIFESTS', exitCode: 3 });
  });
});

describeShared('the upstream example directories', () => {
  it('load every NodePool and Provisioner without problems', async () => {
    const { nodeManifestFs } = await import('../../../src/adapters/fs/manifest-files.js');
    const set = await loadManifests(
      [
        sharedPath('reference/karpenter-crds/examples-v1-v1.14.1'),
        sharedPath('reference/karpenter-crds/examples-v1alpha5-v0.32.10'),
      ],
      nodeManifestFs(process.stdin),
    );
    expect(set.problems).toEqual([]);
    expect(set.nodePools.filter((p) => p.generation === 'v1')).toHaveLength(11);
    expect(set.nodePools.filter((p) => p.generation === 'v1alpha5')).toHaveLength(7);
    expect(set.nodeClasses).toHaveLength(17);
    expect(set.notes.filter((n) => n.includes('Deployment'))).toHaveLength(2);
  });
});
