/** The CRD versions spotctl validates against, from the derived data shipped with it. */
import data from '../../../data/crd-rules.json' with { type: 'json' };

import { usesOldSelf } from './cel.js';
import { rulesOf } from './schema-rules.js';
import type { CrdCatalog, CrdKind, SkippedRule } from './types.js';

const catalog = data as unknown as CrdCatalog;

const id = (apiVersion: string, kind: string) => `${apiVersion}/${kind}`;

/** The CRD version for `apiVersion` + `kind`, or undefined when spotctl has no schema for it. */
export const crdKind = (apiVersion: string, kind: string): CrdKind | undefined =>
  catalog.kinds[id(apiVersion, kind)];

/** Every apiVersion + kind spotctl can validate, in the data's order (oldest API first). */
export const knownKinds = (): { apiVersion: string; kind: string; source: string }[] =>
  Object.values(catalog.kinds).map(({ apiVersion, kind, source }) => ({ apiVersion, kind, source }));

/** The API versions covered, e.g. `karpenter.sh/v1`. */
export const coveredApiVersions = (): string[] => [
  ...new Set(Object.values(catalog.kinds).map((k) => k.apiVersion)),
];

export const isKnownKind = (apiVersion: string, kind: string): boolean =>
  crdKind(apiVersion, kind) !== undefined;

/**
 * The transition rules (`oldSelf`) of a kind: the server runs them only on updates, so a file on disk is
 * never checked against them. Empty for an unknown kind.
 */
export function skippedTransitionRules(apiVersion: string, kind: string): SkippedRule[] {
  const crd = crdKind(apiVersion, kind);
  return crd ? rulesOf(crd.schema).filter((r) => usesOldSelf(r.rule)) : [];
}
