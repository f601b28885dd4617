/**
 * The shipped metric facts: regenerated from ../shared they are byte-identical to the committed file, and
 * the view of one release answers names, labels and values as that release has them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { deriveMetrics } from '../../../scripts/derive-metrics.js';
import { compareReleases, metricsAt } from '../../../src/core/monitoring/metrics-data.js';
import { describeShared, repoRoot, sharedRoot } from '../../helpers/shared.js';
import { metricsData } from './fixtures.js';

describeShared('src/data/monitoring-metrics.json', () => {
  it('is what scripts/derive-metrics.ts derives from karpenter-source', () => {
    // Given what the generator derives now / Then the committed data is the same, byte for byte
    expect(deriveMetrics(sharedRoot).text).toBe(
      readFileSync(join(repoRoot, 'src/data/monitoring-metrics.json'), 'utf8'),
    );
  });
});

describe('metric facts', () => {
  it('hold facts only: names, types, labels, ranges — no help texts', () => {
    expect(JSON.stringify(metricsData)).not.toMatch(/"help"/);
    for (const fact of metricsData.metrics) {
      expect(Object.keys(fact).sort()).toEqual(
        expect.arrayContaining(['component', 'from', 'labels', 'name', 'to', 'type']),
      );
      expect(compareReleases(fact.from, fact.to)).toBeLessThanOrEqual(0);
    }
    expect(metricsData.karpenterVersions.at(-1)).toBe('v1.14.1');
    expect(metricsData.nthVersions.at(-1)).toBe('v1.25.6');
  });

  it('a release view answers by that release', () => {
    const v037 = metricsAt(metricsData, 'karpenter', 'v0.37.8');
    const v1 = metricsAt(metricsData, 'karpenter', 'v1.0.14');
    expect(v037.metric('karpenter_nodeclaims_created')?.labels).toEqual(
      new Set(['reason', 'nodepool', 'capacity_type']),
    );
    expect(v037.metric('karpenter_nodeclaims_created_total')).toBeUndefined();
    expect(v1.metric('karpenter_nodeclaims_created_total')).toBeDefined();
    expect(v037.value('karpenter_interruption_received_messages', 'message_type', 'spot-interruption')).toBe(
      'SpotInterruptionKind',
    );
    expect(
      v1.value('karpenter_interruption_received_messages_total', 'message_type', 'spot-interruption'),
    ).toBe('spot_interrupted');
    // A value is only given for a metric the release exports
    expect(
      v1.value('karpenter_interruption_received_messages', 'message_type', 'spot-interruption'),
    ).toBeUndefined();
  });

  it('records the exporter each NTH release pins, and none before v1.5', () => {
    expect(metricsData.nthExporters['v1.4.0']).toBeNull();
    expect(metricsData.nthExporters['v1.19.0']).toMatch(/metric\/prometheus@v0\.20\.0$/);
    expect(metricsData.nthExporters['v1.20.0']).toMatch(/exporters\/prometheus@v0\.35\.0$/);
  });
});
