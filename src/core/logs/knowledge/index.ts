/**
 * The knowledge base: one entry per problem Karpenter or NTH logs, as data — how to recognise it, what it
 * means, what Karpenter actually does about it (per version), and what to change. Facts follow Karpenter's
 * source (`pkg/errors/errors.go`, `pkg/providers/instance`, `pkg/cache`), not its docs where they disagree.
 *
 * Actions are templates; `{name}` placeholders are filled from what the log names (see ../actions.ts):
 * {types} {zones} {nodepools} {region} {regionFlag} {ttl} {spotQuota.code} {spotQuota.name}
 * {odQuota.code} {odQuota.name} {desiredValue} {iamActions} {iamRoles} {subnets} {codes}.
 * An action whose placeholders have no value is still printed, with `<…>` where the value goes.
 *
 * Order matters: text rules apply in this order, and the first entry of a timeline kind names the event.
 */
import { CAPACITY_CONDITION_ENTRIES, FLEET_CAPACITY_ENTRIES } from './capacity.js';
import { CONFIGURATION_ENTRIES } from './configuration.js';
import { CONTROLLER_ENTRIES } from './controller.js';
import { DISRUPTION_ENTRIES } from './disruption.js';
import { INTERRUPTION_ENTRIES } from './interruption.js';
import { LAUNCH_ERROR_ENTRIES } from './launch.js';
import { LIFECYCLE_ENTRIES } from './lifecycle.js';
import { NTH_ENTRIES } from './nth.js';
import { PLATFORM_ENTRIES } from './platform.js';
import { SCHEDULING_ENTRIES } from './scheduling.js';
import { inOneShape } from './shape.js';
import { templateEntry } from './template-entries.js';
import type { KnowledgeEntry } from './types.js';

export type { Category, KnowledgeEntry, MatchRule, VersionNote } from './types.js';

export const KNOWLEDGE_BASE: readonly KnowledgeEntry[] = [
  ...FLEET_CAPACITY_ENTRIES,
  ...LAUNCH_ERROR_ENTRIES,
  ...CAPACITY_CONDITION_ENTRIES,
  ...SCHEDULING_ENTRIES,
  ...CONFIGURATION_ENTRIES,
  ...CONTROLLER_ENTRIES,
  ...PLATFORM_ENTRIES,
  ...INTERRUPTION_ENTRIES,
  ...NTH_ENTRIES,
  ...DISRUPTION_ENTRIES,
  ...LIFECYCLE_ENTRIES,
].map(inOneShape);

/** Every AWS code the knowledge base has an entry for. */
export const KNOWN_CODES: ReadonlySet<string> = new Set(
  KNOWLEDGE_BASE.flatMap((entry) => entry.match.flatMap((rule) => rule.codes ?? [])),
);

const BY_ID = new Map(KNOWLEDGE_BASE.map((entry) => [entry.id, entry]));

/** A knowledge-base entry, or the entry for a message template (template ids start `k.` or `nth.`). */
export const entryById = (id: string): KnowledgeEntry | undefined => BY_ID.get(id) ?? templateEntry(id);
