/**
 * Checking what the user named against the catalog before any work: Regions and instance types, with the
 * nearest real names when one is wrong.
 */
import { inputError } from '../errors.js';
import { nearest } from '../text/nearest.js';
import { isKnownRegion, KNOWN_REGIONS } from './regions.js';
import type { Catalog, InstanceTypeSpec } from './types.js';

/**
 * Hints reach further than for other names (six edits): Region codes are long and alike, and `eu-moon-1`
 * should still hear of eu-north-1, eu-south-1 and eu-west-1.
 * @param from where the name came from when not a flag, e.g. `AWS_REGION`.
 */
export function assertKnownRegion(region: string, from?: string): void {
  if (!isKnownRegion(region)) {
    const close = nearest(region, KNOWN_REGIONS, 3, 6);
    throw inputError('UNKNOWN_REGION', `unknown AWS Region "${region}"${from ? ` (from ${from})` : ''}`, {
      suggestions: [
        close.length > 0 ? `Did you mean ${close.join(', ')}?` : 'Pass a Region code such as us-east-1.',
      ],
    });
  }
}

const MAX_HINTS = 5;
const MAX_NAMED = 20;

/** Look up the named types; unknown names fail with the nearest real ones. */
export async function resolveInstanceTypes(catalog: Catalog, names: string[]): Promise<InstanceTypeSpec[]> {
  const specs = await catalog.instanceTypes({ types: names });
  const found = new Set(specs.map((spec) => spec.instanceType));
  const unknown = [...new Set(names.filter((name) => !found.has(name)))];
  if (unknown.length > 0) {
    const all = (await catalog.instanceTypes({})).map((spec) => spec.instanceType);
    // A pasted list of thousands of names gets a short answer fast: hints for the first few only.
    const hints = unknown.slice(0, MAX_HINTS).map((name) => {
      const close = nearest(name, all);
      return close.length > 0
        ? `${name}: did you mean ${close.join(', ')}?`
        : `${name}: no similar type known`;
    });
    const listed = unknown.slice(0, MAX_NAMED).join(', ');
    const more = unknown.length > MAX_NAMED ? ` and ${unknown.length - MAX_NAMED} more` : '';
    throw inputError(
      'UNKNOWN_INSTANCE_TYPE',
      `unknown instance type${unknown.length > 1 ? 's' : ''} ${listed}${more} (${catalog.info.description})`,
      { suggestions: hints },
    );
  }
  // Keep the user's order.
  const byName = new Map(specs.map((spec) => [spec.instanceType, spec]));
  return names.map((name) => byName.get(name)!);
}
