import { describe, expect, it } from 'vitest';

import { ExitCode, isSpotctlError } from '../../../src/core/errors.js';
import { assertKnownRules, assertLintable } from '../../../src/core/lint/inputs.js';
import { RULE_IDS } from '../../../src/core/lint/lint.js';
import { loadManifestTexts } from '../../../src/core/manifests/sources.js';
import { describeShared, readShared } from '../../helpers/shared.js';

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isSpotctlError(error)) return error;
    throw error;
  }
  return undefined;
}

describe('assertKnownRules', () => {
  it.each([{ ids: [] }, { ids: ['capacity-type-value'] }, { ids: RULE_IDS }])(
    'accepts $ids.length known rule ids',
    ({ ids }) => {
      expect(thrown(() => assertKnownRules(ids))).toBeUndefined();
    },
  );

  it.each([
    {
      ids: ['capacity-type-valeu'],
      message: 'unknown rule "capacity-type-valeu"',
      hint: 'Did you mean capacity-type-value?',
    },
    {
      ids: ['capacity-type-value', 'zzzzzzzzzzzzzzzzzzzz'],
      message: 'unknown rule "zzzzzzzzzzzzzzzzzzzz"',
      hint: 'See the rules table in the README.',
    },
  ])('$ids → a usage error with a next step', ({ ids, message, hint }) => {
    const error = thrown(() => assertKnownRules(ids));
    expect(error?.code).toBe('UNKNOWN_RULE');
    expect(error?.exitCode).toBe(ExitCode.usage);
    expect(error?.message).toBe(message);
    expect(error?.suggestions).toEqual([hint]);
  });
});

describe('assertLintable', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec: {}\n';
  it.each([
    { name: 'a Deployment only', text: deployment, lintable: false },
    { name: 'an empty file', text: '', lintable: false },
    {
      name: 'broken YAML (lint reports it)',
      text: 'kind: NodePool\nmetadata: {name: a\n  bad: [\n',
      lintable: true,
    },
    {
      name: 'an EC2NodeClass',
      text: 'apiVersion: karpenter.k8s.aws/v1\nkind: EC2NodeClass\nmetadata:\n  name: default\nspec:\n  amiSelectorTerms:\n    - alias: al2023@latest\n',
      lintable: true,
    },
  ])('$name: lintable $lintable', ({ text, lintable }) => {
    const error = thrown(() =>
      assertLintable(loadManifestTexts([{ path: 'x.yaml', text }]), ['x.yaml', 'y/']),
    );
    if (lintable) return expect(error).toBeUndefined();
    expect(error?.code).toBe('NOTHING_TO_LINT');
    expect(error?.exitCode).toBe(ExitCode.input);
    expect(error?.message).toBe('no Karpenter manifests or node-termination-handler values in x.yaml, y/');
  });

  describeShared('on the seed files', () => {
    it('the seed Provisioner is lintable', () => {
      const set = loadManifestTexts([
        { path: 'p.yaml', text: readShared('fixtures/seed/provisioner.v1alpha5.yaml') },
      ]);
      expect(thrown(() => assertLintable(set, ['p.yaml']))).toBeUndefined();
    });
  });
});
