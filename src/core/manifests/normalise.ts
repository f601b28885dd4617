/**
 * Normalising Karpenter documents of every API generation into one model. Field paths differ by
 * generation (v1alpha5 keeps requirements at `spec.requirements` and limits under `spec.limits.resources`;
 * v1beta1/v1 moved them under `spec.template.spec` and `spec.limits`), the model does not.
 */
import { isKnownKind, knownKinds } from './crd/catalog.js';
import { nearest } from '../text/nearest.js';
import type { ParsedDocument, ParsedFile } from './parse.js';
import type {
  ApiGeneration,
  Budget,
  DisruptionSettings,
  DocumentRef,
  LimitEntry,
  LoadProblem,
  Located,
  ManifestSet,
  NodeClassModel,
  NodeClassSettings,
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
 * with a note; shape errors (a NodePool whose `spec` is a list…) become problems. The items of a
 * `kind: List` (what `kubectl get … -o yaml` prints) are read as documents of their own.
 */
export function normaliseFiles(files: ParsedFile[]): ManifestSet {
  const set: ManifestSet = {
    nodePools: [],
    documents: [],
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

/** One object of a file: a document, or an item of a List document. */
interface ObjectAt {
  file: string;
  ctx: TreeContext;
  index: number;
  item?: number;
  node: unknown;
  value: unknown;
  path: Array<string | number>;
  /** How notes name it: `pools.yaml`, `pools.yaml (document 2)`, `pools.yaml (item 3)`. */
  where: string;
}

function normaliseDocument(file: string, document: ParsedDocument, set: ManifestSet): void {
  const { ctx, index, value } = document;
  const root = ctx.doc.contents;
  const where = `${file}${index > 0 ? ` (document ${index + 1})` : ''}`;
  const items = child(ctx, root, 'items');
  const isList =
    scalarString(ctx, child(ctx, root, 'kind')) === 'List' &&
    scalarString(ctx, child(ctx, root, 'apiVersion')) === 'v1' &&
    isSeqNode(ctx, items);
  if (!isList) {
    normaliseObject({ file, ctx, index, node: root, value, path: [], where }, set);
    return;
  }
  const values = ((value as { items?: unknown[] }).items ?? []) as unknown[];
  seqItems(ctx, items).forEach((node, item) =>
    normaliseObject(
      {
        file,
        ctx,
        index,
        item,
        node,
        value: values[item],
        path: ['items', item],
        where: `${where} (item ${item + 1})`,
      },
      set,
    ),
  );
}

function normaliseObject(at: ObjectAt, set: ManifestSet): void {
  const { ctx, node: root, where } = at;
  if (!isMapNode(ctx, root)) {
    set.notes.push(`${where}: not a YAML mapping, skipped`);
    return;
  }
  const apiVersionNode = child(ctx, root, 'apiVersion');
  const apiVersion = scalarString(ctx, apiVersionNode);
  const kind = scalarString(ctx, child(ctx, root, 'kind'));
  const ref: DocumentRef = {
    file: at.file,
    index: at.index,
    ...(at.item !== undefined ? { item: at.item } : {}),
    span: spanOf(ctx, child(ctx, root, 'kind') ?? root),
    ...(apiVersionNode ? { apiVersionSpan: spanOf(ctx, apiVersionNode) } : {}),
  };
  if (apiVersion === undefined && kind === undefined) {
    const nth = at.item === undefined ? nthValues(ctx, root, ref) : undefined;
    if (nth) set.nthValues.push(nth);
    else
      set.notes.push(`${where}: no apiVersion/kind and not a node-termination-handler values file, skipped`);
    return;
  }
  const known = apiVersion !== undefined && kind !== undefined && isKnownKind(apiVersion, kind);
  if (known) {
    set.documents.push({
      ref,
      apiVersion,
      kind,
      name: metadataName(ctx, root),
      value: at.value,
      ctx,
      path: at.path,
    });
  } else if (apiVersion !== undefined && kind !== undefined) {
    const unserved = unservedKarpenterKind(apiVersion, kind);
    if (unserved) {
      set.problems.push({ ...shapeProblem(ref, unserved.message), fix: unserved.fix });
      return;
    }
  }
  const generation = apiVersion ? GENERATIONS[apiVersion] : undefined;
  if (known && generation && (kind === 'NodePool' || kind === 'Provisioner')) {
    const spec = child(ctx, root, 'spec');
    if (spec !== undefined && spec !== null && !isMapNode(ctx, spec)) {
      set.problems.push({
        ...shapeProblem({ ...ref, span: spanOf(ctx, spec) }, `${kind} spec must be a mapping`),
        alsoBySchema: ref,
      });
      return;
    }
    set.nodePools.push(nodePool(ctx, root, ref, kind, apiVersion!, generation));
    return;
  }
  const classKind = apiVersion ? NODE_CLASS_API_VERSIONS[apiVersion] : undefined;
  if (classKind && kind === classKind) {
    const spec = child(ctx, root, 'spec');
    set.nodeClasses.push({
      ref,
      kind: classKind,
      apiVersion: apiVersion!,
      name: metadataName(ctx, root),
      settings: nodeClassSettings(ctx, isMapNode(ctx, spec) ? spec : undefined),
    });
    return;
  }
  if (known) return;
  set.notes.push(
    `${where}: ${kind ? `${kind} (${apiVersion ?? 'no apiVersion'})` : `apiVersion ${apiVersion} without a kind`} is not a Karpenter manifest, skipped`,
  );
}

const KARPENTER_GROUPS = new Set(['karpenter.sh', 'karpenter.k8s.aws']);

/**
 * A Karpenter API group with a kind it does not serve in that version (`NodePool` in v1alpha5, `Nodepool`,
 * `EC2NodeClass` in karpenter.sh): kubectl refuses it, so it is a problem, not a skipped document. Kinds
 * spotctl has no CRD for at all (NodeOverlay, …) are left alone.
 */
function unservedKarpenterKind(
  apiVersion: string,
  kind: string,
): { message: string; fix: string } | undefined {
  if (!KARPENTER_GROUPS.has(apiVersion.split('/')[0]!)) return undefined;
  const kinds = knownKinds();
  const names = [...new Set(kinds.map((k) => k.kind))];
  const meant =
    names.find((name) => name === kind) ??
    names.find((name) => name.toLowerCase() === kind.toLowerCase()) ??
    nearest(kind, names, 1, 2)[0];
  if (!meant) return undefined;
  const served = kinds
    .filter((k) => k.kind === meant)
    .map((k) => k.apiVersion)
    .reverse();
  return {
    message: `no matches for kind "${kind}" in version "${apiVersion}"`,
    fix: `${meant === kind ? '' : `Did you mean ${meant}? `}${meant} is served as ${served.join(', then ')} (newest first).`,
  };
}

const shapeProblem = (ref: DocumentRef, message: string): LoadProblem => ({
  file: ref.file,
  line: ref.span.line,
  column: ref.span.column,
  code: 'manifest-shape',
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
    labelSpans: Object.fromEntries(
      mapEntries(ctx, labelsNode).map((entry) => [entry.key, spanOf(ctx, entry.keyNode)]),
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
    providerSettings:
      legacy && isMapNode(ctx, child(ctx, spec, 'provider'))
        ? nodeClassSettings(ctx, child(ctx, spec, 'provider'))
        : undefined,
    providerRefSpan:
      legacy && childKey(ctx, spec, 'providerRef')
        ? spanOf(ctx, childKey(ctx, spec, 'providerRef'))
        : undefined,
    nodeClassRef: providerName
      ? {
          name: providerName,
          kind: scalarString(ctx, child(ctx, providerRefNode, 'kind')),
          span: spanOf(ctx, providerRefNode),
        }
      : undefined,
  };
}

/** What a node class spec (or an inline provider block) sets, for the node-class rules. */
function nodeClassSettings(ctx: TreeContext, spec: unknown): NodeClassSettings {
  const terms = seqItems(ctx, child(ctx, spec, 'amiSelectorTerms'));
  const aliases = terms.flatMap((term) => {
    const alias = located(ctx, child(ctx, term, 'alias'), scalarString);
    return alias ? [alias] : [];
  });
  const launchTemplate = childKey(ctx, spec, 'launchTemplate');
  return {
    amiFamily: located(ctx, child(ctx, spec, 'amiFamily'), scalarString),
    amiAliases: aliases,
    amiSelected: mapEntries(ctx, child(ctx, spec, 'amiSelector')).length > 0 || terms.length > aliases.length,
    userData: located(ctx, child(ctx, spec, 'userData'), scalarString),
    launchTemplate: launchTemplate ? spanOf(ctx, launchTemplate) : undefined,
    tags: mapEntries(ctx, child(ctx, spec, 'tags')).map((entry) => ({
      key: entry.key,
      keySpan: spanOf(ctx, entry.keyNode),
    })),
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
    ...(valuesNode !== undefined && valuesNode !== null && !isSeqNode(ctx, valuesNode)
      ? { valuesMalformed: true }
      : {}),
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
