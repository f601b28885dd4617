/**
 * Checks on what lint was asked to do, before any rule runs: rule ids that exist, and input that holds
 * something lint understands.
 */
import { ExitCode, SpotctlError, usageError } from '../errors.js';
import type { ManifestSet } from '../manifests/types.js';
import { nearest } from '../text/nearest.js';
import { RULE_IDS } from './lint.js';

/**
 * Every id must name a rule; a typo must not silently leave a rule running.
 * @throws SpotctlError UNKNOWN_RULE (usage) with the closest rule id.
 */
export function assertKnownRules(ids: string[]): void {
  for (const id of ids) {
    if (!RULE_IDS.includes(id)) {
      const close = nearest(id, RULE_IDS, 1);
      throw usageError('UNKNOWN_RULE', `unknown rule "${id}"`, {
        suggestions: [close[0] ? `Did you mean ${close[0]}?` : 'See the rules table in the README.'],
      });
    }
  }
}

/**
 * A set with no Karpenter document, NTH values or YAML problem has nothing lint can speak about, and a
 * clean result would wrongly read as "all good".
 * @throws SpotctlError NOTHING_TO_LINT (input).
 */
export function assertLintable(set: ManifestSet, paths: string[]): void {
  const lintable = set.documents.length + set.nthValues.length + set.problems.length;
  if (lintable === 0) {
    throw new SpotctlError(
      'NOTHING_TO_LINT',
      `no Karpenter manifests or node-termination-handler values in ${paths.join(', ')}`,
      ExitCode.input,
      { suggestions: ['Point spotctl lint at NodePool/Provisioner manifests or NTH Helm values files.'] },
    );
  }
}
