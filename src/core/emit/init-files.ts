/**
 * Config → the files `spotctl init` writes, and the exact commands that apply them.
 */
import type { InitConfig } from '../init/types.js';
import { buildDocument, type EmitContext, stringifyDocuments, template } from './document.js';
import { karpenterInterruptionValues } from './karpenter-values.js';
import { nodeSelectorNote, nthValues, rebalanceNote } from './nth-values.js';
import { planPools, tagsNote, taintNote } from './pools.js';
import { ec2NodeClassV1, nodePoolV1 } from './v1.js';
import { awsNodeTemplateV1alpha1, provisionerV1alpha5 } from './v1alpha5.js';

export type FileRole = 'manifest' | 'nth-values' | 'karpenter-values';

export interface EmittedFile {
  /** File name inside the output directory. */
  name: string;
  role: FileRole;
  /** The objects in the file, in order (for tests, --json and validation). */
  documents: Array<Record<string, unknown>>;
  /** The text of each document, in order; the first carries the file's header comments. */
  parts: string[];
  content: string;
}

export interface InitFiles {
  files: EmittedFile[];
  /** Shell commands, in order, that apply the files from the output directory. */
  nextCommands: string[];
  /** Warnings to show before writing (the same ones the files carry as comments). */
  warnings: string[];
}

export const NTH_RELEASE = 'aws-node-termination-handler';
export const NTH_CHART = 'eks/aws-node-termination-handler';
export const NTH_REPO_URL = 'https://aws.github.io/eks-charts';
export const KARPENTER_CHART = 'oci://public.ecr.aws/karpenter/karpenter';

/** Every file for the config. Pure: the version, date, data source and templates come in `ctx`. */
export function emitInitFiles(config: InitConfig, ctx: EmitContext): InitFiles {
  const pools = planPools(config);
  const files: EmittedFile[] = [];
  const poolVars = (pool: (typeof pools)[number]) => ({
    poolName: pool.name,
    poolPurpose: pool.purpose,
    capacityNote: pool.capacityNote,
    weightNote: pool.weightNote,
    taintNote: taintNote(config),
  });
  const classVars = { className: config.name, clusterName: config.clusterName, tagsNote };

  if (config.api === 'v1') {
    files.push(
      manifestFile(
        'ec2nodeclass.yaml',
        [ec2NodeClassV1(config)],
        ctx,
        'v1/ec2nodeclass.yaml',
        () => classVars,
      ),
      manifestFile(
        'nodepool.yaml',
        pools.map((pool) => nodePoolV1(config, pool)),
        ctx,
        'v1/nodepool.yaml',
        (i) => poolVars(pools[i]!),
      ),
    );
  } else {
    if (config.provider === 'node-template') {
      files.push(
        manifestFile(
          'awsnodetemplate.yaml',
          [awsNodeTemplateV1alpha1(config)],
          ctx,
          'v1alpha5/awsnodetemplate.yaml',
          () => classVars,
        ),
      );
    }
    files.push(
      manifestFile(
        'provisioner.yaml',
        pools.map((pool) => provisionerV1alpha5(config, pool)),
        ctx,
        'v1alpha5/provisioner.yaml',
        (i) => poolVars(pools[i]!),
      ),
    );
  }

  const nth = nthValues(config);
  if (nth) {
    const templateName =
      config.interruption.mode === 'nth-queue' ? 'nth/values-queue.yaml' : 'nth/values-imds.yaml';
    const doc = buildDocument(nth, template(ctx, templateName), {
      rebalanceNote: rebalanceNote(config),
      nodeSelectorNote: nodeSelectorNote(config),
    });
    files.push(textFile('nth-values.yaml', 'nth-values', [nth], stringifyDocuments([doc], ctx)));
  }
  const karpenter = karpenterInterruptionValues(config);
  if (karpenter) {
    const templateName = config.api === 'v1' ? 'karpenter/values-v1.yaml' : 'karpenter/values-v1alpha5.yaml';
    const doc = buildDocument(karpenter, template(ctx, templateName));
    files.push(
      textFile('karpenter-values.yaml', 'karpenter-values', [karpenter], stringifyDocuments([doc], ctx)),
    );
  }

  return { files, nextCommands: nextCommands(config, files), warnings: interruptionWarnings(config) };
}

function manifestFile(
  name: string,
  objects: Array<Record<string, unknown>>,
  ctx: EmitContext,
  templateName: string,
  vars: (index: number) => Record<string, string>,
): EmittedFile {
  const text = template(ctx, templateName);
  const docs = objects.map((object, i) => buildDocument(object, text, vars(i)));
  return textFile(name, 'manifest', objects, stringifyDocuments(docs, ctx));
}

const textFile = (
  name: string,
  role: FileRole,
  documents: Array<Record<string, unknown>>,
  parts: string[],
): EmittedFile => ({ name, role, documents, parts, content: parts.join('---\n') });

/** `dir/file`, quoted for a POSIX shell when it needs to be. */
export function shellPath(dir: string, file: string): string {
  const path = dir === '' || dir === '.' ? file : `${dir.replace(/\/+$/, '')}/${file}`;
  return /^[\w./@%+=:,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function nextCommands(config: InitConfig, files: EmittedFile[]): string[] {
  const at = (name: string) => shellPath(config.outputDir, name);
  const manifests = files.filter((file) => file.role === 'manifest');
  const commands = [`kubectl apply ${manifests.map((file) => `-f ${at(file.name)}`).join(' ')}`];
  if (files.some((file) => file.role === 'nth-values')) {
    commands.push(
      `helm repo add eks ${NTH_REPO_URL}`,
      `helm upgrade --install ${NTH_RELEASE} ${NTH_CHART} -n kube-system -f ${at('nth-values.yaml')}`,
    );
  }
  if (files.some((file) => file.role === 'karpenter-values')) {
    // The values are a delta for an existing release: keep its other values and its version.
    commands.push(
      `helm upgrade karpenter ${KARPENTER_CHART} --namespace "\${KARPENTER_NAMESPACE}" --version "\${KARPENTER_VERSION}" --reuse-values -f ${at('karpenter-values.yaml')}`,
    );
  }
  return commands;
}

/** What the user must hear about interruption handling before writing, in the wizard and on stderr. */
export function interruptionWarnings(config: InitConfig): string[] {
  const { interruption } = config;
  if (interruption.mode === 'native') {
    const setting = config.api === 'v1' ? 'settings.interruptionQueue' : 'settings.aws.interruptionQueueName';
    return [
      `Karpenter handles interruptions itself: ${setting}=${interruption.queueName} (the queue NAME, not its ARN). The queue and its EventBridge rules must exist (Karpenter's getting-started CloudFormation template creates them); do not also install aws-node-termination-handler.`,
      ...(config.api === 'v1alpha5'
        ? [
            'Native interruption handling needs Karpenter 0.19 or later; for older versions use --interruption nth-imds.',
          ]
        : []),
    ];
  }
  const loop =
    'Karpenter 0.19 and later handles interruptions natively through an SQS queue (settings.interruptionQueue); running NTH beside it causes a drain loop on rebalance: NTH drains, Karpenter relaunches the same type, which gets the same recommendation.';
  if (interruption.mode === 'nth-queue') {
    return [
      loop,
      'In queue mode NTH drains on every rebalance recommendation regardless of settings, and needs an SQS queue of its own.',
    ];
  }
  return interruption.rebalance === 'drain'
    ? [
        loop,
        'These NTH values drain on rebalance recommendations (--nth-rebalance drain): with Karpenter 0.19+ prefer --interruption native, or --nth-rebalance cordon.',
      ]
    : [loop];
}
