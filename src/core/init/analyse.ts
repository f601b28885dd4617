/**
 * What the wizard shows between "seed types" and "capacity": per-AZ Spot prices and availability for the
 * seeds, and the broadened list from `suggest`. The analysis and ranking are the shared ones
 * (core/analysis, core/suggest); this only chooses what to ask them and what to show.
 */
import { analysePrices, type PriceAnalysis } from '../prices/analyse.js';
import type { Catalog, InstanceTypeSpec } from '../catalog/types.js';
import { inputError } from '../errors.js';
import { plainStyle, type Style } from '../format/style.js';
import { planSuggestions } from '../suggest/plan.js';
import type { CapacityStrategy, SuggestedType, SuggestResult } from '../suggest/suggest.js';
import { typeFacts } from './facts.js';
import { renderSeedPriceTable } from './seed-table.js';
import { DEFAULT_CAPACITY, GENERATION_ABOVE } from './questions.js';
import { karpenterLabels } from '../manifests/resolve-types.js';
import { podNeeds, type InitAnswers, type PodNeeds, type TypeFacts } from './types.js';
import { formatUsd } from '../format/money.js';
import { windowEndingAt } from '../catalog/window.js';
import { resolveInstanceTypes } from '../catalog/lookup.js';

export interface SeedInput {
  region: string;
  types: string[];
  families: string[];
  sizes: string[];
  pod: PodNeeds;
  capacity: CapacityStrategy;
  maxSuggestions: number;
  days: number;
  now: Date;
}

export interface SeedAnalysis {
  analysis: PriceAnalysis;
  /** Suggested additions (not the seeds), best first; empty for families. */
  suggestions: SuggestedType[];
  /** The whole `suggest` result, for --json. */
  suggest?: SuggestResult;
  /** Facts for the seeds (or every type of the families) and for each suggestion. */
  facts: TypeFacts[];
}

/** Most family members shown in the table: a family such as m5 has a dozen sizes. */
const FAMILY_TABLE_CAP = 40;

/** Resolve the seeds, price them per AZ, and (for exact types) rank what to add. */
export async function analyseSeeds(catalog: Catalog, input: SeedInput): Promise<SeedAnalysis> {
  if (input.types.length > 0) {
    const { analysis, result } = await planSuggestions(catalog, {
      region: input.region,
      types: input.types,
      requirements: { vcpus: input.pod.vcpus, memoryGiB: input.pod.memoryGiB, gpus: input.pod.gpus },
      capacity: input.capacity,
      maxSuggestions: input.maxSuggestions,
      days: input.days,
      now: input.now,
    });
    const suggestions = result.recommended.filter((type) => !type.seed);
    const wanted = [...input.types, ...suggestions.map((type) => type.instanceType)];
    const specs = await catalog.instanceTypes({ types: wanted });
    return { analysis, suggestions, suggest: result, facts: specs.map(typeFacts) };
  }
  const specs = await familyMembers(catalog, input.families, input.sizes);
  const window = windowEndingAt(input.now, input.days);
  const shown = specs.slice(0, FAMILY_TABLE_CAP).map((spec) => spec.instanceType);
  const analysis = analysePrices(await catalog.regionView(input.region, shown, window), window);
  if (specs.length > shown.length)
    analysis.notes.push(`${specs.length - shown.length} more types of these families not shown.`);
  return { analysis, suggestions: [], facts: specs.map(typeFacts) };
}

/** Every type of the families, in the given sizes, smallest first; an input error when none match. */
export async function familyMembers(
  catalog: Catalog,
  families: string[],
  sizes: string[],
): Promise<InstanceTypeSpec[]> {
  const specs = (await catalog.instanceTypes({ families }))
    .filter((spec) => sizes.length === 0 || sizes.includes(spec.size))
    .sort((a, b) => a.vcpus - b.vcpus || a.instanceType.localeCompare(b.instanceType));
  if (specs.length === 0) {
    throw inputError(
      'NO_MATCHING_TYPES',
      `no instance type in families ${families.join(', ')}${sizes.length > 0 ? ` with sizes ${sizes.join(', ')}` : ''}`,
      {
        suggestions: [
          'Check the names, e.g. --families g4dn --sizes xlarge,2xlarge (or list exact types with --types).',
        ],
      },
    );
  }
  return specs;
}

/**
 * Every type of the categories, generation 3 or later, that Karpenter could launch on amd64 nodes (the
 * architecture Karpenter's getting-started pool asks for): what a category pool resolves to.
 */
export async function categoryMembers(catalog: Catalog, categories: string[]): Promise<InstanceTypeSpec[]> {
  const specs = (await catalog.instanceTypes({ categories })).filter((spec) => {
    const labels = karpenterLabels(spec);
    return (
      categories.includes(labels['karpenter.k8s.aws/instance-category'] ?? '') &&
      Number(labels['karpenter.k8s.aws/instance-generation']) > GENERATION_ABOVE &&
      labels['kubernetes.io/arch'] === 'amd64'
    );
  });
  if (specs.length === 0) {
    throw inputError('NO_MATCHING_TYPES', `no instance type in categories ${categories.join(', ')}`, {
      suggestions: ['Check the categories, e.g. --categories c,m,r (or list exact types with --types).'],
    });
  }
  return specs.sort((a, b) => a.vcpus - b.vcpus || a.instanceType.localeCompare(b.instanceType));
}

/**
 * The price table limited to `types` (default: the seeds, or family members, and the suggestions), short
 * enough to keep the next question on the screen.
 */
export function renderSeedTable(
  result: SeedAnalysis,
  types: string[] | undefined,
  now: Date,
  style: Style = plainStyle,
  pricesArgs = '',
): string {
  const keep = new Set(types ?? result.facts.map((fact) => fact.instanceType));
  const analysis = {
    ...result.analysis,
    types: result.analysis.types.filter((t) => keep.has(t.instanceType)),
  };
  return renderSeedPriceTable(analysis, now, pricesArgs, style);
}

/** One line per suggestion for the checkbox: type, Spot price per unit, savings, interruption bucket. */
export function suggestionLabel(type: SuggestedType, unit: 'gpu' | 'vcpu'): string {
  return [
    type.instanceType.padEnd(16),
    `${formatUsd(type.spotPricePerUnit)}/${unit === 'gpu' ? 'GPU' : 'vCPU'}-h`,
    type.savingsPct !== undefined ? `${type.savingsPct}% off` : '',
    type.interruption ? `interruption ${type.interruption.label}` : '',
    `${type.offeredZones.length} zones`,
  ]
    .filter(Boolean)
    .join('  ');
}

export interface FinalTypes {
  /** The answers with `addedTypes` settled. */
  answers: InitAnswers;
  /** Suggested types added to the seeds. */
  added: string[];
  facts: TypeFacts[];
}

/**
 * The instance types the config is built from: the seeds plus the suggestions the user ticked (or, when
 * nobody was asked — `--yes` — every suggestion offered, as the wizard pre-selects them all), or every
 * type of the chosen families. Unknown names fail with the nearest real ones.
 */
export async function finalTypes(
  catalog: Catalog,
  answers: InitAnswers,
  options: { maxSuggestions: number; days: number; now: Date },
): Promise<FinalTypes> {
  const types = answers.types ?? [];
  if (types.length === 0 && (answers.categories ?? []).length > 0) {
    const specs = await categoryMembers(catalog, answers.categories!);
    return { answers, added: [], facts: specs.map(typeFacts) };
  }
  if (types.length === 0) {
    const specs = await familyMembers(catalog, answers.families ?? [], answers.sizes ?? []);
    return { answers, added: [], facts: specs.map(typeFacts) };
  }
  let settled = answers;
  if (answers.addedTypes === undefined) {
    const result = await analyseSeeds(catalog, {
      region: answers.region!,
      types,
      families: [],
      sizes: [],
      pod: podNeeds(answers),
      capacity: answers.capacity ?? DEFAULT_CAPACITY,
      ...options,
    });
    settled = { ...answers, addedTypes: result.suggestions.map((s) => s.instanceType) };
  }
  const added = (settled.addedTypes ?? []).filter((type) => !types.includes(type));
  const specs = await resolveInstanceTypes(catalog, [...new Set([...types, ...added])]);
  return { answers: settled, added, facts: specs.map(typeFacts) };
}
