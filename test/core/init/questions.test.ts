/**
 * The question table is the one place an option lives: flags, the flags → answers mapping, defaults and
 * checks all come from it. These tests read it the way the command, the preflight and the wizard do.
 */
import { describe, expect, it } from 'vitest';

import Init from '../../../src/commands/init.js';
import {
  answersFromFlags,
  checkedValue,
  QUESTIONS,
  unansweredRequired,
  valueOf,
} from '../../../src/core/init/questions.js';
import { SpotctlError } from '../../../src/core/errors.js';

describe('the init question table', () => {
  it('gives every question its own flag, and the command declares each one', () => {
    const names = QUESTIONS.map((q) => q.flag.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(Object.keys(Init.flags), name).toContain(name);
  });

  it('maps parsed flags to answers, leaving absent flags open', () => {
    // Given flags as oclif parses them / When mapped / Then each becomes its answer, typed
    expect(
      answersFromFlags({
        region: 'us-east-1',
        types: ['g4dn.xlarge, g4dn.2xlarge', 'g5.xlarge'],
        suggested: false,
        'inline-provider': true,
        'pod-vcpus': 4,
        'nth-prometheus': false,
        'nth-queue-url': '',
        capacity: 'spot',
      }),
    ).toEqual({
      region: 'us-east-1',
      types: ['g4dn.xlarge', 'g4dn.2xlarge', 'g5.xlarge'],
      addedTypes: [],
      provider: 'inline',
      podVcpus: 4,
      nthPrometheus: false,
      capacity: 'spot',
    });
    // --suggested leaves the choice open: every suggestion is taken.
    expect(answersFromFlags({ suggested: true })).toEqual({});
  });

  it('defaults follow the API version', () => {
    expect(valueOf({}, 'interruption')).toBe('native');
    expect(valueOf({ api: 'v1alpha5' }, 'interruption')).toBe('nth-imds');
    expect(valueOf({ api: 'v1alpha5' }, 'expireAfter')).toBe('Never');
    expect(valueOf({ clusterName: 'prod' }, 'interruptionQueue')).toBe('prod');
    expect(valueOf({ interruptionQueue: 'q', clusterName: 'prod' }, 'interruptionQueue')).toBe('q');
  });

  it('a bad answer from a flag is an error naming the flag', () => {
    expect(() => checkedValue({ cpuLimit: '-1' }, 'cpuLimit')).toThrow(SpotctlError);
    expect(() => checkedValue({ cpuLimit: '-1' }, 'cpuLimit')).toThrow(
      '--cpu-limit "-1" is not a resource quantity',
    );
    expect(checkedValue({ cpuLimit: 'none' }, 'cpuLimit')).toBe('none');
  });

  it('only the Region and the cluster have no default a script may take', () => {
    expect(unansweredRequired({}).map((q) => q.id)).toEqual(['region', 'clusterName']);
    expect(unansweredRequired({ clusterName: 'x' }, 'us-east-1')).toEqual([]);
  });

  it('without types, families or categories the pool is Karpenter’s general-purpose default', () => {
    expect(valueOf({}, 'categories')).toEqual(['c', 'm', 'r']);
    expect(valueOf({ types: ['m5.xlarge'] }, 'categories')).toBeUndefined();
    expect(valueOf({ workload: 'gpu' }, 'categories')).toBeUndefined();
    expect(valueOf({ workload: 'gpu' }, 'families')).toEqual(['g4dn', 'g5', 'g6']);
  });

  it('never defaults to draining on rebalance, which loops with Karpenter 0.19 and later', () => {
    expect(valueOf({ api: 'v1' }, 'nthRebalance')).toBe('cordon');
    expect(valueOf({ api: 'v1alpha5' }, 'nthRebalance')).toBe('cordon');
  });
});
