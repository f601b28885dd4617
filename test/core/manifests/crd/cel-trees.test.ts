/**
 * The stored syntax trees of the CRD rules (src/data/crd-rule-trees.json) stand in for parsing them: they
 * must be exactly what @bufbuild/cel parses from each rule today, and decode to the same values, BigInts
 * and absent-but-declared fields included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';

import {
  committedCatalog,
  deriveTrees,
  ruleExpressions,
  serializeTrees,
} from '../../../../scripts/derive-cel-trees.js';
import { decodeTree, encodeTree } from '../../../../src/core/manifests/crd/cel-trees.js';
import { storedTree, usesOldSelf } from '../../../../src/core/manifests/crd/cel.js';
import { repoRoot } from '../../../helpers/shared.js';

const expressions = ruleExpressions(committedCatalog());

/** The definition usesOldSelf had when it walked the whole parse result. */
const namesOldSelf = (node: unknown): boolean =>
  typeof node === 'object' &&
  node !== null &&
  (((node as { case?: unknown }).case === 'identExpr' &&
    (node as { value?: { name?: unknown } }).value?.name === 'oldSelf') ||
    Object.values(node).some(namesOldSelf));

describe('stored CEL trees', () => {
  it('the committed src/data/crd-rule-trees.json is what the parser makes of every rule today', () => {
    const committed = readFileSync(join(repoRoot, 'src/data/crd-rule-trees.json'), 'utf8');
    expect(serializeTrees(deriveTrees(committedCatalog()))).toBe(committed);
  });

  it('every rule of the shipped CRDs reads back as the tree parsing it gives', () => {
    expect(expressions.length).toBeGreaterThan(50);
    for (const expression of expressions)
      expect(storedTree(expression), expression).toStrictEqual(parse(expression).expr);
  });

  it('whether a rule reads oldSelf is decided as before, from the stored tree', () => {
    const transitions = expressions.filter((e) => usesOldSelf(e));
    expect(transitions.length).toBeGreaterThan(0);
    for (const expression of expressions)
      expect(usesOldSelf(expression), expression).toBe(namesOldSelf(parse(expression)));
  });

  it('keeps BigInts, bytes and declared-but-undefined fields through JSON', () => {
    // Given a parse with an int64 and a uint64 constant, a bytes literal, and macro calls recorded
    // without a target
    const tree = parse(
      "size(self) < 5 && self.n == 18446744073709551615u && b'\\x00\\xffab' != b'' && self.all(x, x > 0)",
    );
    // When encoded to JSON and decoded
    const back = decodeTree(JSON.parse(JSON.stringify(encodeTree(tree))));
    // Then it is the same tree, strictly
    expect(back).toStrictEqual(tree);
    expect(JSON.stringify(encodeTree(tree))).toMatch(/"\$n":"18446744073709551615".*"\$b":"AP9hYg=="/s);
    expect(JSON.stringify(encodeTree(tree))).toContain('"$u":1');
  });

  it('an expression the CRDs do not hold has no stored tree', () => {
    expect(storedTree('self.size() > 0 && self != "not a shipped rule"')).toBeUndefined();
  });
});
