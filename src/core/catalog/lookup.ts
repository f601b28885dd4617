/**
 * Checking what the user named against the catalog before any work: Regions and instance types, with the
 * nearest real names when one is wrong.
 */
import { inputError } from '../errors.js';
import { nearest } from '../text/nearest.js';
import { isKnownRegion, KNOWN_REGIONS } from './regions.js';
import type { Catalog, InstanceTypeSpec } from './types.js';

export function assertKnownRegion(region: string): void {
  if (!isKnownRegion(region)) {
    const close = nearest(region, KNOWN_REGIONS);
    throw inputError('UNKNOWN_REGION', `unknown AWS Region "${region}"`, {
      suggestions: [
        close.length > 0 ? `Did you mean ${close.join(', ')}?` : 'Pass a Region code such as us-east-1.',
      ],
    });
  }
}

/** Look up the named types; unknown names fail with the nearest real ones. */
export async function resolveInstanceTypes(catalog: Catalog, names: string[]): Promise<InstanceTypeSpec[]> {
  const specs = await catalog.instanceTypes({ types: names });
  const found = new Set(specs.map((spec) => spec.instanceType));
  const unknown = names.filter((name) => !found.has(name));
  if (unknown.length > 0) {
    const all = (await catalog.instanceTypes({})).map((spec) => spec.instanceType);
    const hints = unknown.map((name) => {
      const close = nearest(name, all);
      return close.length > 0
        ? `${name}: did you mean ${close.join(', ')}?`
        : `${name}: no similar type known`;
    });
    throw inputError(
      'UNKNOWN_INSTANCE_TYPE',
      `unknown instance type${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (${catalog.info.description})`,
      { suggestions: hints },
    );
  }
  // Keep the user's order.
  return names.map((name) => specs.find((spec) => spec.instanceType === name)!);
}
