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
import {
  parseCapacityTypes,
  parseOverhead,
  poolDemandInputs,
  typeDemandInputs,
  unusableManifests,
} from './inputs.js';
import { quotaCheckOutput, quotaExitCode, type QuotaCheckOutput } from './output.js';
import { mergeGivenQuotas, parseQuotaFlags, readQuotasFile } from './quota-values.js';
import { quotaSourcesNote } from './text.js';
import { assertKnownRegion } from '../catalog/lookup.js';

export type { QuotaCheckOutput };

export interface QuotaCheckOptions {
  paths: string[];
  /** --types names; undefined when the flag was not given. */
  types?: string[];
  capacity: string[];
  maxNodes?: number;
  usage: boolean;
  strict: boolean;
  /** Also write a JUnit report here. */
  junit?: string;
  force: boolean;
  /** GitHub Actions annotations are wanted (GITHUB_ACTIONS=true). */
  annotate: boolean;
  /** --quota CODE=VALUE entries. */
  quota: string[];
  /** --quotas FILE. */
  quotasFile?: string;
  /** --vm-memory-overhead-percent as written (a fraction, Karpenter's unit). */
  vmMemoryOverhead: string;
  /** --offline: no AWS call at all. */
  offline: boolean;
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

/** Flag problems that need no input read: usage errors, before anything else happens. */
function checkFlags(options: QuotaCheckOptions) {
  if (options.types !== undefined && options.types.length === 0)
    throw usageError('EMPTY_TYPES', '--types names no instance type', {
      suggestions: ['Give names like --types g4dn.xlarge,g4dn.2xlarge, or leave --types out.'],
    });
  if (options.paths.length === 0 && !options.types?.length) {
    throw usageError('NO_INPUT', 'nothing to check: give manifests or --types', {
      suggestions: [
        'spotctl quota-check karpenter/ --region us-east-1',
        'spotctl quota-check --types g4dn.xlarge --capacity spot --max-nodes 10',
      ],
    });
  }
  if (options.usage && options.offline)
    throw usageError('USAGE_OFFLINE', '--usage reads CloudWatch, but --offline never calls AWS', {
      suggestions: ['Drop --offline (use --snapshot for the catalog instead), or drop --usage.'],
    });
  return {
    capacity: parseCapacityTypes(options.capacity),
    overhead: parseOverhead(options.vmMemoryOverhead),
    flagQuotas: parseQuotaFlags(options.quota),
  };
}

/** A Service Quotas port that creates its client on the first call, so unneeded access costs nothing. */
function lazyPort(create: () => Promise<ServiceQuotasPort>): ServiceQuotasPort {
  let port: Promise<ServiceQuotasPort> | undefined;
  const get = () => (port ??= create());
  return {
    listEc2Quotas: async () => (await get()).listEc2Quotas(),
    getEc2Quota: async (code) => (await get()).getEc2Quota(code),
  };
}

/**
 * Run quota-check: flags → Region → quota values → manifests → demand → quotas → verdicts (+ JUnit).
 * With --offline nothing calls AWS: quotas not given are unknown.
 */
export async function runQuotaCheck(
  options: QuotaCheckOptions,
  deps: QuotaCheckDeps,
): Promise<QuotaCheckRun> {
  const { capacity, overhead, flagQuotas } = checkFlags(options);
  // Service Quotas is live even with a snapshot catalog: the profile's Region counts then.
  const region = await deps.aws.region();
  assertKnownRegion(region);
  const fileQuotas = options.quotasFile ? await readQuotasFile(options.quotasFile, deps.manifests) : [];
  const given = mergeGivenQuotas(fileQuotas, flagQuotas);

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
  const inputs = [
    ...pools.inputs,
    ...typeDemandInputs(options.types ?? [], capacity, specs, options.maxNodes),
  ];

  const result = await checkQuotas(
    inputs,
    options.offline ? undefined : lazyPort(() => deps.aws.serviceQuotas(region)),
    {
      region,
      strict: options.strict,
      usage: options.usage ? await deps.aws.usage(region) : undefined,
      given,
      demand: { vmMemoryOverheadPercent: overhead },
      now: deps.now,
    },
  );
  if (options.junit)
    await deps.files.writeFiles(
      [{ path: options.junit, content: quotaJunit(result, options.strict, deps.now()) }],
      { force: options.force },
    );
  const notes = [...(set?.notes ?? []), ...result.notes];
  return {
    output: quotaCheckOutput(result, region, notes, catalog.info, overhead),
    result,
    exitCode: quotaExitCode(result, options.strict),
    annotations: options.annotate ? quotaAnnotations(result, options.strict) : [],
    notes: [...notes, `Catalog: ${catalog.info.description}; ${quotaSourcesNote(result, region)}.`],
  };
}
