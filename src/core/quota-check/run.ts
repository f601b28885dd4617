/**
 * `spotctl quota-check`: the manifests (or a quick question) → demand per quota → the account's quotas →
 * pass, warn or fail, with the exact fix; plus what CI reads (exit code, annotations, JUnit).
 */
import type { CatalogAccess } from '../catalog/access.js';
import { usageError, type ExitCodeValue } from '../errors.js';
import type { FileWriter } from '../files.js';
import { loadManifests, type ManifestFsPort } from '../manifests/sources.js';
import { checkQuotas, type QuotaCheckResult } from '../quota/check.js';
import type { ServiceQuotasPort, UsagePort } from '../quota/ports.js';
import { quotaAnnotations, quotaJunit } from './ci-formats.js';
import { parseCapacityTypes, poolDemandInputs, typeDemandInputs, unusableManifests } from './inputs.js';
import { quotaCheckOutput, quotaExitCode, type QuotaCheckOutput } from './output.js';

export type { QuotaCheckOutput };

export interface QuotaCheckOptions {
  paths: string[];
  types: string[];
  capacity: string[];
  maxNodes?: number;
  usage: boolean;
  strict: boolean;
  /** Also write a JUnit report here. */
  junit?: string;
  force: boolean;
  /** GitHub Actions annotations are wanted (GITHUB_ACTIONS=true). */
  annotate: boolean;
}

export interface QuotaCheckDeps {
  manifests: ManifestFsPort;
  aws: CatalogAccess & {
    serviceQuotas(region: string): Promise<ServiceQuotasPort>;
    usage(region: string): Promise<UsagePort>;
  };
  files: FileWriter;
  note: (message: string) => void;
  now: () => Date;
}

export interface QuotaCheckRun {
  output: QuotaCheckOutput;
  result: QuotaCheckResult;
  exitCode: ExitCodeValue;
  /** `::error …` lines, when annotations were asked for. */
  annotations: string[];
  /** Notes for stderr, after the table. */
  notes: string[];
}

export async function runQuotaCheck(
  options: QuotaCheckOptions,
  deps: QuotaCheckDeps,
): Promise<QuotaCheckRun> {
  if (options.paths.length === 0 && options.types.length === 0) {
    throw usageError('NO_INPUT', 'nothing to check: give manifests or --types', {
      suggestions: [
        'spotctl quota-check karpenter/ --region us-east-1',
        'spotctl quota-check --types g4dn.xlarge --capacity spot --max-nodes 10',
      ],
    });
  }
  const capacity = parseCapacityTypes(options.capacity);
  // Service Quotas is always live: the profile's Region counts even with an offline catalog.
  const region = await deps.aws.region();

  const set = options.paths.length > 0 ? await loadManifests(options.paths, deps.manifests) : undefined;
  const unusable = set && unusableManifests(set, options.paths);
  if (unusable) {
    unusable.notes.forEach(deps.note);
    throw unusable.error;
  }
  const catalog = await deps.aws.catalog(region);
  const specs = await catalog.instanceTypes({});
  const pools = set ? poolDemandInputs(set, specs, options.maxNodes) : { inputs: [], notes: [] };
  pools.notes.forEach(deps.note);
  const inputs = [...pools.inputs, ...typeDemandInputs(options.types, capacity, specs, options.maxNodes)];

  const result = await checkQuotas(inputs, await deps.aws.serviceQuotas(region), {
    region,
    strict: options.strict,
    usage: options.usage ? await deps.aws.usage(region) : undefined,
    now: deps.now,
  });
  if (options.junit)
    await deps.files.writeFiles(
      [{ path: options.junit, content: quotaJunit(result, options.strict, deps.now()) }],
      {
        force: options.force,
      },
    );
  const notes = [...(set?.notes ?? []), ...result.notes];
  return {
    output: quotaCheckOutput(result, region, notes, catalog.info),
    result,
    exitCode: quotaExitCode(result, options.strict),
    annotations: options.annotate ? quotaAnnotations(result, options.strict) : [],
    notes: [...notes, `Catalog: ${catalog.info.description}; quotas: Service Quotas (${region}).`],
  };
}
