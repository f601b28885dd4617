/**
 * Where a violation is written in the YAML source, so lint can print `file:line:col`: the key of an
 * unknown field, the key of the object that lacks a required field, and otherwise the offending value
 * itself (its key when it is a whole map or list). A path that ends in something the file does not
 * contain (a defaulted field, a rule's `fieldPath`) points at the deepest part that is there.
 */
import { isMap, isSeq, type Node } from 'yaml';

import { deref, mapEntries, seqItems, spanOf, type TreeContext } from '../yaml-tree.js';
import type { Span } from '../types.js';
import type { Violation } from './types.js';

interface Step {
  /** The value node reached. */
  node: Node | null | undefined;
  /** The key node it sits under, for map entries. */
  keyNode?: Node;
}

/** The nodes along `path` from the document root, as far as the file has them. */
function walk(ctx: TreeContext, path: Violation['path']): Step[] {
  const steps: Step[] = [{ node: deref(ctx, ctx.doc.contents) }];
  for (const segment of path) {
    const current = steps[steps.length - 1]!.node;
    if (typeof segment === 'number') {
      if (!isSeq(deref(ctx, current))) break;
      const item = seqItems(ctx, current)[segment];
      if (item === undefined) break;
      steps.push({ node: item });
    } else {
      if (!isMap(deref(ctx, current))) break;
      // Of duplicate keys the last is the value the document has (as in its plain value).
      const entry = mapEntries(ctx, current).findLast((e) => e.key === segment);
      if (!entry) break;
      steps.push({ node: entry.value, keyNode: entry.keyNode });
    }
  }
  return steps;
}

/** The span to report `violation` at, in the document `ctx` was parsed from. */
export function violationSpan(ctx: TreeContext, violation: Pick<Violation, 'path' | 'keyword'>): Span {
  const { path, keyword } = violation;
  const steps = walk(ctx, path);
  const complete = steps.length === path.length + 1;
  const root = spanOf(ctx, steps[0]!.node);
  const at = (step: Step, preferKey: boolean): Span => {
    const scalar = step.node !== null && step.node !== undefined && !isMap(step.node) && !isSeq(step.node);
    if (step.keyNode && (preferKey || !scalar)) return spanOf(ctx, step.keyNode, root);
    return spanOf(ctx, step.node, root);
  };
  if (keyword === 'required') {
    // The field is missing: point at the object that should hold it.
    const parent = steps[Math.min(steps.length, path.length) - 1]!;
    return at(parent, true);
  }
  if (keyword === 'unknown-field' && complete) return at(steps[steps.length - 1]!, true);
  return at(steps[steps.length - 1]!, !complete);
}

/** Line and column (1-based) of `violation`, for `file:line:col`. */
export function violationPosition(
  ctx: TreeContext,
  violation: Pick<Violation, 'path' | 'keyword'>,
): { line: number; column: number } {
  const { line, column } = violationSpan(ctx, violation);
  return { line, column };
}
