/**
 * Every real log in ../shared/fixtures/karpenter-logs is a case: the problems and AWS codes its MANIFEST
 * entry expects must be found, read in place from the shared folder.
 */
import { createReadStream } from 'node:fs';

import { expect, it } from 'vitest';

import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { describeShared, hasShared, readSharedJson, sharedPath } from '../../helpers/shared.js';

interface ManifestEntry {
  file: string;
  format: string;
  karpenter_version: string;
  expected: string[];
}

const manifest: ManifestEntry[] = hasShared
  ? readSharedJson<ManifestEntry[]>('fixtures/karpenter-logs/MANIFEST.json')
  : [];

const explainFixture = (file: string) =>
  explainLogs([{ name: file, chunks: createReadStream(sharedPath('fixtures/karpenter-logs', file)) }]);

describeShared('explain-logs on every real fixture', () => {
  it('has fixtures to test', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(50);
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))('%s', async (_file, entry) => {
    // Given a real log; When it is explained
    const result = await explainFixture(entry.file);
    const ids = new Set(result.problems.map((p) => p.id));
    const codes = new Set(result.problems.flatMap((p) => p.codes));
    // Then each expected entry is a problem id or an exact AWS code string seen
    for (const expected of entry.expected) {
      expect(
        ids.has(expected) || codes.has(expected),
        `${expected} in ${[...ids, ...codes].join(', ')}`,
      ).toBe(true);
    }
    expect(result.stats.lines).toBeGreaterThan(0);
    // Every problem carries its contract fields.
    for (const problem of result.problems) {
      expect(problem.example.line.length).toBeGreaterThan(0);
      expect(problem.explanation.length).toBeGreaterThan(20);
      expect(problem.docs).toMatch(/^https:\/\//);
    }
  });
});

describeShared('fixture specifics', () => {
  it('reads the v0.5 ICE debug line as a 45 s cache entry keyed capacityType:instanceType:zone', async () => {
    const result = await explainFixture('k1233_ice_unfulfillable_bold_v054.log');
    // The commit every line carries (2346ed5) was built after v0.5.5 and first released in v0.5.6.
    expect(result.summary.karpenterVersion).toMatchObject({ source: 'commit', range: 'v0.5.6' });
    expect(result.blockedOfferings).toEqual([
      expect.objectContaining({
        key: 'spot:g4dn.xlarge:us-east-1c',
        ttlSeconds: 45,
        firstBlocked: '2022-01-28T13:15:43.351Z',
        until: '2022-01-28T13:16:28.351Z',
        evidence: 'log',
        reason: 'InsufficientInstanceCapacity',
      }),
    ]);
    // Zones EC2 suggests as alternatives are not "affected".
    const ice = result.problems.find((p) => p.id === 'insufficient_instance_capacity')!;
    expect(ice.affected.zones).toEqual(['us-east-1c']);
  });

  it('takes the TTL from the interruption cache line (3m0s) and marks the Spot offering', async () => {
    const result = await explainFixture('k4028_spot_interruption_offering_v0275.log');
    expect(result.blockedOfferings).toEqual([
      expect.objectContaining({
        key: 'spot:t4g.medium:eu-central-1c',
        ttlSeconds: 180,
        reason: 'SpotInterruptionKind',
      }),
    ]);
  });

  it('reports the v1.5+ aws-error-code stamp apart from the real fleet error', async () => {
    const result = await explainFixture('k8326_reservation_capacity_exceeded_v160.log');
    const stamp = result.problems.find((p) => p.id === 'create_fleet_zero_instances')!;
    expect(stamp.codes).toEqual(['UnfulfillableCapacity']);
    expect(stamp.explanation).toMatch(/synthetic/);
    expect(result.problems.find((p) => p.id === 'reservation_capacity_exceeded')?.codes).toEqual([
      'ReservationCapacityExceeded',
    ]);
    expect(result.problems.some((p) => p.id === 'unfulfillable_capacity')).toBe(false);
    // No commit in the line: the releases that print its messages and the aws-error-code keys.
    expect(result.summary.karpenterVersion).toMatchObject({ source: 'templates', range: 'v1.5.0 – v1.14.1' });
  });

  it('explains a Spot quota error with the missing On-Demand fallback and the quota command', async () => {
    const result = await explainFixture('awsblog_maxspot_v05.log');
    const quota = result.problems.find((p) => p.id === 'spot_quota_exceeded')!;
    expect(quota.severity).toBe('error');
    // v0.5.1 (from the commit): the code was not cached, the request retried without end.
    expect(quota.explanation).toMatch(
      /In this version Karpenter does not count MaxSpotInstanceCountExceeded/,
    );
    expect(quota.explanation).toMatch(/Up to v0\.9\.0 the same Spot request is retried without end/);
    expect(quota.explanation).not.toMatch(/From v0\.9\.1/);
    expect(quota.actions.join('\n')).toMatch(
      /aws service-quotas request-service-quota-increase --service-code ec2 --quota-code/,
    );
    // No family in the line: every bucket's Spot code is listed.
    expect(quota.actions.join('\n')).toMatch(/L-34B43A08/);
    expect(quota.actions.join('\n')).toMatch(/L-3819A6DF/);
  });

  it('names the vCPU limit from the message and the G/VT On-Demand quota when the type is known', async () => {
    const result = await explainFixture('dataoneks_vcpu_limit_pretty_v037.log');
    const quota = result.problems.find((p) => p.id === 'vcpu_quota_exceeded')!;
    expect(quota.affected.nodePools).toEqual(['g5-gpu-karpenter']);
    expect(quota.actions[0]).toMatch(/--desired-value 128/);
  });

  it('names the denied IAM action and role', async () => {
    const result = await explainFixture('k6298_unauthorized_passrole_pretty_v032.log');
    const iam = result.problems.find((p) => p.id === 'iam_permission_denied')!;
    expect(iam.affected.other).toContain('iam:PassRole');
    expect(iam.explanation).toMatch(/may not call iam:PassRole/);
  });

  it('says Karpenter takes no action on rebalance and flags the NTH drain loop', async () => {
    const result = await explainFixture('seed_blog_nth_fluentbit_rebalance.log');
    const rebalance = result.problems.find((p) => p.id === 'rebalance_recommendation')!;
    expect(rebalance.explanation).toMatch(/Karpenter takes no action/);
    expect(rebalance.count).toBe(1);
    const loop = result.problems.find((p) => p.id === 'rebalance_recommendation_drain')!;
    expect(loop.severity).toBe('warning');
    expect(loop.explanation).toMatch(/drain loop/);
    expect(result.stats.formats).toMatchObject({ fluentbit: 8, 'nth-console': 8 });
  });

  it('finds nothing wrong in a clean startup excerpt', async () => {
    const result = await explainFixture('knative2560_webhook_klog_mixed_v014.log');
    expect(result.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expect(result.unrecognized.total).toBe(0);
    expect(result.stats.formats).toMatchObject({ 'kubectl-prefix': 8, 'karpenter-console': 4, klog: 4 });
  });
});
