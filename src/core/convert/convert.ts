/**
 * `spotctl convert`: Karpenter v1alpha5 (Provisioner + AWSNodeTemplate or inline provider) and v1beta1
 * (NodePool + EC2NodeClass) manifests → v1. Karpenter's own converter only ever did alpha → beta and was
 * removed in v0.33; nothing converts beta → v1. Documents are linked across files (a Provisioner's
 * providerRef, a NodePool's kubelet moving to its EC2NodeClass), so all files are converted together.
 * Every object written is checked against the v1 CRDs (schema and CEL rules) first: one the API server
 * would reject, or one only the user can complete, is refused with the reasons instead.
 */
import { isScalar, Scalar, visit, type Document } from 'yaml';

import { buildDocument, headerLine } from '../emit/document.js';
import { inputError } from '../errors.js';
import { isKnownKind, validateManifest } from '../manifests/crd/index.js';
import { isNotChecked } from '../manifests/validate-texts.js';
import { readInputs, refOf, type Input } from './inputs.js';
import { nodeClassSpecFromAlpha, nodeClassSpecFromBeta, type Note } from './node-class.js';
import { convertKubelet, metadataOf, nodePoolFromBeta, nodePoolFromProvisioner } from './node-pool.js';
import type {
  ConvertMessage,
  ConvertOptions,
  ConvertResult,
  ConvertedFile,
  Obj,
  RefusedObject,
  SourceFile,
} from './types.js';

const PROVISIONER = 'karpenter.sh/v1alpha5/Provisioner';
const NODE_TEMPLATE = 'karpenter.k8s.aws/v1alpha1/AWSNodeTemplate';
const BETA_POOL = 'karpenter.sh/v1beta1/NodePool';
const BETA_CLASS = 'karpenter.k8s.aws/v1beta1/EC2NodeClass';
const V1_POOL = 'karpenter.sh/v1/NodePool';
const V1_CLASS = 'karpenter.k8s.aws/v1/EC2NodeClass';
const CONVERTIBLE = new Set([PROVISIONER, NODE_TEMPLATE, BETA_POOL, BETA_CLASS, V1_POOL, V1_CLASS]);

const nodeClassRef = (name: string): Obj => ({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name });
const setNodeClassRef = (pool: Obj, name: string) => {
  (((pool.spec as Obj).template as Obj).spec as Obj).nodeClassRef = nodeClassRef(name);
};

/**
 * Convert the files. Pure: text in, objects and messages out (the command writes or prints them).
 * @throws SpotctlError (input) for YAML or values it cannot read safely, or when nothing in the files is a
 *   Karpenter resource spotctl converts.
 */
export function convertManifests(files: SourceFile[], options: ConvertOptions = {}): ConvertResult {
  const inputs = readInputs(files);
  if (!inputs.some((input) => CONVERTIBLE.has(input.id))) {
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
  const run = new Conversion(options);
  for (const input of inputs) run.nodeClass(input);
  for (const input of inputs) run.pool(input);
  return run.result(files, inputs);
}

class Conversion {
  readonly messages: ConvertMessage[] = [];
  /** Node classes by name (pools reference them, and their kubelet settings move into them). */
  private readonly classes = new Map<string, { input: Input; object: Obj; kubeletFrom?: string }>();
  private readonly outputs = new Map<Input, Obj[]>();
  /** What only the user can decide, per object: such an object is refused. */
  private readonly decisions = new Map<Obj, string[]>();

  constructor(private readonly options: ConvertOptions) {}

  /** Messages about `input`; `decide` ones are collected for `decisions` (the object being built). */
  private noteFor(input: Input, decisions?: string[], prefix = ''): Note {
    return (level, message, field) => {
      const at = prefix ? `${prefix}${field ? `.${field}` : ''}` : field;
      if (level === 'decide') {
        decisions?.push(`${at ? `${at}: ` : ''}${message}`);
        return;
      }
      this.messages.push({
        level,
        file: input.file,
        resource: `${input.ref.kind}/${input.ref.name}`,
        ...(at ? { field: at } : {}),
        message,
      });
    };
  }

  nodeClass(input: Input): void {
    if (input.id !== NODE_TEMPLATE && input.id !== BETA_CLASS) return;
    const decisions: string[] = [];
    const note = this.noteFor(input, decisions);
    const spec = (input.doc.spec ?? {}) as Obj;
    const object: Obj = {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: metadataOf(input.doc, note),
      spec:
        input.id === NODE_TEMPLATE
          ? nodeClassSpecFromAlpha(spec, this.options, note)
          : nodeClassSpecFromBeta(spec, this.options, note),
    };
    this.decisions.set(object, decisions);
    this.classes.set(input.ref.name, { input, object });
    this.outputs.set(input, [object]);
  }

  /** Put a pool's kubelet into its node class; a class shared by pools with different kubelets is copied. */
  private attachKubelet(input: Input, className: string, kubelet: Obj, out: Obj[]): string {
    const note = this.noteFor(input);
    const target = this.classes.get(className);
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
    this.decisions.set(copy, [...(this.decisions.get(target.object) ?? [])]);
    this.classes.set(copyName, { input, object: copy, kubeletFrom: input.ref.name });
    out.push(copy);
    note(
      'warning',
      `EC2NodeClass ${className} already carries ${target.kubeletFrom}'s different kubelet settings: this pool gets its own copy, ${copyName}`,
      'kubelet',
    );
    return copyName;
  }

  pool(input: Input): void {
    const note = this.noteFor(input);
    if (input.id === PROVISIONER) this.provisioner(input);
    else if (input.id === BETA_POOL) {
      const decisions: string[] = [];
      const { pool, nodeClassName, kubelet } = nodePoolFromBeta(input.doc, this.noteFor(input, decisions));
      this.decisions.set(pool, decisions);
      const out: Obj[] = [];
      if (kubelet) setNodeClassRef(pool, this.attachKubelet(input, nodeClassName, kubelet, out));
      this.outputs.set(input, [pool, ...out]);
    } else if (input.id === V1_POOL || input.id === V1_CLASS) {
      note('info', 'already karpenter v1: copied unchanged');
      this.outputs.set(input, [input.doc]);
    } else if (!this.outputs.has(input)) {
      note(
        'warning',
        `${input.ref.apiVersion} ${input.ref.kind} is not a Karpenter resource spotctl converts: left out`,
      );
    }
  }

  private provisioner(input: Input): void {
    const decisions: string[] = [];
    const note = this.noteFor(input, decisions);
    const spec = (input.doc.spec ?? {}) as Obj;
    const out: Obj[] = [];
    const refName = (spec.providerRef as Obj | undefined)?.name;
    let className: string;
    if (spec.provider !== undefined) {
      className = this.classes.has(input.ref.name) ? `${input.ref.name}-provider` : input.ref.name;
      if (spec.providerRef !== undefined)
        note('warning', 'both provider and providerRef: used the inline provider', 'spec.provider');
      const classDecisions: string[] = [];
      const object: Obj = {
        apiVersion: 'karpenter.k8s.aws/v1',
        kind: 'EC2NodeClass',
        metadata: { name: className },
        spec: nodeClassSpecFromAlpha(
          spec.provider as Obj,
          this.options,
          this.noteFor(input, classDecisions, 'spec.provider'),
        ),
      };
      this.decisions.set(object, classDecisions);
      this.classes.set(className, { input, object });
      out.push(object);
      note('info', `inline provider (deprecated) became EC2NodeClass ${className}`, 'spec.provider');
    } else if (typeof refName === 'string' && refName !== '') {
      className = refName;
      if (!this.classes.has(className))
        note(
          'warning',
          `AWSNodeTemplate ${className} is not in these files: convert it too`,
          'spec.providerRef',
        );
    } else {
      className = input.ref.name;
      note(
        'decide',
        'no provider and no providerRef name: say which node template it uses (providerRef.name), or convert it with its AWSNodeTemplate',
        'spec',
      );
    }
    const pool = nodePoolFromProvisioner(input.doc, className, this.options, note);
    this.decisions.set(pool, decisions);
    if (spec.kubeletConfiguration) {
      const kubelet = convertKubelet(spec.kubeletConfiguration as Obj, note, 'spec.kubeletConfiguration');
      if (kubelet) setNodeClassRef(pool, this.attachKubelet(input, className, kubelet, out));
    }
    this.outputs.set(input, [pool, ...out]);
  }

  /** Why `object` is not written: what the user must decide, else what the API server would reject. */
  private refusal(object: Obj): string[] {
    const decided = this.decisions.get(object) ?? [];
    if (decided.length > 0) return decided;
    const { apiVersion, kind } = refOf(object);
    if (!isKnownKind(apiVersion, kind)) return [];
    return validateManifest(object, apiVersion, kind)
      .filter((v) => !isNotChecked(v))
      .map((v) => `the API server would reject it: ${v.message}`);
  }

  result(files: SourceFile[], inputs: Input[]): ConvertResult {
    const converted: ConvertedFile[] = files.map((file) => {
      const mine = inputs.filter((input) => input.file === file.path && this.outputs.has(input));
      const refused: RefusedObject[] = [];
      const conversions = mine.map((input) => {
        const kept: Obj[] = [];
        for (const object of this.outputs.get(input)!) {
          const reasons = this.refusal(object);
          if (reasons.length > 0)
            refused.push({ file: file.path, from: input.ref, object: refOf(object), reasons });
          else kept.push(object);
        }
        return { input, kept };
      });
      return {
        source: file.path,
        conversions: conversions.map(({ input, kept }) => ({ from: input.ref, to: kept.map(refOf) })),
        documents: conversions.flatMap(({ kept }) => kept),
        refused,
      };
    });
    this.danglingReferences(converted);
    return { files: converted, messages: this.messages };
  }

  /** A NodePool whose EC2NodeClass was refused points at a class that will not exist: say so. */
  private danglingReferences(files: ConvertedFile[]): void {
    const refusedClasses = new Set(
      files
        .flatMap((f) => f.refused)
        .filter((r) => r.object.kind === 'EC2NodeClass')
        .map((r) => r.object.name),
    );
    const written = new Set(
      files
        .flatMap((f) => f.documents)
        .filter((d) => d.kind === 'EC2NodeClass')
        .map((d) => refOf(d).name),
    );
    for (const file of files) {
      for (const doc of file.documents.filter((d) => d.kind === 'NodePool')) {
        const name = ((((doc.spec as Obj).template as Obj).spec as Obj).nodeClassRef as Obj | undefined)
          ?.name;
        if (typeof name === 'string' && refusedClasses.has(name) && !written.has(name)) {
          this.messages.push({
            level: 'warning',
            file: file.source,
            resource: `NodePool/${refOf(doc).name}`,
            field: 'spec.template.spec.nodeClassRef',
            message: `EC2NodeClass ${name} is not converted either: this NodePool launches nothing until it exists`,
          });
        }
      }
    }
  }
}

const comment = (text: string) =>
  text
    .split('\n')
    .map((line) => `# ${line}`)
    .join('\n');

/** Where a refused object would have been, for someone reading the converted file. */
const refusedBlock = (file: ConvertedFile): string =>
  file.refused
    .map(
      (r) =>
        `${comment(`${r.object.kind}/${r.object.name} (from ${r.from.kind}/${r.from.name}) is not converted:`)}\n${r.reasons.map((reason) => comment(`  - ${reason.replace(/\n/g, ' ')}`)).join('\n')}\n`,
    )
    .join('');

/**
 * A multi-line value with a line that starts with `::` (a GitHub Actions workflow command) is written as
 * one double-quoted line, so the manifest is printed faithfully and no output line can run as a command.
 */
function quoteCommandLines(doc: Document): void {
  visit(doc, {
    Scalar: (_, node) => {
      if (isScalar(node) && typeof node.value === 'string' && /(^|\n)\s*::/.test(node.value))
        node.type = Scalar.QUOTE_DOUBLE;
    },
  });
}

/** A converted file as YAML: provenance header, then the documents, then what was refused (as comments). */
export function stringifyConverted(file: ConvertedFile, ctx: { version: string; date: string }): string {
  const header = headerLine({
    ...ctx,
    source: `${file.source === '-' ? 'stdin' : file.source}, converted to Karpenter v1`,
  });
  const refused = file.refused.length > 0 ? refusedBlock(file) : '';
  if (file.documents.length === 0)
    return `# ${header}\n# Nothing in this file converts to Karpenter v1.\n${refused}`;
  const body = file.documents
    .map((object, i) => {
      const doc = buildDocument(object, undefined);
      quoteCommandLines(doc);
      if (i === 0) doc.commentBefore = ` ${header}`;
      return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
    })
    .join('---\n');
  return refused ? `${body}---\n${refused}` : body;
}
