import { describe, expect, it } from 'vitest';

import { plainStyle } from '../../../src/core/format/style.js';
import { quotaJunit } from '../../../src/core/quota-check/ci-formats.js';
import { quotaSourcesNote, renderQuotaTable } from '../../../src/core/quota-check/text.js';
import { checkQuotas } from '../../../src/core/quota/check.js';
import type { GivenQuota } from '../../../src/core/quota/lookup.js';
import { types } from '../quota/catalog.js';

const now = () => new Date('2026-07-01T00:00:00Z');
const given = (entries: Array<[string, number, GivenQuota['source']]>) =>
  new Map(
    entries.map(([code, value, source]) => [
      code,
      { code, value, source, ...(source === 'file' ? { file: 'q.yaml' } : {}) },
    ]),
  );

describe('renderQuotaTable', () => {
  it('shows where each quota came from, what it admits, and how one pool’s bound splits across quotas', async () => {
    // Given p3.2xlarge and p5.48xlarge on Spot and On-Demand under memory: 200Gi, two quotas given
    const result = await checkQuotas(
      [
        {
          name: 'train',
          capacityTypes: ['spot', 'on-demand'],
          types: types('p3.2xlarge', 'p5.48xlarge'),
          limits: [{ resource: 'memory', raw: '200Gi' }],
        },
      ],
      undefined,
      {
        now,
        region: 'us-east-1',
        given: given([
          ['L-417A185B', 20, 'flag'],
          ['L-7212CCBC', 64, 'file'],
        ]),
      },
    );

    // When it is rendered for a terminal without colour
    const text = renderQuotaTable(result, plainStyle, false);

    // Then
    expect(text).toMatch(/P\s+on-demand\s+L-417A185B\s+24\s+20\s+-4\s+fail\s+--quota/);
    expect(text).toMatch(/P\s+spot\s+L-7212CCBC\s+24\s+64\s+40\s+pass\s+q\.yaml/);
    expect(text).toContain('quota 20 admits 2 × 8 vCPUs (p3.2xlarge)');
    expect(text).toContain('or lower limits.memory of train to 141Gi');
    expect(text).toContain(
      'train: its limits allow at most 24 vCPUs in all, however they split across L-7212CCBC spot (up to 24), L-C4BD4855 spot (no type fits), L-417A185B on-demand (up to 24); each quota is checked against its own maximum',
    );
    expect(quotaSourcesNote(result, 'us-east-1')).toBe('quotas: --quota (L-417A185B); q.yaml (L-7212CCBC)');
  });

  it('names types with more vCPUs than the quota as never launchable, in text and JUnit', async () => {
    const result = await checkQuotas(
      [
        {
          name: 'gpu',
          capacityTypes: ['spot'],
          types: types('g4dn.xlarge', 'g4dn.4xlarge'),
          limits: [{ resource: 'gpu', raw: '10' }],
        },
      ],
      undefined,
      { now, strict: true, given: given([['L-3819A6DF', 8, 'flag']]) },
    );
    const text = renderQuotaTable(result, plainStyle, false);
    expect(text).toContain(
      'quota 8 admits 2 × 4 vCPUs (g4dn.xlarge); never launchable (more vCPUs than the quota): g4dn.4xlarge (16)',
    );
    expect(text).toContain('as intended (nvidia.com/gpu: 10): 160 vCPUs, 152 short');
    expect(quotaJunit(result, true, now())).toMatch(/<failure message="pool gpu has no bounding limit/);
  });
});
