/**
 * The cluster name init offers: CLUSTER_NAME, else the EKS cluster of kubectl's current context, read
 * from real kubeconfig files the way `aws eks update-kubeconfig` and eksctl write them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { clusterHint, eksClusterName } from '../../src/runtime/init-kube-context.js';

const dir = mkdtempSync(join(tmpdir(), 'spotctl-kube-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const AWS_CLI = file(
  'aws-cli',
  `apiVersion: v1
kind: Config
clusters:
  - cluster: { server: https://ABC.gr7.us-east-1.eks.amazonaws.com }
    name: arn:aws:eks:us-east-1:123456789012:cluster/prod
contexts:
  - context: { cluster: "arn:aws:eks:us-east-1:123456789012:cluster/prod", user: "arn:aws:eks:us-east-1:123456789012:cluster/prod" }
    name: arn:aws:eks:us-east-1:123456789012:cluster/prod
current-context: arn:aws:eks:us-east-1:123456789012:cluster/prod
`,
);
const EKSCTL = file(
  'eksctl',
  `apiVersion: v1
kind: Config
contexts:
  - context: { cluster: ml.eu-west-1.eksctl.io, user: me@ml.eu-west-1.eksctl.io }
    name: me@ml.eu-west-1.eksctl.io
current-context: me@ml.eu-west-1.eksctl.io
`,
);
const KIND = file(
  'kind',
  `contexts:
  - context: { cluster: kind-kind }
    name: kind-kind
current-context: kind-kind
`,
);

describe('the cluster name hint', () => {
  it.each([
    ['aws eks update-kubeconfig', AWS_CLI, 'prod'],
    ['eksctl', EKSCTL, 'ml'],
  ])('reads the current context written by %s', async (_, path, name) => {
    expect(await clusterHint({ KUBECONFIG: path })).toEqual({ name, from: 'your kubectl context' });
  });

  it('offers nothing for a cluster that is not EKS, or without a kubeconfig', async () => {
    expect(await clusterHint({ KUBECONFIG: KIND })).toBeUndefined();
    expect(await clusterHint({ KUBECONFIG: join(dir, 'missing') })).toBeUndefined();
    expect(await clusterHint({ HOME: dir })).toBeUndefined();
  });

  it('merges KUBECONFIG files as kubectl does: the first current-context wins', async () => {
    const contextOnly = file('current', 'current-context: me@ml.eu-west-1.eksctl.io\n');
    expect(
      await clusterHint({ KUBECONFIG: [join(dir, 'missing'), contextOnly, EKSCTL].join(delimiter) }),
    ).toEqual({
      name: 'ml',
      from: 'your kubectl context',
    });
  });

  it('CLUSTER_NAME, which Karpenter’s getting-started guide exports, comes first', async () => {
    expect(await clusterHint({ CLUSTER_NAME: 'demo', KUBECONFIG: AWS_CLI })).toEqual({
      name: 'demo',
      from: 'CLUSTER_NAME',
    });
  });

  it('knows an EKS cluster name when it sees one', () => {
    expect(eksClusterName('arn:aws-cn:eks:cn-north-1:123456789012:cluster/a_b-1')).toBe('a_b-1');
    expect(eksClusterName('gke_project_zone_name')).toBeUndefined();
  });
});
