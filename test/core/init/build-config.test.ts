/**
 * Answers → config: defaults, what each bad answer is told, and what is ignored (and said so).
 */
import { describe, expect, it } from 'vitest';

import { buildInitConfig } from '../../../src/core/init/build-config.js';
import { flagsAnswering, unansweredRequired } from '../../../src/core/init/questions.js';
import type { InitAnswers } from '../../../src/core/init/types.js';
import { queueNameProblem, splitSeeds } from '../../../src/core/init/validate.js';
import { SpotctlError } from '../../../src/core/errors.js';
import { factsFor } from '../emit/fixtures.js';

const BASE: InitAnswers = {
  region: 'us-east-1',
  clusterName: 'demo',
  types: ['g4dn.xlarge', 'g4dn.2xlarge'],
};

describe('buildInitConfig', () => {
  it('--yes defaults: a GPU pool of Spot with On-Demand fallback, v1, native interruptions', async () => {
    const { config, notes } = buildInitConfig(BASE, await factsFor(BASE.types!));
    expect(notes).toEqual([]);
    expect(config).toEqual({
      region: 'us-east-1',
      clusterName: 'demo',
      name: 'gpu',
      workload: 'gpu',
      pod: {},
      instanceTypes: ['g4dn.xlarge', 'g4dn.2xlarge'],
      families: [],
      sizes: [],
      categories: [],
      architectures: ['amd64'],
      capacity: 'spot-and-on-demand',
      fallback: 'single-pool',
      limits: { cpu: '1000', memory: '1000Gi', gpu: 100 },
      gpuResource: 'nvidia.com/gpu',
      disruption: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '1m',
        budgetNodes: '10%',
      },
      expireAfter: '720h',
      api: 'v1',
      provider: 'node-template',
      nodeRole: 'KarpenterNodeRole-demo',
      amiAlias: 'al2023@latest',
      interruption: { mode: 'native', queueName: 'demo', rebalance: 'cordon', prometheus: false },
      outputDir: 'spotctl-output',
    });
  });

  it('v1alpha5 defaults: empty nodes after 30s, NTH in IMDS mode that only cordons on rebalance, no expiry', async () => {
    const { config } = buildInitConfig({ ...BASE, api: 'v1alpha5' }, await factsFor(BASE.types!));
    expect(config.disruption).toEqual({
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '30s',
      budgetNodes: '10%',
    });
    expect(config.interruption).toEqual({ mode: 'nth-imds', rebalance: 'cordon', prometheus: false });
    expect(config.expireAfter).toBe('Never');
    expect(config).not.toHaveProperty('nodeRole');
  });

  it('an AMD GPU pool is limited and tainted on amd.com/gpu', async () => {
    const types = ['g4ad.xlarge', 'g4ad.2xlarge'];
    const { config } = buildInitConfig({ ...BASE, types }, await factsFor(types));
    expect(config.gpuResource).toBe('amd.com/gpu');
  });

  it.each<[string, InitAnswers, string, RegExp]>([
    ['no region', { ...BASE, region: undefined }, 'MISSING_ANSWER', /--region is required/],
    [
      'an unknown region',
      { ...BASE, region: 'us-east-9' },
      'UNKNOWN_REGION',
      /unknown AWS Region "us-east-9"/,
    ],
    [
      'a bad cluster name',
      { ...BASE, clusterName: 'my cluster' },
      'INVALID_CLUSTER_NAME',
      /not a valid EKS cluster name/,
    ],
    ['types and families', { ...BASE, families: ['g5'] }, 'TYPES_AND_FAMILIES', /cannot be combined/],
    [
      'sizes without families',
      { ...BASE, sizes: ['xlarge'] },
      'SIZES_WITHOUT_FAMILIES',
      /--sizes only applies with --families/,
    ],
    ['an uppercase pool name', { ...BASE, name: 'GPU' }, 'INVALID_POOL_NAME', /not a valid NodePool name/],
    ['a negative cpu limit', { ...BASE, cpuLimit: '-1' }, 'INVALID_LIMIT', /--cpu-limit "-1"/],
    [
      'a fractional GPU limit',
      { ...BASE, gpuLimit: '1.5' },
      'INVALID_LIMIT',
      /--gpu-limit "1.5" is not a whole number/,
    ],
    ['a duration in days', { ...BASE, expireAfter: '30d' }, 'INVALID_DURATION', /--expire-after "30d"/],
    ['a budget above 100%', { ...BASE, budgetNodes: '120%' }, 'INVALID_BUDGET', /--budget-nodes "120%"/],
    [
      'an inline provider on v1',
      { ...BASE, provider: 'inline' },
      'INLINE_PROVIDER_V1',
      /only exists in v1alpha5/,
    ],
    [
      'a bad AMI alias',
      { ...BASE, amiAlias: 'ubuntu@latest' },
      'INVALID_AMI_ALIAS',
      /not an EC2NodeClass alias/,
    ],
    [
      'role and profile',
      { ...BASE, nodeRole: 'r', instanceProfile: 'p' },
      'ROLE_AND_PROFILE',
      /cannot be combined/,
    ],
    [
      'a queue ARN',
      { ...BASE, interruptionQueue: 'arn:aws:sqs:us-east-1:123456789012:q' },
      'QUEUE_NOT_A_NAME',
      /not its ARN/,
    ],
    [
      'a queue URL',
      { ...BASE, interruptionQueue: 'https://sqs.us-east-1.amazonaws.com/123456789012/q' },
      'QUEUE_NOT_A_NAME',
      /not its URL/,
    ],
    [
      'NTH queue mode without a URL',
      { ...BASE, interruption: 'nth-queue' },
      'NTH_QUEUE_URL_REQUIRED',
      /needs the URL/,
    ],
    [
      'an NTH queue ARN for a URL',
      { ...BASE, interruption: 'nth-queue', nthQueueUrl: 'arn:aws:sqs:us-east-1:123456789012:q' },
      'INVALID_QUEUE_URL',
      /not an SQS queue URL/,
    ],
    [
      'a GPU pool of CPU types',
      { ...BASE, types: ['m5.xlarge'], workload: 'gpu' },
      'NOT_GPU_TYPES',
      /m5\.xlarge has none/,
    ],
    [
      'mixed GPU makers',
      { ...BASE, types: ['g4dn.xlarge', 'g4ad.xlarge'] },
      'MIXED_GPU_MAKERS',
      /mix GPU makers/,
    ],
    [
      'a pod too big for a type',
      { ...BASE, podVcpus: 6 },
      'POD_DOES_NOT_FIT',
      /cannot fit on g4dn\.xlarge \(4 vCPU\)/,
    ],
    [
      'a GPU limit on a general pool',
      { ...BASE, types: ['m5.xlarge'], gpuLimit: '4' },
      'GPU_LIMIT_WITHOUT_GPU',
      /needs a GPU workload/,
    ],
  ])('rejects %s (%s) with a next step', async (_, answers, code, message) => {
    const facts = await factsFor(answers.types ?? BASE.types!);
    try {
      buildInitConfig(answers, facts);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpotctlError);
      expect((error as SpotctlError).code).toBe(code);
      expect((error as SpotctlError).message).toMatch(message);
      expect((error as SpotctlError).suggestions.length).toBeGreaterThan(0);
    }
  });

  it.each<[string, InitAnswers, RegExp]>([
    [
      'weighted pools without both capacity types',
      { capacity: 'spot', fallback: 'weighted-pools' },
      /--fallback weighted-pools ignored/,
    ],
    [
      'a queue name with NTH',
      { interruption: 'nth-imds', interruptionQueue: 'q' },
      /--interruption-queue is for Karpenter's native handling/,
    ],
    [
      'rebalance settings in queue mode',
      {
        interruption: 'nth-queue',
        nthQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
        nthRebalance: 'off',
      },
      /--nth-rebalance ignored: in queue mode NTH cordons and drains/,
    ],
    [
      'a queue in another region',
      { interruption: 'nth-queue', nthQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/q' },
      /is in eu-west-1 but the cluster is in us-east-1/,
    ],
    ['Prometheus without NTH', { nthPrometheus: true }, /--nth-prometheus ignored/],
    ['budgets on v1alpha5', { api: 'v1alpha5', budgetNodes: '5' }, /v1alpha5 has no disruption budgets/],
    ['GPU types for a general pool', { workload: 'general' }, /have GPUs but the workload is general/],
  ])('accepts but notes %s', async (_, extra, message) => {
    const { notes } = buildInitConfig({ ...BASE, ...extra }, await factsFor(BASE.types!));
    expect(notes.join('\n')).toMatch(message);
  });
});

describe('questions and single-answer checks', () => {
  it('names exactly the questions --yes cannot answer', () => {
    expect(unansweredRequired({}).map((q) => flagsAnswering(q).join(' or '))).toEqual([
      '--region',
      '--cluster-name',
    ]);
    expect(unansweredRequired({ clusterName: 'x', families: ['m5'] }, 'us-east-1')).toEqual([]);
  });

  it('tells the queue name from an ARN or URL, and suggests the name', () => {
    expect(queueNameProblem('demo')).toBeUndefined();
    expect(queueNameProblem('arn:aws:sqs:us-east-1:123456789012:demo')).toEqual({
      problem: 'Karpenter wants the queue’s name, not its ARN',
      name: 'demo',
    });
    expect(queueNameProblem('https://sqs.us-east-1.amazonaws.com/123456789012/demo')?.name).toBe('demo');
  });

  it('splits seeds into types (with a dot) and families', () => {
    expect(splitSeeds([' g4dn.xlarge', 'g5 ', ''])).toEqual({ types: ['g4dn.xlarge'], families: ['g5'] });
  });
});
