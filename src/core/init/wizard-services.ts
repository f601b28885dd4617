/**
 * What the `spotctl init` wizard needs from the data source while it asks: whether a Region and seeds can
 * be used, and the price table and suggestions for the seeds — bound to one run's catalog and clock.
 */
import type { Catalog, ZoneInfo } from '../catalog/types.js';
import { scoreRun, type PlacementScoring } from '../suggest/placement.js';
import { renderPlacement } from '../suggest/placement-text.js';
import { resolveInstanceTypes } from '../catalog/lookup.js';
import { SpotctlError } from '../errors.js';
import type { Style } from '../format/style.js';
import { analyseSeeds, categoryMembers, familyMembers, renderSeedTable, suggestionLabel } from './analyse.js';
import { withSeedDefaults } from './plan.js';
import { checkPodFits, gpuResourceFor } from './build-config.js';
import { typeFacts } from './facts.js';
import {
  DEFAULT_CAPACITY,
  type SuggestionChoice,
  type WizardHints,
  type WizardServices,
} from './questions.js';
import { podNeeds, type InitAnswers } from './types.js';

export interface WizardServiceDeps {
  hints: WizardHints;
  /** Say what is being waited for while `work` runs (on a terminal). */
  wait: <T>(label: string, work: () => Promise<T>) => Promise<T>;
  /** The answers the flags gave: suggestions a flag declined are not offered. */
  given: InitAnswers;
  catalogFor: (region: string) => Promise<Catalog>;
  show: (text: string) => void;
  now: Date;
  style: Style;
  maxSuggestions: number;
  days: number;
  /** AWS's Spot placement score for the list about to be written (live AWS only). */
  placement?: PlacementScoring;
}

export type { SuggestionChoice, WizardServices } from './questions.js';

export function wizardServices(deps: WizardServiceDeps): WizardServices {
  const { given, catalogFor, show, now, style } = deps;
  return {
    hints: deps.hints,
    show,
    checkRegion: async (region) => {
      const catalog = await catalogFor(region);
      const known = await catalog.regions();
      return known.includes(region)
        ? undefined
        : `${catalog.info.description} has no data for ${region}: choose one of ${known.join(', ')}, or drop --offline`;
    },
    checkSeeds: async (answers, { types, families }) => {
      try {
        const catalog = await catalogFor(answers.region!);
        const specs =
          types.length > 0
            ? await resolveInstanceTypes(catalog, types)
            : await familyMembers(catalog, families, given.sizes ?? []);
        // What the config would reject later, said now, while the question can still be asked again.
        const facts = specs.map(typeFacts);
        if (answers.workload === 'gpu') gpuResourceFor(facts);
        checkPodFits(facts, podNeeds(answers));
        return undefined;
      } catch (error) {
        if (error instanceof SpotctlError) return [error.message, ...error.suggestions].join(' — ');
        throw error;
      }
    },
    analyse: (answers) => deps.wait('Reading Spot prices and ranking other types', () => analyse(answers)),
  };

  /** AWS's own number for the list as a set (and the seeds alone, when that answer is cached). */
  async function placementLines(
    region: string,
    shown: string[],
    seedTypes: string[],
    result: { analysis: { zones: ZoneInfo[] } },
  ): Promise<string[]> {
    if (shown.length === 0) return [];
    const catalog = await catalogFor(region);
    const { report, scores } = await scoreRun({ instanceTypes: shown, region }, seedTypes, {
      live: catalog.info.kind === 'live',
      source: catalog.info.description,
      scoring: deps.placement,
      calls: 1,
      now,
      zones: result.analysis.zones,
    });
    const lines = renderPlacement(report, scores, now, style, 'these');
    return lines.length > 0 ? ['', ...lines] : [];
  }

  async function analyse(answers: InitAnswers): Promise<{ table: string; suggestions: SuggestionChoice[] }> {
    if (!answers.types?.length && !answers.families?.length) {
      const defaults = withSeedDefaults(answers);
      const catalog = await catalogFor(answers.region!);
      const count = defaults.categories?.length
        ? (await categoryMembers(catalog, defaults.categories)).length
        : (await familyMembers(catalog, defaults.families ?? [], [])).length;
      const what = defaults.categories?.length
        ? `any ${defaults.categories.join(', ')} type of generation 3 or later`
        : `the ${defaults.families!.join(', ')} families`;
      return {
        table: style.dim(
          `Karpenter will choose from ${what}: ${count} instance types, each zone's Spot pools.`,
        ),
        suggestions: [],
      };
    }
    const seeds = { types: answers.types ?? [], families: answers.families ?? [] };
    const result = await analyseSeeds(await catalogFor(answers.region!), {
      region: answers.region!,
      ...seeds,
      sizes: given.sizes ?? [],
      pod: podNeeds(answers),
      capacity: answers.capacity ?? DEFAULT_CAPACITY,
      maxSuggestions: deps.maxSuggestions,
      days: deps.days,
      now,
    });
    const unit = result.suggest?.unit ?? 'vcpu';
    const declined = given.addedTypes !== undefined;
    const shown = [
      ...seeds.types,
      ...(declined ? given.addedTypes! : result.suggestions.map((s) => s.instanceType)),
    ];
    const table = renderSeedTable(
      result,
      seeds.types.length > 0 ? shown : undefined,
      now,
      style,
      seeds.types.length > 0 ? `--types ${shown.join(',')}` : `--families ${seeds.families.join(',')}`,
    );
    return {
      table: [table, ...(await placementLines(answers.region!, shown, seeds.types, result))].join('\n'),
      suggestions: declined
        ? []
        : result.suggestions.map((s) => ({
            instanceType: s.instanceType,
            label: suggestionLabel(s, unit),
            reasons: s.reasons,
          })),
    };
  }
}
