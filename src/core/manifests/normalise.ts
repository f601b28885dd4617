/**
 * Normalising Karpenter documents of every API generation into one model. Field paths differ by
 * generation (v1alpha5 keeps requirements at `spec.requirements` and limits under `spec.limits.resources`;
 * v1beta1/v1 moved them under `spec.template.spec` and `spec.limits`), the model does not.
 */
import type { ParsedDocument, ParsedFile } from './parse.js';
import type {
  ApiGeneration,
  Budget,
  DisruptionSettings,
  DocumentRef,
  LimitEntry,
  Located,
  ManifestSet,
  NodeClassModel,
  NodePoolModel,
  NthValuesModel,
  Requirement,
  Span,
  Taint,
} from './types.js';
import {
  child,
  childKey,
  isMapNode,
  isSeqNode,
  mapEntries,
  path,
  scalarNumber,
  scalarString,
  scalarStyle,
  scalarValue,
  seqItems,
  spanOf,
  toValueTree,
  type TreeContext,
} from './yaml-tree.js';

const GENERATIONS: Record<string, ApiGeneration> = {
  'karpenter.sh/v1': 'v1',
  'karpenter.sh/v1beta1': 'v1beta1',
  'karpenter.sh/v1alpha5': 'v1alpha5',
};

const NODE_CLASS_API_VERSIONS: Record<string, NodeClassModel['kind']> = {
  'karpenter.k8s.aws/v1': 'EC2NodeClass',
  'karpenter.k8s.aws/v1beta1': 'EC2NodeClass',
  'karpenter.k8s.aws/v1alpha1': 'AWSNodeTemplate',
};

/** Keys only aws-node-termination-handler's chart uses: a values file with any of them is an NTH values file. */
export const NTH_MARKER_KEYS = new Set([
  'enableSqsTerminationDraining',
  'enableSpotInterruptionDraining',
  'enableRebalanceMonitoring',
  'enableRebalanceDraining',
  'enableScheduledEventDraining',
  'enableASGLifecycleDraining',
  'queueURL',
  'nodeTerminationGracePeriod',
  'podTerminationGracePeriod',
  'checkASGTagBeforeDraining',
  'checkTagBeforeDraining',
  'metadataTries',
  'cordonOnly',
  'taintNode',
]);
const NTH_UMBRELLA_KEY = 'aws-node-termination-handler';

/**
 * Turn parsed files into the model. Documents that are not Karpenter objects or NTH values are skipped
 * with a note; shape errors (a NodePool whose `spec` is a list…) become problems.
 */
export function normaliseFiles(files: ParsedFile[]): ManifestSet {
  const set: ManifestSet = {
    nodePools: [],
    nodeClasses: [],
    nthValues: [],
    problems: [],
    notes: [],
    files: [],
  };
  for (const file of files) {
    set.problems.push(...file.problems);
    set.files.push({ path: file.path, text: file.text, documents: file.documents.length });
    const content = file.documents.filter((doc) => !doc.empty);
    if (content.length === 0 && file.problems.length === 0) {
      set.notes.push(`${file.path}: empty file, nothing to read`);
      continue;
    }
    for (const document of content) normaliseDocument(file.path, document, set);
  }
  return set;
}

function normaliseDocument(file: string, document: ParsedDocument, set: ManifestSet): void {
  const { ctx } = document;
  const root = ctx.doc.contents;
  const where = `${file}${document.index > 0 ? ` (document ${document.index + 1})` : ''}`;
  if (!isMapNode(ctx, root)) {
    set.notes.push(`${where}: not a YAML mapping, skipped`);
    return;
  }
  const apiVersion = scalarString(ctx, child(ctx, root, 'apiVersion'));
  const kind = scalarString(ctx, child(ctx, root, 'kind'));
  const ref: DocumentRef = {
    file,
    index: document.index,
    span: spanOf(ctx, child(ctx, root, 'kind') ?? root),
  };
  if (apiVersion === undefined && kind === undefined) {
    const nth = nthValues(ctx, root, ref);
    if (nth) set.nthValues.push(nth);
    else
      set.notes.push(`${where}: no apiVersion/kind and not a node-termination-handler values file, skipped`);
    return;
  }
  const generation = apiVersion ? GENERATIONS[apiVersion] : undefined;
  if (generation && (kind === 'NodePool' || kind === 'Provisioner')) {
    if (generation === 'v1alpha5' ? kind !== 'Provisioner' : kind !== 'NodePool') {
      set.problems.push(shapeProblem(ref, `${kind} is not served by ${apiVersion}`));
      return;
    }
    const spec = child(ctx, root, 'spec');
    if (spec !== undefined && spec !== null && !isMapNode(ctx, spec)) {
      set.problems.push(shapeProblem({ ...ref, span: spanOf(ctx, spec) }, `${kind} spec must be a mapping`));
      return;
    }
    set.nodePools.push(nodePool(ctx, root, ref, kind, apiVersion!, generation));
    return;
  }
  const classKind = apiVersion ? NODE_CLASS_API_VERSIONS[apiVersion] : undefined;
  if (classKind && kind === classKind) {
    set.nodeClasses.push({ ref, kind: classKind, apiVersion: apiVersion!, name: metadataName(ctx, root) });
    return;
  }
  set.notes.push(
    `${where}: ${kind ? `${kind} (${apiVersion ?? 'no apiVersion'})` : `apiVersion ${apiVersion} without a kind`} is not a Karpenter manifest, skipped`,
  );
}

const shapeProblem = (ref: DocumentRef, message: string) => ({
  file: ref.file,
  line: ref.span.line,
  column: ref.span.column,
  code: 'manifest-shape' as const,
  message,
});

const metadataName = (ctx: TreeContext, root: unknown): string =>
  scalarString(ctx, path(ctx, root, ['metadata', 'name'])) ?? '(unnamed)';

function located<T>(
  ctx: TreeContext,
  node: unknown,
  read: (ctx: TreeContext, node: unknown) => T | undefined,
) {
  const value = read(ctx, node);
  return value === undefined ? undefined : ({ value, span: spanOf(ctx, node) } satisfies Located<T>);
}

function nodePool(
  ctx: TreeContext,
  root: unknown,
  ref: DocumentRef,
  kind: 'NodePool' | 'Provisioner',
  apiVersion: string,
  generation: ApiGeneration,
): NodePoolModel {
  const spec = child(ctx, root, 'spec');
  const legacy = generation === 'v1alpha5';
  const templateSpec = legacy ? spec : path(ctx, spec, ['template', 'spec']);
  const requirementsNode = child(ctx, templateSpec, 'requirements');
  const limitsNode = legacy ? path(ctx, spec, ['limits', 'resources']) : child(ctx, spec, 'limits');
  const labelsNode = legacy
    ? child(ctx, spec, 'labels')
    : path(ctx, spec, ['template', 'metadata', 'labels']);
  const providerRefNode = legacy ? child(ctx, spec, 'providerRef') : child(ctx, templateSpec, 'nodeClassRef');
  const providerName = scalarString(ctx, child(ctx, providerRefNode, 'name'));

  return {
    ref,
    kind,
    apiVersion,
    generation,
    name: metadataName(ctx, root),
    requirements: seqItems(ctx, requirementsNode).map((item) => requirement(ctx, item)),
    requirementsSpan: requirementsNode ? spanOf(ctx, requirementsNode) : undefined,
    labels: Object.fromEntries(
      mapEntries(ctx, labelsNode).map((entry) => [entry.key, scalarString(ctx, entry.value) ?? '']),
    ),
    taints: seqItems(ctx, child(ctx, templateSpec, 'taints')).map((item) => taint(ctx, item)),
    startupTaints: seqItems(ctx, child(ctx, templateSpec, 'startupTaints')).map((item) => taint(ctx, item)),
    limits: mapEntries(ctx, limitsNode).map((entry): LimitEntry => ({
      resource: entry.key,
      keySpan: spanOf(ctx, entry.keyNode),
      keyStyle: scalarStyle(entry.keyNode),
      raw: scalarString(ctx, entry.value) ?? '',
      valueSpan: spanOf(ctx, entry.value, spanOf(ctx, entry.keyNode)),
    })),
    limitsSpan: limitsNode ? spanOf(ctx, limitsNode) : undefined,
    disruption: disruption(ctx, spec, templateSpec, generation),
    weight: located(ctx, child(ctx, spec, 'weight'), scalarNumber),
    replicas: located(ctx, child(ctx, spec, 'replicas'), scalarNumber),
    inlineProvider:
      legacy && child(ctx, spec, 'provider') ? spanOf(ctx, childKey(ctx, spec, 'provider')) : undefined,
    nodeClassRef: providerName
      ? {
          name: providerName,
          kind: scalarString(ctx, child(ctx, providerRefNode, 'kind')),
          span: spanOf(ctx, providerRefNode),
        }
      : undefined,
  };
}

function requirement(ctx: TreeContext, item: unknown): Requirement {
  const keyNode = child(ctx, item, 'key');
  const operatorNode = child(ctx, item, 'operator');
  const valuesNode = child(ctx, item, 'values');
  const span = spanOf(ctx, item);
  return {
    key: scalarString(ctx, keyNode) ?? '',
    keySpan: spanOf(ctx, keyNode, span),
    keyStyle: scalarStyle(keyNode),
    operator: scalarString(ctx, operatorNode) ?? '',
    operatorSpan: spanOf(ctx, operatorNode, span),
    values: isSeqNode(ctx, valuesNode)
      ? seqItems(ctx, valuesNode).map((value) => ({
          value: scalarString(ctx, value) ?? '',
          span: spanOf(ctx, value, span),
          style: scalarStyle(value),
        }))
      : [],
    minValues: located(ctx, child(ctx, item, 'minValues'), scalarNumber),
    span,
  };
}

function taint(ctx: TreeContext, item: unknown): Taint {
  return {
    key: scalarString(ctx, child(ctx, item, 'key')) ?? '',
    value: scalarString(ctx, child(ctx, item, 'value')),
    effect: scalarString(ctx, child(ctx, item, 'effect')) ?? '',
    span: spanOf(ctx, item),
  };
}

function disruption(
  ctx: TreeContext,
  spec: unknown,
  templateSpec: unknown,
  generation: ApiGeneration,
): DisruptionSettings {
  if (generation === 'v1alpha5') {
    return {
      consolidationEnabled: located(ctx, path(ctx, spec, ['consolidation', 'enabled']), (c, n) => {
        const value = scalarValue(c, n);
        return typeof value === 'boolean' ? value : undefined;
      }),
      ttlSecondsAfterEmpty: located(ctx, child(ctx, spec, 'ttlSecondsAfterEmpty'), scalarNumber),
      ttlSecondsUntilExpired: located(ctx, child(ctx, spec, 'ttlSecondsUntilExpired'), scalarNumber),
      budgets: [],
    };
  }
  const node = child(ctx, spec, 'disruption');
  const budgetsNode = child(ctx, node, 'budgets');
  return {
    consolidationPolicy: located(ctx, child(ctx, node, 'consolidationPolicy'), scalarString),
    consolidateAfter: located(ctx, child(ctx, node, 'consolidateAfter'), scalarString),
    expireAfter:
      generation === 'v1'
        ? located(ctx, child(ctx, templateSpec, 'expireAfter'), scalarString)
        : located(ctx, child(ctx, node, 'expireAfter'), scalarString),
    budgets: seqItems(ctx, budgetsNode).map((item): Budget => ({
      nodes: scalarString(ctx, child(ctx, item, 'nodes')),
      schedule: scalarString(ctx, child(ctx, item, 'schedule')),
      duration: scalarString(ctx, child(ctx, item, 'duration')),
      span: spanOf(ctx, item),
    })),
    budgetsSpan: budgetsNode ? spanOf(ctx, budgetsNode) : undefined,
  };
}

function nthValues(ctx: TreeContext, root: unknown, ref: DocumentRef): NthValuesModel | undefined {
  const umbrella = child(ctx, root, NTH_UMBRELLA_KEY);
  const node = isMapNode(ctx, umbrella) ? umbrella : root;
  const keys = mapEntries(ctx, node).map((entry) => entry.key);
  if (!keys.some((key) => NTH_MARKER_KEYS.has(key))) return undefined;
  const tree = toValueTree(ctx, node);
  return tree.kind === 'map' ? { ref, values: tree } : undefined;
}

/** The span to point at for a whole document when nothing more precise exists. */
export const documentSpan = (pool: { ref: DocumentRef }): Span => pool.ref.span;
