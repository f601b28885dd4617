/**
 * The plan of one `spotctl init` run: answers + catalog + clock → the config, its files (with the paths
 * they will be written to) and the --json result. Pure apart from the catalog it reads.
 */
import { join } from 'node:path';

import type { Catalog } from '../catalog/types.js';
import type { TemplateSet } from '../emit/document.js';
import { emitInitFiles, type FileRole, type InitFiles } from '../emit/init-files.js';
import { finalTypes } from './analyse.js';
import { buildInitConfig } from './build-config.js';
import { valueOf } from './questions.js';
import type { InitAnswers, InitConfig } from './types.js';
import { inputError } from '../errors.js';
import { validateManifestTexts } from '../manifests/validate-texts.js';

/** One lint finding, as the summary and --json show it. */
export interface PlanFinding {
  file: string;
  line: number;
  severity: 'error' | 'warning' | 'info';
  ruleId: string;
  message: string;
  fix: string;
}

/** The --json result of `spotctl init`. */
export interface InitOutput {
  written: boolean;
  dryRun: boolean;
  outputDir: string;
  files: Array<{ path: string; role: FileRole; bytes: number; content?: string }>;
  nextCommands: string[];
  warnings: string[];
  config: InitConfig;
  addedTypes: string[];
  source: { kind: string; description: string; generatedAt: string };
  /** What `spotctl lint` finds in the files. */
  lint: PlanFinding[];
}

export interface PlannedFile {
  /** Where it goes, as the user named the directory (relative paths stay relative). */
  path: string;
  role: FileRole;
  content: string;
  /** The objects in the file, in order, and the text of each. */
  documents: Array<Record<string, unknown>>;
  parts: string[];
}

export interface InitPlan {
  /** The answers with the suggestions settled (ticked, or all of them when nobody was asked). */
  answers: InitAnswers;
  config: InitConfig;
  /** Suggested types added to the seeds. */
  added: string[];
  /** Ignored answers and risky choices, for stderr and the JSON result. */
  notes: string[];
  files: PlannedFile[];
  emitted: InitFiles;
  source: InitOutput['source'];
}

export interface PlanOptions {
  maxSuggestions: number;
  days: number;
  now: Date;
  /** spotctl's version, stamped into every file. */
  version: string;
  templates: TemplateSet;
}

/**
 * Work out everything a run writes: the final instance types (seeds plus suggestions), the config, and
 * every file's text. Throws the config's usage and input errors, naming the flags.
 */
export async function planInit(
  answers: InitAnswers,
  catalog: Catalog,
  options: PlanOptions,
): Promise<InitPlan> {
  const final = await finalTypes(catalog, withSeedDefaults(answers), options);
  const { config, notes } = buildInitConfig(final.answers, final.facts);
  const emitted = emitInitFiles(config, {
    version: options.version,
    date: options.now.toISOString().slice(0, 10),
    source: `${catalog.info.description}${catalog.info.kind === 'live' ? '' : `, ${config.region}`}`,
    templates: options.templates,
  });
  assertServerAccepts(
    emitted.files.map((file) => ({ path: join(config.outputDir, file.name), text: file.content })),
  );
  return {
    answers: final.answers,
    config,
    added: final.added,
    notes,
    files: emitted.files.map((file) => ({
      path: join(config.outputDir, file.name),
      role: file.role,
      content: file.content,
      documents: file.documents,
      parts: file.parts,
    })),
    emitted,
    source: {
      kind: catalog.info.kind,
      description: catalog.info.description,
      generatedAt: catalog.info.generatedAt,
    },
  };
}

/**
 * Nothing is written that the API server would reject: every Karpenter object is checked against its
 * CRD's schema and CEL rules first (a value a flag let through, such as a Windows alias pinned to a
 * version, is caught here with the server's own words).
 * @throws SpotctlError INVALID_MANIFEST (input).
 */
function assertServerAccepts(files: Array<{ path: string; text: string }>): void {
  const errors = validateManifestTexts(files).filter((finding) => finding.severity === 'error');
  const first = errors[0];
  if (!first) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw inputError(
    'INVALID_MANIFEST',
    `the API server would reject ${first.resource ?? first.file}: ${first.message}${more}; nothing was written`,
    {
      suggestions: [
        'Change the flag or answer that set this value (see `spotctl init --help`), then run init again.',
      ],
    },
  );
}

/** No types, families or categories given: the table's default selection for the workload. */
export function withSeedDefaults(answers: InitAnswers): InitAnswers {
  if (answers.types?.length || answers.families?.length || answers.categories?.length) return answers;
  const families = valueOf(answers, 'families');
  const categories = valueOf(answers, 'categories');
  return { ...answers, ...(families ? { families } : {}), ...(categories ? { categories } : {}) };
}

/** The --json result for a plan. `dryRun` includes every file's content. */
export function initOutput(
  plan: InitPlan,
  state: { written: boolean; dryRun: boolean },
  lint: PlanFinding[] = [],
): InitOutput {
  return {
    ...state,
    outputDir: plan.config.outputDir,
    files: plan.files.map((file) => ({
      path: file.path,
      role: file.role,
      bytes: new TextEncoder().encode(file.content).length,
      ...(state.dryRun ? { content: file.content } : {}),
    })),
    nextCommands: plan.emitted.nextCommands,
    warnings: [...plan.emitted.warnings, ...plan.notes],
    config: plan.config,
    addedTypes: plan.added,
    source: plan.source,
    lint,
  };
}

/** A finished init run: its --json result, plus what the text display needs that --json leaves out. */
export interface InitOutcome {
  output: InitOutput;
  /** Every file in full, its path as the user gave it. */
  files: Array<Pick<PlannedFile, 'path' | 'role' | 'content' | 'parts'>>;
  /**
   * Warnings about the files. A run that writes has shown them already, before writing (even under
   * --json); a dry run leaves them to the display.
   */
  fileWarnings: string[];
}
