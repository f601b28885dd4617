/**
 * Reading a parsed YAML document as a tree of located nodes. Aliases are followed one hop at a time (the
 * document was already checked against the alias limit), so a value reached through `*anchor` reports
 * the anchor's position — where the user would edit it.
 */
import { isAlias, isMap, isScalar, isSeq, type Node, Scalar } from 'yaml';

import type { ScalarStyle, Span, TreeContext, ValueTree } from './types.js';

export type { TreeContext };

type AnyNode = Node | null | undefined;

/** Follow aliases to the node they name (at most a few hops: an alias of an alias is legal YAML). */
export function deref(ctx: TreeContext, node: unknown): AnyNode {
  let current = node as AnyNode;
  for (let hops = 0; hops < 8 && isAlias(current); hops++) current = current.resolve(ctx.doc) as AnyNode;
  return isAlias(current) ? undefined : current;
}

export function spanOf(ctx: TreeContext, node: unknown, fallback?: Span): Span {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!range) return fallback ?? { line: 1, column: 1, start: 0, end: 0 };
  const { line, col } = ctx.lineCounter.linePos(range[0]);
  return { line, column: col, start: range[0], end: range[1] };
}

export function scalarStyle(node: unknown): ScalarStyle {
  if (!isScalar(node)) return 'plain';
  switch (node.type) {
    case Scalar.QUOTE_DOUBLE:
      return 'double';
    case Scalar.QUOTE_SINGLE:
      return 'single';
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL:
      return 'block';
    default:
      return 'plain';
  }
}

export interface MapEntry {
  key: string;
  keyNode: Node;
  value: AnyNode;
}

/** Entries of a map node with string-ish keys; anything else yields none. */
export function mapEntries(ctx: TreeContext, node: unknown): MapEntry[] {
  const map = deref(ctx, node);
  if (!isMap(map)) return [];
  const entries: MapEntry[] = [];
  for (const pair of map.items) {
    const keyNode = deref(ctx, pair.key);
    if (!isScalar(keyNode)) continue;
    entries.push({ key: String(keyNode.value), keyNode, value: deref(ctx, pair.value) });
  }
  return entries;
}

export function isMapNode(ctx: TreeContext, node: unknown): boolean {
  return isMap(deref(ctx, node));
}

export function seqItems(ctx: TreeContext, node: unknown): AnyNode[] {
  const seq = deref(ctx, node);
  return isSeq(seq) ? seq.items.map((item) => deref(ctx, item)) : [];
}

export function isSeqNode(ctx: TreeContext, node: unknown): boolean {
  return isSeq(deref(ctx, node));
}

/**
 * The value node under `key` in a map node. Of duplicate keys (reported as a problem) the last counts, as
 * it does in the document's plain value.
 */
export function child(ctx: TreeContext, node: unknown, key: string): AnyNode {
  return mapEntries(ctx, node).findLast((entry) => entry.key === key)?.value;
}

/** The key node for `key` in a map node (for spans of keys). */
export function childKey(ctx: TreeContext, node: unknown, key: string): Node | undefined {
  return mapEntries(ctx, node).findLast((entry) => entry.key === key)?.keyNode;
}

export function path(ctx: TreeContext, node: unknown, keys: string[]): AnyNode {
  let current: AnyNode = deref(ctx, node);
  for (const key of keys) {
    current = child(ctx, current, key);
    if (current === undefined || current === null) return current;
  }
  return current;
}

/** A scalar's value, or undefined for maps, lists and missing nodes. */
export function scalarValue(ctx: TreeContext, node: unknown): unknown {
  const resolved = deref(ctx, node);
  return isScalar(resolved) ? resolved.value : undefined;
}

/** A scalar as a string (numbers and booleans as written), or undefined. */
export function scalarString(ctx: TreeContext, node: unknown): string | undefined {
  const resolved = deref(ctx, node);
  if (!isScalar(resolved) || resolved.value === null || resolved.value === undefined) return undefined;
  if (typeof resolved.source === 'string' && resolved.type === Scalar.PLAIN) return resolved.source;
  return String(resolved.value);
}

export function scalarNumber(ctx: TreeContext, node: unknown): number | undefined {
  const value = scalarValue(ctx, node);
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** Convert a node into a located value tree (for values files, whose shape is free-form). */
export function toValueTree(ctx: TreeContext, node: unknown, depth = 0): ValueTree {
  const resolved = deref(ctx, node);
  const span = spanOf(ctx, resolved);
  if (depth > 64) return { kind: 'scalar', span, value: undefined };
  if (isMap(resolved)) {
    return {
      kind: 'map',
      span,
      entries: mapEntries(ctx, resolved).map((entry) => ({
        key: entry.key,
        keySpan: spanOf(ctx, entry.keyNode),
        value: toValueTree(ctx, entry.value, depth + 1),
      })),
    };
  }
  if (isSeq(resolved)) {
    return {
      kind: 'seq',
      span,
      items: seqItems(ctx, resolved).map((item) => toValueTree(ctx, item, depth + 1)),
    };
  }
  return { kind: 'scalar', span, value: isScalar(resolved) ? resolved.value : undefined };
}
