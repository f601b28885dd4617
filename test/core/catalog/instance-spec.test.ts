/**
 * Live specs must agree with the bundled snapshot's: the same DescribeInstanceTypes records give the same
 * InstanceTypeSpec, for GPU, Neuron, arm64, burstable and bare-metal types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import type { InstanceTypeRecord } from '../../../src/core/aws/ports.js';
import { specFromRecord } from '../../../src/core/catalog/instance-spec.js';
import { describeShared, readSharedJson, repoRoot } from '../../helpers/shared.js';

describeShared('specFromRecord on real DescribeInstanceTypes records', () => {
  // Read once for the file (the checks only read them): the snapshot alone is 1.2 MB of JSON.
  let recordsRead: Record<string, InstanceTypeRecord> | undefined;
  let bundledRead: Record<string, unknown> | undefined;
  const records = () =>
    (recordsRead ??= readSharedJson<{ InstanceTypes: Record<string, InstanceTypeRecord> }>(
      'reference/instance-data/describe-instance-types.selected-families.json',
    ).InstanceTypes);
  const bundled = () =>
    (bundledRead ??= JSON.parse(readFileSync(join(repoRoot, 'src/data/bundled-snapshot.json'), 'utf8'))
      .instanceTypes as Record<string, unknown>);

  it.each(['g4dn.12xlarge', 'p3.2xlarge', 'g5.xlarge', 'inf2.xlarge', 'm7g.large', 't3.medium', 'c6i.metal'])(
    '%s matches the bundled snapshot',
    (type) => {
      expect(specFromRecord(records()[type]!)).toEqual(bundled()[type]);
    },
  );

  it('every record of the reference gives the bundled spec', () => {
    const all = records();
    const expected = bundled();
    const differing = Object.keys(all).filter(
      (type) => JSON.stringify(specFromRecord(all[type]!)) !== JSON.stringify(expected[type]),
    );
    expect(differing).toEqual([]);
  });

  it('a record without a name is skipped', () => {
    expect(specFromRecord({ VCpuInfo: { DefaultVCpus: 2 } })).toBeUndefined();
  });
});
