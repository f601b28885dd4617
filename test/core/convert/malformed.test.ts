/**
 * No input makes convert fail as a bug: every field of every corpus manifest is replaced, one at a time,
 * by values of each other shape (a string, a number, null, an empty list, a map), and convert either
 * converts (every written object valid v1), refuses objects with reasons, or stops with an input error
 * (exit 3) naming the file — never any other exception.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';

import { convertManifests } from '../../../src/core/convert/convert.js';
import { SpotctlError } from '../../../src/core/errors.js';
import { validateManifest } from '../../../src/core/manifests/crd/index.js';
import { fixtureFiles } from '../../fixtures/manifests/markers.js';

type Tree = Record<string, unknown> | unknown[];
const SHAPES: unknown[] = ['x', 7, null, [], { a: 'b' }];

/** Every path to a value in `node`, breadth first. */
function paths(node: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (node === null || typeof node !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(node)
    ? node.map((v, i) => [i, v])
    : Object.entries(node as Record<string, unknown>);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...paths(value, [...prefix, key])]);
}

/** Stands for the replaced value in the YAML written once per path (see `replaced`). */
const SLOT = 'spotctl-shape-under-test';
/** Each shape as YAML that may stand where a plain scalar stood, in a block mapping or sequence. */
const SHAPE_TEXT = new Map<unknown, string>(
  SHAPES.map((shape) => [shape, shape === null ? 'null' : JSON.stringify(shape)]),
);

/**
 * The documents' YAML with the value at `path` (document index first) replaced by each shape: the changed
 * document is written once with a slot where the value goes, and the slot is filled with each shape's text.
 */
function replaced(docs: unknown[], texts: string[], path: Array<string | number>): Array<[unknown, string]> {
  const [index, ...steps] = path as [number, ...Array<string | number>];
  const copy = structuredClone(docs[index]) as Tree;
  let node = copy;
  for (const step of steps.slice(0, -1)) node = (node as Record<string | number, unknown>)[step] as Tree;
  (node as Record<string | number, unknown>)[steps[steps.length - 1]!] = SLOT;
  // Only the changed document is written again; the others keep their text.
  const [before, after, ...rest] = stringify(copy).split(SLOT);
  if (after === undefined || rest.length > 0)
    throw new Error(`${path.join('.')}: the slot is not written once`);
  return SHAPES.map((shape) => [
    shape,
    texts.map((text, i) => (i === index ? `${before}${SHAPE_TEXT.get(shape)}${after}` : text)).join('---\n'),
  ]);
}

describe('convert never fails as a bug on values of the wrong shape', () => {
  const files = [...fixtureFiles('v1alpha5'), ...fixtureFiles('v1beta1')].filter(
    (f) => f.name !== 'scalar-values.yaml',
  );

  it.each(files)('$name, every field in every shape', (file) => {
    // Given the manifest's documents and every path into them (kind and apiVersion stay, so each
    // mutation is of a Karpenter object)
    const docs = parseAllDocuments(file.text).map((d) => d.toJS() as unknown);
    const texts = docs.map((doc) => stringify(doc));
    const targets = paths(docs).filter((p) => p.length > 2 && p[1] !== 'apiVersion' && p[1] !== 'kind');
    // (each mutated text holds the shape at the path: checked on the deepest path)
    const deepest = targets.reduce((a, b) => (b.length > a.length ? b : a));
    for (const [shape, text] of replaced(docs, texts, deepest)) {
      const [index, ...steps] = deepest as [number, ...Array<string | number>];
      const value = steps.reduce<unknown>(
        (node, step) => (node as Record<string | number, unknown>)[step],
        parseAllDocuments(text)[index]!.toJS(),
      );
      expect(value, deepest.join('.')).toEqual(shape);
    }
    let converted = 0;
    let refused = 0;
    let rejected = 0;
    for (const path of targets) {
      for (const [shape, text] of replaced(docs, texts, path)) {
        // When converted
        try {
          const result = convertManifests([{ path: file.name, text }], { role: 'KarpenterNodeRole-x' });
          // Then what is written is valid v1
          for (const doc of result.files.flatMap((f) => f.documents) as Array<Record<string, string>>)
            expect(validateManifest(doc, doc.apiVersion!, doc.kind!)).toEqual([]);
          if (result.files.some((f) => f.refused.length > 0)) refused += 1;
          else converted += 1;
        } catch (error) {
          // Or it is an input error naming the file
          if (!(error instanceof SpotctlError) || error.exitCode !== 3)
            throw new Error(`${file.name} ${path.join('.')} = ${JSON.stringify(shape)}: ${String(error)}`);
          expect(error.message).toContain(file.name);
          rejected += 1;
        }
      }
    }
    // And the mutations are not all caught the same way
    expect(converted + refused).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(converted + refused + rejected).toBe(targets.length * SHAPES.length);
  });
});
