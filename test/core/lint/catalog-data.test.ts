import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseSnapshot, SnapshotCatalog } from '../../../src/core/catalog/snapshot.js';
import type { Catalog } from '../../../src/core/catalog/types.js';
import { lintCatalogData, namedInstanceTypes } from '../../../src/core/lint/catalog-data.js';
import { loadManifestTexts } from '../../../src/core/manifests/sources.js';
import { describeShared, readShared, repoRoot } from '../../helpers/shared.js';

const bundledText = readFileSync(`${repoRoot}/src/data/bundled-snapshot.json`, 'utf8');
const snapshot = parseSnapshot(bundledText, 'bundled');
const bundled = new SnapshotCatalog(snapshot, 'bundled', 'bundled');

/** The bundled catalog, remembering which types each regionView call asked for. */
function recording(catalog: Catalog): Catalog & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    info: catalog.info,
    regions: () => catalog.regions(),
    instanceTypes: (query) => catalog.instanceTypes(query),
    regionView: (region, types, window) => {
      asked.push(types);
      return catalog.regionView(region, types, window);
    },
  };
}

const pool = (name: string, types: string[]) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: ${name}
spec:
  template:
    spec:
      requirements:
        - key: node.kubernetes.io/instance-type
          operator: In
          values: ${JSON.stringify(types)}
        - key: karpenter.sh/capacity-type
          operator: In
          values: ["spot"]
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
`;
const twoPools = loadManifestTexts([
  {
    path: 'a.yaml',
    text: `${pool('a', ['m5.large', 'c5.large'])}---\n${pool('b', ['c5.large', 'g4dn.xlarge'])}`,
  },
]);
const now = new Date('2026-07-01T00:00:00Z');

describe('namedInstanceTypes', () => {
  it.each([
    {
      name: 'two pools naming an overlapping list',
      set: twoPools,
      expected: ['m5.large', 'c5.large', 'g4dn.xlarge'],
    },
    { name: 'no NodePool', set: loadManifestTexts([]), expected: [] },
  ])('$name', ({ set, expected }) => {
    expect(namedInstanceTypes(set)).toEqual(expected);
  });

  describeShared('the seed Provisioner', () => {
    it('names the types its instance-type requirement lists', () => {
      const text = readShared('fixtures/seed/provisioner.v1alpha5.yaml');
      const set = loadManifestTexts([{ path: 'p.yaml', text }]);
      const named = namedInstanceTypes(set);
      expect(named.length).toBeGreaterThan(0);
      for (const type of named) expect(text).toContain(type);
    });
  });
});

describe('lintCatalogData', () => {
  it('without a catalog (nothing to resolve) gives no data and says nothing', async () => {
    expect(await lintCatalogData(twoPools, undefined, 'us-east-1', now)).toEqual({ notes: [] });
  });

  it('without a region gives the types and says the offering rules are skipped', async () => {
    const data = await lintCatalogData(twoPools, bundled, undefined, now);
    expect(data.catalog).toHaveLength(Object.keys(snapshot.instanceTypes).length);
    expect(data.region).toBeUndefined();
    expect(data.notes).toEqual([
      'No region given: offering rules skipped (pass --region or set AWS_REGION).',
    ]);
  });

  it('with a region gives its offerings for the named types', async () => {
    const catalog = recording(bundled);
    const data = await lintCatalogData(twoPools, catalog, 'us-east-1', now);
    expect(catalog.asked).toEqual([['m5.large', 'c5.large', 'g4dn.xlarge']]);
    expect(data.notes).toEqual([]);
    expect(data.region?.region).toBe('us-east-1');
    expect(data.region?.zoneCount).toBe(snapshot.regions['us-east-1']!.zones.length);
    expect(data.region?.offerings['m5.large']).toEqual(snapshot.regions['us-east-1']!.offerings['m5.large']);
  });

  it('a region the catalog cannot answer for skips the offering rules with the reason, keeping the types', async () => {
    const data = await lintCatalogData(twoPools, bundled, 'eu-north-9', now);
    expect(data.catalog?.length).toBeGreaterThan(0);
    expect(data.region).toBeUndefined();
    expect(data.notes).toEqual([
      `Offering rules skipped: ${bundled.info.description} has no data for region eu-north-9`,
    ]);
  });
});
