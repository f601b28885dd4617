/**
 * init questions, part of the one table in `../questions.ts`. The Karpenter version, how nodes launch, interruption handling, and where the files go.
 */
import { usageError } from '../../errors.js';
import { API_VERSIONS, INTERRUPTION_MODES, REBALANCE_ACTIONS } from '../types.js';
import { AMI_ALIAS, queueNameProblem, queueUrlProblem } from '../validate.js';
import { AMI, DEFAULT_OUTPUT_DIR, oneOf, question, type Question, text, v1 } from '../question-types.js';

export const SETUP_QUESTIONS: readonly Question[] = [
  question({
    id: 'api',
    flag: {
      name: 'api',
      kind: 'string',
      options: API_VERSIONS,
      description: 'Karpenter API: v1 (Karpenter 1.0+) or v1alpha5 (before v0.32) (default: v1).',
      toAnswer: oneOf(API_VERSIONS),
    },
    summary: 'Karpenter API version',
    default: () => 'v1',
    prompt: {
      kind: 'select',
      message: 'Karpenter API version',
      choices: () => [
        { value: 'v1', name: 'v1 (Karpenter 1.0 and later): NodePool + EC2NodeClass' },
        {
          value: 'v1alpha5',
          name: 'v1alpha5 (Karpenter before v0.32): Provisioner + AWSNodeTemplate',
          description: 'For clusters not yet upgraded; `spotctl convert` moves them to v1 later.',
        },
      ],
    },
  }),
  question({
    id: 'provider',
    flag: {
      name: 'inline-provider',
      kind: 'boolean',
      description: 'v1alpha5: an inline provider block instead of an AWSNodeTemplate.',
      toAnswer: (raw) => (raw ? 'inline' : undefined),
    },
    summary: 'node settings for the Provisioner',
    default: () => 'node-template',
    prompt: {
      kind: 'select',
      message: 'Node settings for the Provisioner',
      when: (answers) => answers.api === 'v1alpha5',
      choices: () => [
        { value: 'node-template', name: 'An AWSNodeTemplate referenced by providerRef' },
        { value: 'inline', name: 'An inline provider block (deprecated since v0.7)' },
      ],
    },
  }),
  question({
    id: 'nodeRole',
    flag: {
      name: 'node-role',
      kind: 'string',
      helpGroup: 'NODES',
      description: 'v1: IAM role of the nodes (default: KarpenterNodeRole-<cluster>).',
      toAnswer: text,
    },
    summary: 'the IAM role of the nodes',
    /** The node role name Karpenter's getting-started guide creates. */
    default: (answers) => (answers.clusterName ? `KarpenterNodeRole-${answers.clusterName}` : undefined),
  }),
  question({
    id: 'instanceProfile',
    flag: {
      name: 'instance-profile',
      kind: 'string',
      helpGroup: 'NODES',
      description: 'IAM instance profile instead of a role.',
      toAnswer: text,
    },
    summary: 'the IAM instance profile of the nodes',
  }),
  question({
    id: 'amiAlias',
    flag: {
      name: 'ami-alias',
      kind: 'string',
      helpGroup: 'NODES',
      description: `v1: AMI alias (default: ${AMI}).`,
      toAnswer: text,
    },
    summary: 'the AMI alias',
    default: () => AMI,
    check: (value) => (AMI_ALIAS.test(value) ? undefined : 'family@version, e.g. al2023@latest'),
    reject: (value) =>
      usageError('INVALID_AMI_ALIAS', `--ami-alias "${value}" is not an EC2NodeClass alias`, {
        suggestions: ['Pass family@version, e.g. al2023@latest, bottlerocket@latest or al2@latest.'],
      }),
  }),
  question({
    id: 'interruption',
    flag: {
      name: 'interruption',
      kind: 'string',
      options: INTERRUPTION_MODES,
      helpGroup: 'INTERRUPTIONS',
      description: 'Interruption handling (default: native for v1, nth-imds for v1alpha5).',
      toAnswer: oneOf(INTERRUPTION_MODES),
    },
    summary: 'interruption handling',
    /**
     * Karpenter's native handling (an SQS queue, v0.19+) is the default for v1. v1alpha5 is for clusters
     * older than v0.32, down to v0.6 which had no native handling: there NTH in IMDS mode is the default
     * (with a rebalance action that is safe on either side of 0.19).
     */
    default: (answers) => (v1(answers) ? 'native' : 'nth-imds'),
    prompt: {
      kind: 'select',
      message: 'Interruption handling',
      choices: () => [
        {
          value: 'native',
          name: 'Karpenter native, through an SQS queue (Karpenter 0.19+)',
          description:
            'Recommended. Sets settings.interruptionQueue to the queue NAME (not its ARN). Do not run NTH beside it.',
        },
        {
          value: 'nth-imds',
          name: 'aws-node-termination-handler, IMDS mode (for Karpenter before 0.19)',
          description:
            'For Karpenter before 0.19. With newer Karpenter, NTH draining on rebalance loops: Karpenter relaunches the same type.',
        },
        {
          value: 'nth-queue',
          name: 'aws-node-termination-handler, queue mode',
          description: 'Needs its own SQS queue and drains on every rebalance recommendation.',
        },
      ],
    },
  }),
  question({
    id: 'interruptionQueue',
    flag: {
      name: 'interruption-queue',
      kind: 'string',
      helpGroup: 'INTERRUPTIONS',
      description: 'native: the SQS queue NAME, not its ARN (default: the cluster name).',
      toAnswer: text,
    },
    summary: 'the interruption queue',
    /** The getting-started CloudFormation stack names the interruption queue after the cluster. */
    default: (answers) => answers.clusterName,
    check: (value) => {
      const bad = queueNameProblem(value);
      return bad ? `${bad.problem}${bad.name ? `: use ${bad.name}` : ''}` : undefined;
    },
    reject: (value) => {
      const bad = queueNameProblem(value)!;
      return usageError(
        bad.name ? 'QUEUE_NOT_A_NAME' : 'INVALID_QUEUE_NAME',
        `--interruption-queue: ${bad.problem}`,
        {
          suggestions: [
            bad.name
              ? `Pass --interruption-queue ${bad.name}`
              : 'Pass the SQS queue name, e.g. the cluster name.',
          ],
        },
      );
    },
    prompt: {
      kind: 'text',
      message: 'Interruption queue NAME (not its ARN)',
      when: (answers) => answers.interruption === 'native',
    },
  }),
  question({
    id: 'nthQueueUrl',
    flag: {
      name: 'nth-queue-url',
      kind: 'string',
      helpGroup: 'INTERRUPTIONS',
      description: 'nth-queue: URL of NTH’s own SQS queue (required).',
      toAnswer: (raw) => (String(raw).trim() === '' ? undefined : String(raw)),
    },
    summary: 'the URL of NTH’s queue',
    check: (value) => queueUrlProblem(value),
    reject: (value) =>
      usageError('INVALID_QUEUE_URL', `--nth-queue-url "${value}" is not an SQS queue URL`, {
        suggestions: [
          'Pass the queue URL (`aws sqs get-queue-url --queue-name <name>`), not its ARN or name.',
        ],
      }),
    prompt: {
      kind: 'text',
      message: 'URL of NTH’s own SQS queue',
      when: (answers) => answers.interruption === 'nth-queue',
    },
  }),
  question({
    id: 'nthRebalance',
    flag: {
      name: 'nth-rebalance',
      kind: 'string',
      options: REBALANCE_ACTIONS,
      helpGroup: 'INTERRUPTIONS',
      description: 'nth-imds: what to do on a rebalance recommendation (default: cordon).',
      toAnswer: oneOf(REBALANCE_ACTIONS),
    },
    summary: 'what NTH does on a rebalance recommendation',
    /**
     * Cordon, whatever the API version: draining on a rebalance recommendation loops with Karpenter 0.19
     * and later (which a v1alpha5 cluster may well run), and cordoning is safe with every version.
     */
    default: () => 'cordon',
    prompt: {
      kind: 'select',
      message: 'On a rebalance recommendation, NTH should',
      when: (answers) => answers.interruption === 'nth-imds',
      choices: () => [
        { value: 'cordon', name: 'cordon the node (no new pods; no drain loop with Karpenter)' },
        { value: 'drain', name: 'cordon and drain it (loops with Karpenter 0.19 and later)' },
        { value: 'off', name: 'ignore it' },
      ],
    },
  }),
  question({
    id: 'nthPrometheus',
    flag: {
      name: 'nth-prometheus',
      kind: 'boolean',
      allowNo: true,
      helpGroup: 'INTERRUPTIONS',
      description: 'NTH: enablePrometheusServer.',
      toAnswer: (raw) => raw === true,
    },
    summary: 'NTH metrics',
    default: () => false,
    prompt: {
      kind: 'confirm',
      message: 'Expose NTH metrics for Prometheus (enablePrometheusServer)?',
      when: (answers) => answers.interruption !== 'native',
    },
  }),
  question({
    id: 'nthRoleArn',
    flag: {
      name: 'nth-role-arn',
      kind: 'string',
      helpGroup: 'INTERRUPTIONS',
      description: 'nth-queue: IAM role ARN for NTH’s service account (IRSA).',
      toAnswer: text,
    },
    summary: 'NTH’s IAM role',
    check: (value) => (/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(value) ? undefined : 'an IAM role ARN'),
    reject: (value) =>
      usageError('INVALID_ROLE_ARN', `--nth-role-arn "${value}" is not an IAM role ARN`, {
        suggestions: ['Pass arn:aws:iam::<account-id>:role/<name>.'],
      }),
  }),
  question({
    id: 'outputDir',
    flag: {
      name: 'output-dir',
      char: 'd',
      kind: 'string',
      description: `Where to write the files (default: ${DEFAULT_OUTPUT_DIR}).`,
      toAnswer: text,
    },
    summary: 'where to write the files',
    default: () => DEFAULT_OUTPUT_DIR,
    check: (value) => (value.trim() === '' ? 'a directory' : undefined),
    prompt: { kind: 'text', message: 'Output directory' },
  }),
];
