/**
 * Turn "ICE for g4dn.8xlarge" into "add g4dn.4xlarge, g5.2xlarge (offered in …)": for the instance types
 * that failed with capacity or quota errors, ask the suggestion engine (same family other sizes, sibling
 * families with an equivalent GPU or shape) and say where each alternative is offered.
 */
import type { Catalog } from '../catalog/types.js';
import { isSpotctlError } from '../errors.js';
import { planSuggestions } from '../suggest/plan.js';
import { entryById } from '../logs/knowledge/index.js';
import type { Alternative, ExplainResult } from './result.js';

/** For problems whose fix is "use other instance types": how the advice names them. */
const alternativesLabel = (problemId: string): string | undefined => entryById(problemId)?.alternatives;

/** Most failed types looked up: each costs one catalog query. */
const MAX_TYPES = 5;
const MAX_SUGGESTIONS = 4;

export interface EnrichOptions {
  region: string;
  now: Date;
  /** Days of Spot price history for ranking. */
  days?: number;
}

const zoneList = (zones: string[]): string => (zones.length > 0 ? zones.join(', ') : 'no zone');

/**
 * A new result with `alternatives` filled in. Types the catalog does not know are reported, not fatal.
 */
export async function enrichWithAlternatives(
  result: ExplainResult,
  catalog: Catalog,
  options: EnrichOptions,
): Promise<ExplainResult> {
  const targets = new Map<string, { problemId: string; zones: Set<string> }>();
  for (const problem of result.problems) {
    if (!alternativesLabel(problem.id)) continue;
    for (const type of problem.affected.instanceTypes) {
      if (targets.size >= MAX_TYPES && !targets.has(type)) break;
      const target = targets.get(type) ?? { problemId: problem.id, zones: new Set<string>() };
      targets.set(type, target);
    }
  }
  // Zones where the log shows each type failing: the rebuilt cache is the most precise source.
  for (const blocked of result.blockedOfferings) {
    targets.get(blocked.instanceType)?.zones.add(blocked.zone);
  }

  const alternatives: Alternative[] = [];
  for (const [instanceType, target] of targets) {
    const label = alternativesLabel(target.problemId) ?? target.problemId;
    const failedZones = [...target.zones].filter((zone) => zone !== '*').sort();
    try {
      const { result: suggestion } = await planSuggestions(catalog, {
        region: options.region,
        types: [instanceType],
        requirements: {},
        capacity: 'spot-and-on-demand',
        maxSuggestions: MAX_SUGGESTIONS,
        days: options.days ?? 7,
        now: options.now,
      });
      const seed = suggestion.recommended.find((t) => t.instanceType === instanceType);
      const offeredZones = seed?.offeredZones ?? [];
      const picks = suggestion.recommended.filter((t) => !t.seed).slice(0, MAX_SUGGESTIONS);
      const where =
        failedZones.length === 0
          ? ''
          : failedZones.length >= offeredZones.length && offeredZones.length > 0
            ? ` in all ${offeredZones.length} zones offering it`
            : ` in ${zoneList(failedZones)} (offered in ${offeredZones.length} zones)`;
      const advice =
        picks.length > 0
          ? `${label} for ${instanceType}${where} → add ${picks.map((p) => `${p.instanceType} (offered in ${zoneList(p.offeredZones)})`).join(', ')}.`
          : `${label} for ${instanceType}${where}: no cheaper equivalent type found in ${options.region}; allow more zones or On-Demand.`;
      alternatives.push({
        instanceType,
        problemId: target.problemId,
        failedZones,
        offeredZones,
        suggestions: picks.map((p) => ({
          instanceType: p.instanceType,
          offeredZones: p.offeredZones,
          ...(p.spotPrice !== undefined ? { spotPrice: p.spotPrice } : {}),
          reason: p.reasons[0] ?? '',
        })),
        advice,
      });
    } catch (error) {
      if (!isSpotctlError(error)) throw error;
      alternatives.push({
        instanceType,
        problemId: target.problemId,
        failedZones,
        offeredZones: [],
        suggestions: [],
        advice: `${label} for ${instanceType}: no alternatives (${error.message}).`,
      });
    }
  }
  return { ...result, alternatives };
}

/** Whether the result names instance types worth enriching. */
export const wantsAlternatives = (result: ExplainResult): boolean =>
  result.problems.some((p) => alternativesLabel(p.id) && p.affected.instanceTypes.length > 0);
