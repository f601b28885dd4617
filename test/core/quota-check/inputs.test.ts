import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { InstanceTypeSpec } from '../../../src/core/catalog/types.js';
import { ExitCode, isSpotctlError } from '../../../src/core/errors.js';
import { loadManifestTexts } from '../../../src/core/manifests/sources.js';
import {
  parseCapacityTypes,
  parseOverhead,
  poolDemandInputs,
  typeDemandInputs,
  unusableManifests,
} from '../../../src/core/quota-check/inputs.js';
import { describeShared, readShared, repoRoot, sharedPath } from '../../helpers/shared.js';

const bundled = JSON.parse(readFileSync(`${repoRoot}/src/data/bundled-snapshot.json`, 'utf8')) as {
  instanceTypes: Record<string, InstanceTypeSpec>;
};
const catalog = Object.values(bundled.instanceTypes);

/** The error a call throws, for table rows that expect one. */
function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isSpotctlError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const pool = (
  name: string,
  requirements: string,
  limits: Record<string, string> = {},
) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: ${name}
spec:
  template:
    spec:
      requirements:
${requirements}
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
${
  Object.keys(limits).length
    ? `  limits:\n${Object.entries(limits)
        .map(([k, v]) => `    ${k}: ${v}\n`)
        .join('')}`
    : ''
}`;

const req = (key: string, values: string[], operator = 'In') =>
  `        - key: ${key}\n          operator: ${operator}\n          values: ${JSON.stringify(values)}`;

describe('parseCapacityTypes', () => {
  it.each([
    { values: ['spot'], expected: ['spot'] },
    { values: ['on-demand'], expected: ['on-demand'] },
    { values: ['spot', 'on-demand'], expected: ['spot', 'on-demand'] },
    { values: [], expected: [] },
  ])('accepts $values', ({ values, expected }) => {
    expect(parseCapacityTypes(values)).toEqual(expected);
  });

  it.each([
    { values: ['Spot'], bad: 'Spot' },
    { values: ['spot', 'reserved'], bad: 'reserved' },
    { values: ['ondemand'], bad: 'ondemand' },
  ])('rejects $bad as a usage error with the accepted spellings', ({ values, bad }) => {
    const error = thrown(() => parseCapacityTypes(values));
    expect(error.code).toBe('BAD_CAPACITY');
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe(`--capacity "${bad}" is not spot or on-demand`);
    expect(error.suggestions.join()).toMatch(/--capacity spot,on-demand/);
  });
});

describe('parseOverhead (--vm-memory-overhead-percent)', () => {
  it.each([
    { text: '0.075', value: 0.075 },
    { text: '0', value: 0 },
    { text: '0.1', value: 0.1 },
  ])('$text is Karpenter’s fraction $value', ({ text, value }) => {
    expect(parseOverhead(text)).toBe(value);
  });

  it.each([
    { text: '7.5', hint: /7\.5 % is 0\.075/ },
    { text: '-0.1', hint: /e\.g\. 0\.075/ },
    { text: 'NaN', hint: /e\.g\. 0\.075/ },
    { text: '', hint: /e\.g\. 0\.075/ },
  ])('$text is a usage error', ({ text, hint }) => {
    const error = thrown(() => parseOverhead(text));
    expect([error.code, error.exitCode]).toEqual(['BAD_OVERHEAD', ExitCode.usage]);
    expect(error.suggestions[0]).toMatch(hint);
  });
});

describe('typeDemandInputs', () => {
  it('no names, no input', () => {
    expect(typeDemandInputs([], ['spot'], catalog, 10)).toEqual([]);
  });

  it.each([
    { names: ['g4dn.xlarge'], expected: ['g4dn.xlarge'] },
    { names: ['g4dn.xlarge', 'g4dn.2xlarge'], expected: ['g4dn.xlarge', 'g4dn.2xlarge'] },
    {
      names: ['g4dn'],
      expected: catalog.filter((t) => t.family === 'g4dn').map((t) => t.instanceType),
    },
  ])('$names becomes one pool named --types with those types', ({ names, expected }) => {
    const inputs = typeDemandInputs(names, ['spot'], catalog, 10);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ name: '--types', capacityTypes: ['spot'], limits: [], maxNodes: 10 });
    expect(inputs[0]!.types.map((t) => t.instanceType)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it.each([
    {
      names: ['g4dnn.xlarge'],
      message: 'unknown instance type or family "g4dnn.xlarge"',
      hint: 'Did you mean g4dn.xlarge?',
    },
    {
      names: ['m5.large', 'g4dnx'],
      message: 'unknown instance type or family "g4dnx"',
      hint: 'Did you mean g4dn?',
    },
  ])('$names: an input error naming the closest known name', ({ names, message, hint }) => {
    const error = thrown(() => typeDemandInputs(names, ['spot'], catalog));
    expect(error.code).toBe('UNKNOWN_INSTANCE_TYPE');
    expect(error.exitCode).toBe(ExitCode.input);
    expect(error.message).toBe(message);
    expect(error.suggestions).toEqual([hint]);
  });
});

describe('poolDemandInputs', () => {
  it('resolves each pool and notes, in pool order, upper bounds and unknown names', () => {
    // Given two pools: one with a team label and unknown names, one narrowed only by zone and OS
    const set = loadManifestTexts([
      {
        path: 'pools.yaml',
        text: [
          pool(
            'first',
            [
              req('node.kubernetes.io/instance-type', ['m5.large', 'm5.huge']),
              req('karpenter.k8s.aws/instance-family', ['zz9']),
              req('example.com/team', ['a']),
            ].join('\n'),
            { cpu: '100' },
          ),
          pool(
            'second',
            [
              req('kubernetes.io/os', ['linux']),
              req('topology.kubernetes.io/zone', ['us-east-1a']),
              req('node.kubernetes.io/instance-type', ['c5.large']),
            ].join('\n'),
          ),
        ].join('---\n'),
      },
    ]);
    expect(set.problems).toEqual([]);

    // When they become demand inputs
    const { inputs, notes } = poolDemandInputs(set, catalog, 7);

    // Then the first is an upper bound with two names ignored, and the second has nothing to say
    expect(notes).toEqual([
      'first: requirements on example.com/team are not instance-type data spotctl has; the demand shown is an upper bound',
      'first: m5.huge is not a known instance type or family; ignored (see spotctl lint)',
      'first: zz9 is not a known instance type or family; ignored (see spotctl lint)',
    ]);
    expect(inputs.map((i) => i.name)).toEqual(['first', 'second']);
    expect(inputs[1]).toMatchObject({ file: 'pools.yaml', maxNodes: 7, limits: [] });
    expect(inputs[1]!.types.map((t) => t.instanceType)).toEqual(['c5.large']);
  });

  it('points at the limits (where a fix goes) when a pool has them, else at the document', () => {
    const text = pool('gpu', req('node.kubernetes.io/instance-type', ['g4dn.xlarge']), {
      'nvidia.com/gpu': '4',
    });
    const withLimits = poolDemandInputs(loadManifestTexts([{ path: 'a.yaml', text }]), catalog).inputs[0]!;
    expect(withLimits.limits).toMatchObject([{ resource: 'nvidia.com/gpu', raw: '4' }]);
    expect(withLimits.limits[0]!.span?.line).toBe(withLimits.span?.line);
    expect(withLimits.span?.line).toBe(text.split('\n').indexOf('    nvidia.com/gpu: 4') + 1);

    const bare = pool('gpu', req('node.kubernetes.io/instance-type', ['g4dn.xlarge']));
    const bareSet = loadManifestTexts([{ path: 'b.yaml', text: bare }]);
    const without = poolDemandInputs(bareSet, catalog).inputs[0]!;
    expect(without.span).toEqual(bareSet.nodePools[0]!.ref.span);
    expect(without.span?.line).not.toBe(withLimits.span?.line);
  });

  it('reads EKS Auto Mode’s eks.amazonaws.com/instance-* requirements like Karpenter’s own', () => {
    // Given the same requirements written with Auto Mode's and with Karpenter's label keys
    const requirements = (prefix: string) =>
      [
        req(`${prefix}/instance-category`, ['g']),
        req(`${prefix}/instance-generation`, ['4'], 'Gt'),
        req(`${prefix}/instance-gpu-manufacturer`, ['nvidia']),
        req(`${prefix}/instance-cpu`, ['17'], 'Lt'),
        req(`${prefix}/instance-gpu-count`, ['1']),
      ].join('\n');
    const autoMode = `${requirements('eks.amazonaws.com')}\n${req('eks.amazonaws.com/compute-type', ['auto'])}`;
    const set = loadManifestTexts([
      { path: 'auto.yaml', text: pool('auto', autoMode, { 'nvidia.com/gpu': '8' }) },
      { path: 'karpenter.yaml', text: pool('karpenter', requirements('karpenter.k8s.aws')) },
    ]);

    // When they become demand inputs
    const { inputs, notes } = poolDemandInputs(set, catalog);

    // Then both allow the same GPU types, and compute-type does not make the answer an upper bound
    const names = (i: number) => inputs[i]!.types.map((t) => t.instanceType);
    expect(names(0)).toEqual(names(1));
    expect(names(0).length).toBeGreaterThan(3);
    expect(names(0).every((n) => /^g[5-9]/.test(n))).toBe(true);
    expect(inputs[0]!.types.every((t) => t.vcpus < 17 && t.gpu?.count === 1)).toBe(true);
    expect(notes).toEqual([]);
  });

  it('names Auto Mode keys without catalog data as written, in the upper-bound note', () => {
    const set = loadManifestTexts([
      { path: 'a.yaml', text: pool('auto', req('eks.amazonaws.com/instance-hypervisor', ['nitro'])) },
    ]);
    expect(poolDemandInputs(set, catalog).notes).toEqual([
      'auto: requirements on eks.amazonaws.com/instance-hypervisor are not instance-type data spotctl has; the demand shown is an upper bound',
    ]);
  });

  describeShared('on the Karpenter v1.14.1 examples', () => {
    it('every example NodePool is an input, and none needs a note', () => {
      const dir = 'reference/karpenter-crds/examples-v1-v1.14.1';
      const files = ['general-purpose.yaml', 'spot.yaml', '100-cpu-limit.yaml', 'large-instances.yaml'];
      const set = loadManifestTexts(
        files.map((f) => ({ path: sharedPath(dir, f), text: readShared(dir, f) })),
      );
      const { inputs, notes } = poolDemandInputs(set, catalog);
      expect(inputs.map((i) => i.name)).toEqual(set.nodePools.map((p) => p.name));
      expect(inputs.length).toBe(files.length);
      expect(notes).toEqual([]);
      expect(inputs.every((i) => i.types.length > 0)).toBe(true);
    });
  });
});

describe('unusableManifests', () => {
  const broken = 'apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: a\n  bad: [\n';
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec: {}\n';
  const good = pool('ok', req('node.kubernetes.io/instance-type', ['m5.large']));

  it.each([
    { name: 'a NodePool', files: { 'ok.yaml': good }, expected: undefined },
    {
      name: 'broken YAML (first problem, and how many more)',
      files: { 'broken.yaml': broken, 'ok.yaml': good },
      expected: { code: 'MALFORMED_MANIFEST', message: /^broken\.yaml:3:\d+ .+ \(and \d+ more\)$/, notes: 0 },
    },
    {
      name: 'no NodePool (with the notes saying why files were skipped)',
      files: { 'deploy.yaml': deployment },
      expected: { code: 'NO_NODEPOOLS', message: /^no NodePool or Provisioner in deploy\.yaml$/, notes: 1 },
    },
  ])('$name', ({ files, expected }) => {
    const set = loadManifestTexts(Object.entries(files).map(([path, text]) => ({ path, text })));
    const unusable = unusableManifests(set, Object.keys(files).slice(0, 1));
    if (!expected) return expect(unusable).toBeUndefined();
    expect(unusable?.error.code).toBe(expected.code);
    expect(unusable?.error.exitCode).toBe(ExitCode.input);
    expect(unusable?.error.message).toMatch(expected.message);
    expect(unusable?.notes).toHaveLength(expected.notes);
    if (expected.notes) expect(unusable?.notes).toEqual(set.notes);
  });
});
