/**
 * Against the real upstream files in ../shared: every example manifest Karpenter ships validates clean,
 * and the committed derived data is what the generator makes from the CRDs today.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { deriveCatalog, serializeCatalog } from '../../../../scripts/derive-crd-rules.js';
import { isKnownKind, validateManifestDetailed } from '../../../../src/core/manifests/crd/index.js';
import { describeShared, repoRoot, sharedPath } from '../../../helpers/shared.js';

const CRDS = () => sharedPath('reference', 'karpenter-crds');

describeShared('CRD validation on upstream data', () => {
  const examples = ['examples-v1-v1.14.1', 'examples-v1alpha5-v0.32.10'].flatMap((dir) =>
    readdirSync(join(CRDS(), dir))
      .filter((f) => f.endsWith('.yaml'))
      .map((file) => ({ name: `${dir}/${file}`, path: join(CRDS(), dir, file) })),
  );

  it.each(examples)('$name validates clean', ({ path }) => {
    // Given an upstream example, with its cluster-name placeholder filled in as a user would
    const text = readFileSync(path, 'utf8').replaceAll('${CLUSTER_NAME}', 'my-cluster');
    const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, string>);
    const karpenter = docs.filter((d) => d && isKnownKind(d.apiVersion!, d.kind!));
    // When each Karpenter document is validated / Then none is rejected and every rule was evaluated
    for (const doc of karpenter) {
      expect(validateManifestDetailed(doc, doc.apiVersion!, doc.kind!)).toEqual({
        violations: [],
        unevaluatedRules: [],
      });
    }
    // And the workload examples (Deployments) are the only files without Karpenter documents
    if (!path.includes('workload-')) expect(karpenter.length).toBeGreaterThan(0);
  });

  it('the committed src/data/crd-rules.json is current', () => {
    // Given the CRDs in ../shared / When the data is derived again / Then it equals the committed file
    const committed = readFileSync(join(repoRoot, 'src/data/crd-rules.json'), 'utf8');
    expect(serializeCatalog(deriveCatalog(CRDS()))).toBe(committed);
  });
});
