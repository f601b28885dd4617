/**
 * Generates src/data/crd-rule-trees.json: the syntax tree of every `x-kubernetes-validations` rule in
 * src/data/crd-rules.json, as @bufbuild/cel parses it (see src/core/manifests/crd/cel-trees.ts). Reads only
 * the committed CRD data, so it needs nothing from ../shared. Expressions are sorted, so a re-run writes
 * the same bytes.
 *
 * Usage: npm run data:cel [-- --check]
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { parse } from '@bufbuild/cel';

import { CEL_TREES_FORMAT, encodeTree, type CelTreeData } from '../src/core/manifests/crd/cel-trees.js';
import type { CrdCatalog, CrdSchema } from '../src/core/manifests/crd/types.js';

const INPUT = 'src/data/crd-rules.json';
const OUTPUT = 'src/data/crd-rule-trees.json';

/** Every rule expression of the catalog, once each, sorted. */
export function ruleExpressions(catalog: CrdCatalog): string[] {
  const found = new Set<string>();
  const walk = (schema: CrdSchema | undefined): void => {
    if (!schema) return;
    for (const rule of schema['x-kubernetes-validations'] ?? []) found.add(rule.rule);
    for (const child of Object.values(schema.properties ?? {})) walk(child);
    walk(schema.items);
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties);
  };
  for (const kind of Object.values(catalog.kinds)) walk(kind.schema);
  return [...found].sort();
}

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
  const text = serializeTrees(deriveTrees(committedCatalog()));
  if (process.argv.includes('--check')) {
    if (readFileSync(OUTPUT, 'utf8') !== text) {
      process.stderr.write(`${OUTPUT} is stale: run 'npm run data:cel' and commit.\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT, text);
    process.stdout.write(`wrote ${OUTPUT} (${Buffer.byteLength(text)} bytes)\n`);
  }
}
