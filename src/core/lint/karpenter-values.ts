/**
 * Which Karpenter features are on, read from the Helm values the controller was installed with: lint's
 * Spot-to-Spot rule applies only when `settings.featureGates.spotToSpotConsolidation` is true (it is off
 * by default in the chart).
 */
import { parse } from 'yaml';

import { inputError } from '../errors.js';
import { MAX_ALIAS_COUNT } from '../manifests/parse.js';

type Tree = Record<string, unknown>;

const isMap = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const gate = (values: Tree): unknown => {
  const settings = values.settings;
  const gates = isMap(settings) ? settings.featureGates : undefined;
  return isMap(gates) ? gates.spotToSpotConsolidation : undefined;
};

/**
 * Whether the values turn Spot-to-Spot consolidation on: `settings.featureGates.spotToSpotConsolidation`,
 * at the top or under a `karpenter:` key (an umbrella chart). Absent means the chart default, off.
 * @throws SpotctlError KARPENTER_VALUES_INVALID (input) when the file is not YAML or its value is not a boolean.
 */
export function spotToSpotFromValues(path: string, text: string): { enabled: boolean; note?: string } {
  let values: unknown;
  try {
    values = parse(text, { maxAliasCount: MAX_ALIAS_COUNT, prettyErrors: false });
  } catch (error) {
    throw inputError(
      'KARPENTER_VALUES_INVALID',
      `${path} is not a YAML values file: ${(error as Error).message.split('\n')[0]}`,
      { suggestions: ['Pass the values file Karpenter was installed with (helm get values karpenter).'] },
    );
  }
  const root = isMap(values) ? values : {};
  const value = gate(root) ?? (isMap(root.karpenter) ? gate(root.karpenter) : undefined);
  if (value === undefined)
    return {
      enabled: false,
      note: `${path} does not set settings.featureGates.spotToSpotConsolidation: off, the chart default`,
    };
  if (value === true || value === 'true') return { enabled: true };
  if (value === false || value === 'false') return { enabled: false };
  throw inputError(
    'KARPENTER_VALUES_INVALID',
    `${path}: settings.featureGates.spotToSpotConsolidation is ${JSON.stringify(value)}, not true or false`,
    { suggestions: ['Set it to true or false (the chart passes it to the controller as a feature gate).'] },
  );
}
