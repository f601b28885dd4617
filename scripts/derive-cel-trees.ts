/**
 * Generates src/data/crd-rule-trees.json: the syntax tree of every `x-kubernetes-validations` rule in
 * src/data/crd-rules.json, as @bufbuild/cel parses it (see src/core/manifests/crd/cel-trees.ts). Reads only
 * the committed CRD data, so it needs nothing from ../shared. Expressions are sorted, so a re-run writes
 * the same bytes.
 *
 * Usage: npm run data:cel [-- --check]
 */
import { readFileSync } from 'node:fs';

import { parse } from '@bufbuild/cel';

import { CEL_TREES_FORMAT, encodeTree, type CelTreeData } from '../src/core/manifests/crd/cel-trees.js';
import { rulesOf } from '../src/core/manifests/crd/schema-rules.js';
import type { CrdCatalog } from '../src/core/manifests/crd/types.js';
import { writeOrCheck } from './derived-file.js';

const INPUT = 'src/data/crd-rules.json';
const OUTPUT = 'src/data/crd-rule-trees.json';

/** Every rule expression of the catalog, once each, sorted. */
export const ruleExpressions = (catalog: CrdCatalog): string[] =>
  [
    ...new Set(Object.values(catalog.kinds).flatMap((kind) => rulesOf(kind.schema).map((r) => r.rule))),
  ].sort();

export function deriveTrees(catalog: CrdCatalog): CelTreeData {
  const trees: Record<string, unknown> = {};
  for (const expression of ruleExpressions(catalog)) {
    try {
      trees[expression] = encodeTree(parse(expression).expr);
    } catch {
      // Left to the validator, which reports a rule it cannot parse.
    }
  }
  return { format: CEL_TREES_FORMAT, generator: 'scripts/derive-cel-trees.ts', trees };
}

export const serializeTrees = (data: CelTreeData): string => `${JSON.stringify(data)}\n`;

export const committedCatalog = (): CrdCatalog => JSON.parse(readFileSync(INPUT, 'utf8')) as CrdCatalog;

if (process.argv[1]?.endsWith('derive-cel-trees.ts')) {
  writeOrCheck(OUTPUT, serializeTrees(deriveTrees(committedCatalog())), 'data:cel');
}
