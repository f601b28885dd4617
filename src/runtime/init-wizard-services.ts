/**
 * What the `spotctl init` wizard needs from the catalog and the seed analysis, bound to one run.
 */
import type { Catalog } from '../core/catalog/types.js';
import { SpotctlError } from '../core/errors.js';
import type { Style } from '../core/format/style.js';
import { analyseSeeds, familyMembers, renderSeedTable, suggestionLabel } from '../core/init/analyse.js';
import type { InitAnswers } from '../core/init/types.js';
import type { WizardServices } from '../prompts/init-wizard.js';
import { resolveInstanceTypes } from '../core/catalog/lookup.js';

export function wizardServices(deps: {
  given: InitAnswers;
  catalogFor: (region: string) => Promise<Catalog>;
  show: (text: string) => void;
  now: Date;
  style: Style;
  maxSuggestions: number;
  days: number;
}): WizardServices {
  const { given, catalogFor, show, now, style } = deps;
  return {
    show,
    checkRegion: async (region) => {
      const known = await (await catalogFor(region)).regions();
      return known.includes(region)
        ? undefined
        : `${(await catalogFor(region)).info.description} has no data for ${region}: choose one of ${known.join(', ')}, or drop --offline`;
    },
    checkSeeds: async (region, types, families) => {
      try {
        const c = await catalogFor(region);
        if (types.length > 0) await resolveInstanceTypes(c, types);
        else await familyMembers(c, families, given.sizes ?? []);
        return undefined;
      } catch (error) {
        if (error instanceof SpotctlError) return [error.message, ...error.suggestions].join(' — ');
        throw error;
      }
    },
    analyse: async (region, seeds, pod, capacity) => {
      const result = await analyseSeeds(await catalogFor(region), {
        region,
        ...seeds,
        sizes: given.sizes ?? [],
        pod,
        capacity,
        maxSuggestions: deps.maxSuggestions,
        days: deps.days,
        now,
      });
      const unit = result.suggest?.unit ?? 'vcpu';
      const shown = [
        ...seeds.types,
        ...(given.addedTypes !== undefined
          ? given.addedTypes
          : result.suggestions.map((s) => s.instanceType)),
      ];
      return {
        table: renderSeedTable(result, seeds.types.length > 0 ? shown : undefined, now, style),
        suggestions:
          given.addedTypes !== undefined
            ? []
            : result.suggestions.map((s) => ({
                instanceType: s.instanceType,
                label: suggestionLabel(s, unit),
                reasons: s.reasons,
              })),
      };
    },
  };
}
