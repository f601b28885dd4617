/**
 * Every knowledge-base entry in one object shape. Entries are written with only the fields they need, so
 * as written they come in dozens of shapes, and the hot path that asks each matched entry whether it is
 * activity, generic or on the timeline would read them as V8's slowest kind of property access.
 */
import type { KnowledgeEntry } from './types.js';

/** Each field of an entry, present even when undefined: a field added to the type must be added here. */
type EveryField = { [K in keyof Required<KnowledgeEntry>]: KnowledgeEntry[K] };

export function inOneShape(e: KnowledgeEntry): KnowledgeEntry {
  const shaped: EveryField = {
    id: e.id,
    title: e.title,
    severity: e.severity,
    category: e.category,
    match: e.match,
    timeline: e.timeline,
    capacityType: e.capacityType,
    blocksOffering: e.blocksOffering,
    blocksCapacityType: e.blocksCapacityType,
    logsOfferingCache: e.logsOfferingCache,
    alternatives: e.alternatives,
    product: e.product,
    activity: e.activity,
    generic: e.generic,
    area: e.area,
    causes: e.causes,
    what: e.what,
    why: e.why,
    versions: e.versions,
    actions: e.actions,
    docs: e.docs,
  };
  return shaped;
}
