/**
 * The bundled catalog (real DescribeInstanceTypes data) for the quota maths tests.
 */
import { readFileSync } from 'node:fs';

import type { InstanceTypeSpec } from '../../../src/core/catalog/types.js';
import { repoRoot } from '../../helpers/shared.js';

const bundled = JSON.parse(readFileSync(`${repoRoot}/src/data/bundled-snapshot.json`, 'utf8')) as {
  instanceTypes: Record<string, InstanceTypeSpec>;
};

export const catalog: InstanceTypeSpec[] = Object.values(bundled.instanceTypes);

/** Specs by name; a name the catalog lacks fails the test at once. */
export const types = (...names: string[]): InstanceTypeSpec[] =>
  names.map((name) => {
    const spec = bundled.instanceTypes[name];
    if (!spec) throw new Error(`${name} is not in the bundled catalog`);
    return spec;
  });

export const family = (name: string): InstanceTypeSpec[] => catalog.filter((t) => t.family === name);
