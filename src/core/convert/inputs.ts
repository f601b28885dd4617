/**
 * Reading what convert converts, refusing what it cannot read safely: YAML that does not parse, alias
 * bombs and duplicate keys, documents that are not objects, and values of the wrong shape (a scalar where
 * a list belongs…) in any Karpenter document or inline provider block — each an input error naming the
 * file, line, column and field, never a crash halfway through a conversion.
 */
import { inputError } from '../errors.js';
import { isKnownKind, validateManifest, violationPosition, type Violation } from '../manifests/crd/index.js';
import { parseYamlFile } from '../manifests/parse.js';
import type { LoadProblem, TreeContext } from '../manifests/types.js';
import { child, isMapNode, isSeqNode, scalarString, seqItems } from '../manifests/yaml-tree.js';
import type { Obj, ResourceRef, SourceFile } from './types.js';

export interface Input {
  file: string;
  /** Document index in the file, and item index for the items of a `kind: List`. */
  index: number;
  item?: number;
  doc: Obj;
  /** `apiVersion/kind`. */
  id: string;
  ref: ResourceRef;
}

interface Located {
  file: string;
  ctx: TreeContext;
  /** Where the object is in its YAML document. */
  path: Array<string | number>;
}

export const refOf = (doc: Obj): ResourceRef => ({
  apiVersion: String(doc.apiVersion ?? ''),
  kind: String(doc.kind ?? ''),
  name: String((doc.metadata as Obj | undefined)?.name ?? ''),
});

const PROBLEM_CODES: Record<LoadProblem['code'], string> = {
  'yaml-syntax': 'INVALID_YAML',
  'yaml-alias-limit': 'YAML_ALIAS_LIMIT',
  'yaml-duplicate-key': 'YAML_DUPLICATE_KEY',
  'manifest-shape': 'MALFORMED_MANIFEST',
};

const isObject = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object as the server decodes it: a `null` field is dropped (no Karpenter field is nullable). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

const SHAPES: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  'integer,string': 'a number or a string',
};
const shape = (type: string) => SHAPES[type] ?? type;

/** `spec.requirements[0].values must be a list, not a string` from the server's type message. */
function shapeMessage(violation: Violation): string {
  const m = /^(\S+): Invalid value: "[^"]*": \S+ in body must be of type ([\w,]+): "([\w,]+)"$/.exec(
    violation.message,
  );
  return m ? `${m[1]} must be ${shape(m[2]!)}, not ${shape(m[3]!)}` : violation.message;
}

/**
 * The wrong-shape values of one object (`type` violations of its CRD schema), and of its inline provider
 * block, which the Provisioner CRD leaves open but an AWSNodeTemplate spec defines.
 */
function shapeErrors(doc: Obj, ref: ResourceRef): Violation[] {
  if (!isKnownKind(ref.apiVersion, ref.kind)) return [];
  // Only the schema's type checks matter here; the CEL rules are run on what convert writes.
  const own = validateManifest(doc, ref.apiVersion, ref.kind, { cel: false }).filter(
    (v) => v.keyword === 'type',
  );
  const provider = ref.kind === 'Provisioner' && isObject(doc.spec) ? doc.spec.provider : undefined;
  if (!isObject(provider)) return own;
  const { apiVersion: _a, kind: _k, ...spec } = provider;
  const template = {
    apiVersion: 'karpenter.k8s.aws/v1alpha1',
    kind: 'AWSNodeTemplate',
    metadata: { name: 'provider' },
    spec,
  };
  const inline = validateManifest(template, template.apiVersion, template.kind, { cel: false })
    .filter((v) => v.keyword === 'type' && v.path[0] === 'spec')
    .map((v) => ({
      ...v,
      path: ['spec', 'provider', ...v.path.slice(1)],
      message: v.message.replaceAll('spec.', 'spec.provider.'),
    }));
  return [...own, ...inline];
}

/** The objects of one parsed document: itself, or the items of a `kind: List`. */
function objectsOf(file: string, ctx: TreeContext, value: unknown): Array<Located & { value: unknown }> {
  const root = ctx.doc.contents;
  const items = child(ctx, root, 'items');
  const isList =
    scalarString(ctx, child(ctx, root, 'kind')) === 'List' &&
    scalarString(ctx, child(ctx, root, 'apiVersion')) === 'v1' &&
    isSeqNode(ctx, items);
  if (!isList) return [{ file, ctx, path: [], value }];
  const values = ((value as Obj).items ?? []) as unknown[];
  return seqItems(ctx, items).map((_, i) => ({ file, ctx, path: ['items', i], value: values[i] }));
}

/**
 * Parse every document of every file, and check the shape of every Karpenter object in them.
 * @throws SpotctlError INVALID_YAML, NOT_A_MANIFEST or MALFORMED_MANIFEST (input, exit 3), naming the
 *   place of the first problem and how many more there are.
 */
export function readInputs(files: SourceFile[]): Input[] {
  const inputs: Input[] = [];
  const malformed: string[] = [];
  for (const file of files) {
    const parsed = parseYamlFile(file.path, file.text);
    const problem = parsed.problems[0];
    if (problem) {
      const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
      throw inputError(
        PROBLEM_CODES[problem.code],
        `${file.path}:${problem.line}:${problem.column}: ${problem.message}${more}`,
        {
          suggestions: [
            'Fix the YAML (spotctl lint shows every problem with its position), then convert again.',
          ],
        },
      );
    }
    for (const document of parsed.documents.filter((d) => !d.empty)) {
      for (const [i, object] of objectsOf(file.path, document.ctx, document.value).entries()) {
        const where =
          object.path.length > 0
            ? `item ${i + 1} of document ${document.index + 1}`
            : `document ${document.index + 1}`;
        if (!isObject(object.value) || !isMapNode(object.ctx, nodeAt(object))) {
          throw inputError('NOT_A_MANIFEST', `${file.path}: ${where} is not a Kubernetes object`, {
            suggestions: ['Pass Karpenter manifests (Provisioner, AWSNodeTemplate, NodePool, EC2NodeClass).'],
          });
        }
        const doc = withoutNulls(object.value) as Obj;
        const ref = refOf(doc);
        for (const violation of shapeErrors(doc, ref)) {
          const { line, column } = violationPosition(object.ctx, {
            path: [...object.path, ...violation.path],
            keyword: violation.keyword,
          });
          malformed.push(
            `${file.path}:${line}:${column}: ${ref.kind}/${ref.name} ${shapeMessage(violation)}`,
          );
        }
        inputs.push({
          file: file.path,
          index: document.index,
          ...(object.path.length > 0 ? { item: i } : {}),
          doc,
          id: `${ref.apiVersion}/${ref.kind}`,
          ref,
        });
      }
    }
  }
  if (malformed.length > 0) {
    const more = malformed.length > 1 ? ` (and ${malformed.length - 1} more)` : '';
    throw inputError('MALFORMED_MANIFEST', `${malformed[0]}${more}`, {
      suggestions: [
        'Write the value in the shape the CRD of its apiVersion expects (a list is [a, b] or one "- item" per line); spotctl lint shows every problem.',
      ],
    });
  }
  return inputs;
}

const nodeAt = (object: Located) =>
  object.path.length === 0
    ? object.ctx.doc.contents
    : seqItems(object.ctx, child(object.ctx, object.ctx.doc.contents, 'items'))[object.path[1] as number];
