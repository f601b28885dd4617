/**
 * `spotctl convert`: Karpenter v1alpha5 (Provisioner + AWSNodeTemplate or inline provider) and v1beta1
 * (NodePool + EC2NodeClass) manifests → v1. Karpenter's own converter only ever did alpha → beta and was
 * removed in v0.33; nothing converts beta → v1. Documents are linked across files (a Provisioner's
 * providerRef, a NodePool's kubelet moving to its EC2NodeClass), so all files are converted together.
 */
import { parseAllDocuments } from 'yaml';

import { inputError } from '../errors.js';
import { buildDocument, headerLine } from '../emit/document.js';
import { nodeClassSpecFromAlpha, nodeClassSpecFromBeta, type Note } from './node-class.js';
import { convertKubelet, metadataOf, nodePoolFromBeta, nodePoolFromProvisioner } from './node-pool.js';
import type {
  ConvertMessage,
  ConvertOptions,
  ConvertResult,
  ConvertedFile,
  Obj,
  ResourceRef,
  SourceFile,
} from './types.js';

const PROVISIONER = 'karpenter.sh/v1alpha5/Provisioner';
const NODE_TEMPLATE = 'karpenter.k8s.aws/v1alpha1/AWSNodeTemplate';
const BETA_POOL = 'karpenter.sh/v1beta1/NodePool';
const BETA_CLASS = 'karpenter.k8s.aws/v1beta1/EC2NodeClass';
const V1_POOL = 'karpenter.sh/v1/NodePool';
const V1_CLASS = 'karpenter.k8s.aws/v1/EC2NodeClass';

interface Input {
  file: string;
  index: number;
  doc: Obj;
  id: string;
  ref: ResourceRef;
}

const refOf = (doc: Obj): ResourceRef => ({
  apiVersion: String(doc.apiVersion ?? ''),
  kind: String(doc.kind ?? ''),
  name: String((doc.metadata as Obj | undefined)?.name ?? ''),
});

/** Parse every document of every file; a YAML syntax error names the file and line. */
function parseInputs(files: SourceFile[]): Input[] {
  const inputs: Input[] = [];
  for (const file of files) {
    const docs = parseAllDocuments(file.text, { prettyErrors: true });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, index) => {
      const error = doc.errors[0];
      if (error) {
        const line = error.linePos?.[0].line;
        throw inputError(
          'INVALID_YAML',
          `${file.path}${line ? `:${line}` : ''}: ${error.message.split('\n')[0]}`,
          {
            suggestions: [
              'Fix the YAML syntax (a linter such as yamllint shows where), then run convert again.',
            ],
          },
        );
      }
      const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
      if (value === null || value === undefined) return;
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw inputError('NOT_A_MANIFEST', `${file.path}: document ${index + 1} is not a Kubernetes object`, {
          suggestions: ['Pass Karpenter manifests (Provisioner, AWSNodeTemplate, NodePool, EC2NodeClass).'],
        });
      }
      const obj = value as Obj;
      const ref = refOf(obj);
      inputs.push({ file: file.path, index, doc: obj, id: `${ref.apiVersion}/${ref.kind}`, ref });
    });
  }
  return inputs;
}

/**
 * Convert the files. Pure: text in, objects and messages out (the command writes or prints them).
 * Throws an input error when nothing in the files is a Karpenter resource spotctl can convert.
 */
export function convertManifests(files: SourceFile[], options: ConvertOptions = {}): ConvertResult {
  const inputs = parseInputs(files);
  const messages: ConvertMessage[] = [];
  const noteFor =
    (input: Input): Note =>
    (level, message, field) =>
      messages.push({
        level,
        file: input.file,
        resource: `${input.ref.kind}/${input.ref.name}`,
        ...(field ? { field } : {}),
        message,
      });

  const convertible = new Set([PROVISIONER, NODE_TEMPLATE, BETA_POOL, BETA_CLASS, V1_POOL, V1_CLASS]);
  if (!inputs.some((input) => convertible.has(input.id))) {
    throw inputError(
      'NOTHING_TO_CONVERT',
      `no Karpenter Provisioner, AWSNodeTemplate, NodePool or EC2NodeClass in ${files.map((f) => f.path).join(', ')}`,
      {
        suggestions: [
          'Pass the files that define your Provisioners (karpenter.sh/v1alpha5) or NodePools (karpenter.sh/v1beta1).',
        ],
      },
    );
  }

  // Node classes first: pools reference them by name, and their kubelet settings move into them.
  const classes = new Map<string, { input: Input; object: Obj; kubeletFrom?: string }>();
  const outputs = new Map<Input, Obj[]>();
  for (const input of inputs) {
    if (input.id !== NODE_TEMPLATE && input.id !== BETA_CLASS) continue;
    const note = noteFor(input);
    const spec = (input.doc.spec ?? {}) as Obj;
    const object = {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: metadataOf(input.doc),
      spec:
        input.id === NODE_TEMPLATE
          ? nodeClassSpecFromAlpha(spec, options.role, note)
          : nodeClassSpecFromBeta(spec, note),
    };
    classes.set(input.ref.name, { input, object });
    outputs.set(input, [object]);
  }

  /** Put a pool's kubelet into its node class; a class shared by pools with different kubelets is copied. */
  const attachKubelet = (input: Input, className: string, kubelet: Obj, out: Obj[]): string => {
    const note = noteFor(input);
    const target = classes.get(className);
    if (!target) {
      note(
        'warning',
        `kubelet settings belong in EC2NodeClass ${className} in v1, which is not in these files: add them there`,
        'kubelet',
      );
      return className;
    }
    const spec = target.object.spec as Obj;
    if (spec.kubelet === undefined) {
      spec.kubelet = kubelet;
      target.kubeletFrom = input.ref.name;
      note('info', `kubelet settings moved to EC2NodeClass ${className}`, 'kubelet');
      return className;
    }
    if (JSON.stringify(spec.kubelet) === JSON.stringify(kubelet)) return className;
    const copyName = `${className}-${input.ref.name}`;
    const copy = structuredClone(target.object) as Obj & { metadata: Obj; spec: Obj };
    copy.metadata = { ...copy.metadata, name: copyName };
    copy.spec.kubelet = kubelet;
    classes.set(copyName, { input, object: copy, kubeletFrom: input.ref.name });
    out.push(copy);
    note(
      'warning',
      `EC2NodeClass ${className} already carries ${target.kubeletFrom}'s different kubelet settings: this pool gets its own copy, ${copyName}`,
      'kubelet',
    );
    return copyName;
  };

  for (const input of inputs) {
    const note = noteFor(input);
    if (input.id === PROVISIONER) {
      const spec = (input.doc.spec ?? {}) as Obj;
      const out: Obj[] = [];
      let className: string;
      if (spec.provider !== undefined) {
        className = classes.has(input.ref.name) ? `${input.ref.name}-provider` : input.ref.name;
        if (spec.providerRef !== undefined)
          note('warning', 'both provider and providerRef: used the inline provider', 'spec.provider');
        const object = {
          apiVersion: 'karpenter.k8s.aws/v1',
          kind: 'EC2NodeClass',
          metadata: { name: className },
          spec: nodeClassSpecFromAlpha(spec.provider as Obj, options.role, (level, message, field) =>
            note(level, message, `spec.provider${field ? `.${field}` : ''}`),
          ),
        };
        classes.set(className, { input, object });
        out.push(object);
        note('info', `inline provider (deprecated) became EC2NodeClass ${className}`, 'spec.provider');
      } else if (spec.providerRef !== undefined) {
        className = String((spec.providerRef as Obj).name);
        if (!classes.has(className))
          note(
            'warning',
            `AWSNodeTemplate ${className} is not in these files: convert it too`,
            'spec.providerRef',
          );
      } else {
        className = 'default';
        note('warning', 'no provider or providerRef: nodeClassRef points at EC2NodeClass "default"', 'spec');
      }
      const pool = nodePoolFromProvisioner(input.doc, className, options, note);
      if (spec.kubeletConfiguration) {
        const kubelet = convertKubelet(spec.kubeletConfiguration as Obj, note, 'spec.kubeletConfiguration');
        const used = attachKubelet(input, className, kubelet, out);
        (((pool.spec as Obj).template as Obj).spec as Obj).nodeClassRef = {
          group: 'karpenter.k8s.aws',
          kind: 'EC2NodeClass',
          name: used,
        };
      }
      outputs.set(input, [pool, ...out]);
    } else if (input.id === BETA_POOL) {
      const { pool, nodeClassName, kubelet } = nodePoolFromBeta(input.doc, note);
      const out: Obj[] = [];
      if (kubelet) {
        const used = attachKubelet(input, nodeClassName, kubelet, out);
        (((pool.spec as Obj).template as Obj).spec as Obj).nodeClassRef = {
          group: 'karpenter.k8s.aws',
          kind: 'EC2NodeClass',
          name: used,
        };
      }
      outputs.set(input, [pool, ...out]);
    } else if (input.id === V1_POOL || input.id === V1_CLASS) {
      note('info', 'already karpenter v1: copied unchanged');
      outputs.set(input, [input.doc]);
    } else if (!outputs.has(input)) {
      note(
        'warning',
        `${input.ref.apiVersion} ${input.ref.kind} is not a Karpenter resource spotctl converts: left out`,
      );
    }
  }

  const result: ConvertedFile[] = files.map((file) => {
    const mine = inputs.filter((input) => input.file === file.path && outputs.has(input));
    return {
      source: file.path,
      conversions: mine.map((input) => ({ from: input.ref, to: outputs.get(input)!.map(refOf) })),
      documents: mine.flatMap((input) => outputs.get(input)!),
    };
  });
  return { files: result, messages };
}

/** A converted file as YAML: provenance header, then the documents. */
export function stringifyConverted(file: ConvertedFile, ctx: { version: string; date: string }): string {
  const header = headerLine({
    ...ctx,
    source: `${file.source === '-' ? 'stdin' : file.source}, converted to Karpenter v1`,
  });
  if (file.documents.length === 0) return `# ${header}\n# Nothing in this file converts to Karpenter v1.\n`;
  return file.documents
    .map((object, i) => {
      const doc = buildDocument(object, undefined);
      if (i === 0) doc.commentBefore = ` ${header}`;
      return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    })
    .join('---\n');
}
