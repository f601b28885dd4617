/**
 * The flags that shape a Spot placement-score request, shared by `suggest` and `prices`, and what they
 * mean to the core.
 */
import { Flags } from '@oclif/core';

import type { TargetCapacityUnitType } from '../core/aws/ports.js';
import type { PlacementOptions } from '../core/suggest/placement.js';

export const placementFlags = {
  'target-capacity': Flags.integer({
    description:
      'Capacity to ask AWS’s Spot placement score about, in --target-capacity-unit (default: 10 instances).',
    min: 1,
    max: 2_000_000_000,
    helpGroup: 'PLACEMENT SCORE',
  }),
  'target-capacity-unit': Flags.string({
    description: 'What --target-capacity counts: instances (units), vCPUs or MiB of memory.',
    options: ['units', 'vcpu', 'memory-mib'],
    default: 'units',
    helpGroup: 'PLACEMENT SCORE',
  }),
  'single-az': Flags.boolean({
    description:
      'Score each Availability Zone for a fleet in that zone alone (SingleAvailabilityZone), instead of the Region for a fleet over all its zones.',
    helpGroup: 'PLACEMENT SCORE',
  }),
  'placement-calls': Flags.integer({
    description:
      'GetSpotPlacementScores requests this run may make: 1 scores the list; 2 also scores the seeds alone to compare; 0 uses only answers cached in the last 24 hours. Each new list counts against the configurations AWS allows an account per day.',
    min: 0,
    max: 2,
    default: 1,
    helpGroup: 'PLACEMENT SCORE',
  }),
};

export function placementOptions(flags: {
  'target-capacity'?: number;
  'target-capacity-unit': string;
  'single-az': boolean;
  'placement-calls': number;
}): PlacementOptions {
  return {
    ...(flags['target-capacity'] !== undefined ? { targetCapacity: flags['target-capacity'] } : {}),
    targetCapacityUnit: flags['target-capacity-unit'] as TargetCapacityUnitType,
    singleAvailabilityZone: flags['single-az'],
    calls: flags['placement-calls'],
  };
}
