import { Flags } from '@oclif/core';

import type { InstanceTypeSpec } from '../core/catalog/types.js';
import { ExitCode, inputError, usageError } from '../core/errors.js';
import type { CapacityType } from '../core/manifests/labels.js';
import { poolFacts } from '../core/manifests/pool-facts.js';
import { loadManifests } from '../core/manifests/sources.js';
import type { ManifestSet } from '../core/manifests/types.js';
import { checkQuotas, type QuotaCheck, type QuotaCheckResult } from '../core/quota/check.js';
import type { PoolDemandInput } from '../core/quota/demand.js';
import { quotaAnnotations, quotaJunit, renderQuotaTable } from '../core/quota/report.js';
import { nearest } from '../core/text/nearest.js';
import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { BaseCommand } from '../runtime/base-command.js';
import { resolveCatalog } from '../runtime/catalog-source.js';
import { awsFlags, catalogFlags, manifestPathsArg, splitList } from '../runtime/flags.js';
import { resolveRegion } from '../runtime/region.js';
import { writeFileAtomic } from '../runtime/write-files.js';

export interface QuotaCheckOutput {
  ok: boolean;
  region: string;
  checks: QuotaCheck[];
  pools: Array<{
    name: string;
    file?: string;
    line?: number;
    unbounded: boolean;
    demand: Array<{
      bucket: string;
      capacityType: string;
      vcpus: number | null;
      basis: string;
      instanceTypes: number;
    }>;
  }>;
  notes: string[];
  source: { kind: string; description: string };
}

export default class QuotaCheckCommand extends BaseCommand {
  static override summary = 'Check that EC2 vCPU quotas cover what your NodePools can launch (for CI).';
  static override description = `For each NodePool (karpenter.sh/v1, v1beta1) or Provisioner (v1alpha5) — or a quick question with --types/--capacity/--max-nodes — works out the worst-case vCPUs it can launch per EC2 vCPU quota (Standard, G and VT, P, …) and capacity type, from its limits (cpu, memory, nvidia.com/gpu and other devices through the allowed types' vCPUs per device, nodes × largest type). Pools sharing a quota are summed. Instance types come from the requirements resolved through the catalog.

Quotas come from Service Quotas (ListServiceQuotas, matched by name; GetServiceQuota with the known code as fallback); --usage subtracts current usage from CloudWatch (AWS/Usage ResourceCount). A denied call makes a quota "unknown", not zero.

Exit status: 0 all quotas suffice; 1 a shortfall (or, with --strict, a quota that could not be read); 4 credentials missing or, with --strict, permissions denied; 3 unreadable manifests. GITHUB_ACTIONS=true adds ::error annotations on the NodePools at fault.`;
  static override examples = [
    '<%= config.bin %> quota-check karpenter/ --region us-east-1',
    '<%= config.bin %> quota-check nodepool-gpu.yaml --usage --strict --junit quota.xml',
    '<%= config.bin %> quota-check --types g4dn.xlarge,g4dn.2xlarge --capacity spot --max-nodes 20 --region ap-southeast-1',
    '<%= config.bin %> quota-check manifests/ --snapshot catalog.json --json',
  ];

  static override strict = false;
  static override args = {
    paths: manifestPathsArg(),
  };

  static override flags = {
    types: Flags.string({
      description: 'Instance types or families to check instead of (or besides) manifests, comma-separated.',
      multiple: true,
    }),
    capacity: Flags.string({
      description: 'Capacity types for --types, comma-separated.',
      default: 'spot,on-demand',
    }),
    'max-nodes': Flags.integer({
      description: 'Nodes to assume for pools without limits (and for --types).',
      min: 1,
    }),
    usage: Flags.boolean({
      description: 'Subtract current usage from CloudWatch (AWS/Usage ResourceCount).',
    }),
    strict: Flags.boolean({
      description: 'Fail when a quota cannot be read (unknown) instead of passing it.',
    }),
    junit: Flags.string({ description: 'Also write a JUnit XML report to this file.' }),
    force: Flags.boolean({ description: 'Overwrite the --junit file if it exists.' }),
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<QuotaCheckOutput> {
    const { flags, argv } = await this.parse(QuotaCheckCommand);
    const paths = argv as string[];
    const typeNames = splitList(flags.types);
    if (paths.length === 0 && typeNames.length === 0) {
      throw usageError('NO_INPUT', 'nothing to check: give manifests or --types', {
        suggestions: [
          'spotctl quota-check karpenter/ --region us-east-1',
          'spotctl quota-check --types g4dn.xlarge --capacity spot --max-nodes 10',
        ],
      });
    }
    const capacity = parseCapacity(flags.capacity);
    const region = await resolveRegion(flags);

    const set = paths.length > 0 ? await loadManifests(paths, nodeManifestFs()) : undefined;
    if (set) this.assertUsable(set, paths);
    const catalogSource = await resolveCatalog({ ...flags, region }, (message) => this.note(message));
    const catalog = await catalogSource.instanceTypes({});
    const inputs = [
      ...(set ? this.poolInputs(set, catalog, flags['max-nodes']) : []),
      ...this.typeInputs(typeNames, capacity, catalog, flags['max-nodes']),
    ];

    // The SDK is loaded only now, once the input is known to be good.
    const awsOptions = { region, profile: flags.profile, endpointUrl: flags['endpoint-url'] };
    const { createServiceQuotasPort } = await import('../adapters/aws/service-quotas.js');
    const quotas = await createServiceQuotasPort(awsOptions);
    const usage = flags.usage
      ? await (await import('../adapters/aws/cloudwatch-usage.js')).createUsagePort(awsOptions)
      : undefined;
    const result = await checkQuotas(inputs, quotas, {
      region,
      strict: flags.strict,
      usage,
      now: () => new Date(),
    });

    const notes = [...(set?.notes ?? []), ...result.notes];
    if (process.env.GITHUB_ACTIONS === 'true') {
      const annotations = quotaAnnotations(result, flags.strict).join('\n');
      if (annotations) (this.jsonEnabled() ? process.stderr : process.stdout).write(`${annotations}\n`);
    }
    if (flags.junit)
      await writeFileAtomic(flags.junit, quotaJunit(result, flags.strict, new Date()), {
        force: flags.force,
      });
    if (!this.jsonEnabled()) this.log(renderQuotaTable(result, this.term.stdoutStyle, flags.usage));
    for (const note of notes) this.note(note);
    this.note(`Catalog: ${catalogSource.info.description}; quotas: Service Quotas (${region}).`);
    this.setExitCode(exitCodeFor(result, flags.strict));
    return toOutput(result, region, notes, catalogSource.info);
  }

  /** Broken YAML cannot be quota-checked; say where, and stop with the input exit code. */
  private assertUsable(set: ManifestSet, paths: string[]): void {
    const problem = set.problems[0];
    if (problem) {
      const more = set.problems.length > 1 ? ` (and ${set.problems.length - 1} more)` : '';
      throw inputError(
        'MALFORMED_MANIFEST',
        `${problem.file}:${problem.line}:${problem.column} ${problem.message}${more}`,
        {
          suggestions: ['Fix the manifest (spotctl lint shows every problem), then run quota-check again.'],
        },
      );
    }
    if (set.nodePools.length === 0) {
      for (const note of set.notes) this.note(note);
      throw inputError('NO_NODEPOOLS', `no NodePool or Provisioner in ${paths.join(', ')}`, {
        suggestions: [
          'Point quota-check at Karpenter NodePool manifests, or ask a quick question with --types.',
        ],
      });
    }
  }

  private poolInputs(set: ManifestSet, catalog: InstanceTypeSpec[], maxNodes?: number): PoolDemandInput[] {
    return set.nodePools.map((pool) => {
      const facts = poolFacts(pool, catalog);
      const resolved = facts.resolved!;
      const narrowing = resolved.ignoredKeys.filter(
        (key) =>
          !['kubernetes.io/os', 'topology.kubernetes.io/zone', 'topology.k8s.aws/zone-id'].includes(key),
      );
      if (narrowing.length > 0)
        this.note(
          `${pool.name}: requirements on ${narrowing.join(', ')} are not instance-type data spotctl has; the demand shown is an upper bound`,
        );
      for (const name of [...resolved.unknownTypes, ...resolved.unknownFamilies])
        this.note(`${pool.name}: ${name} is not a known instance type or family; ignored (see spotctl lint)`);
      return {
        name: pool.name,
        file: pool.ref.file,
        span: pool.limits[0]?.keySpan ?? pool.ref.span,
        capacityTypes: facts.capacityTypes,
        types: resolved.types,
        limits: pool.limits.map((limit) => ({ resource: limit.resource, raw: limit.raw })),
        replicas: pool.replicas?.value,
        maxNodes,
      };
    });
  }

  private typeInputs(
    names: string[],
    capacity: CapacityType[],
    catalog: InstanceTypeSpec[],
    maxNodes?: number,
  ): PoolDemandInput[] {
    if (names.length === 0) return [];
    const types: InstanceTypeSpec[] = [];
    for (const name of names) {
      const matches = name.includes('.')
        ? catalog.filter((t) => t.instanceType === name)
        : catalog.filter((t) => t.family === name);
      if (matches.length === 0) {
        const candidates = name.includes('.')
          ? catalog.map((t) => t.instanceType)
          : [...new Set(catalog.map((t) => t.family))];
        const close = nearest(name, candidates, 1)[0];
        throw inputError('UNKNOWN_INSTANCE_TYPE', `unknown instance type or family "${name}"`, {
          suggestions: [
            close ? `Did you mean ${close}?` : 'Use names like g4dn.xlarge, or a family like g4dn.',
          ],
        });
      }
      types.push(...matches);
    }
    return [{ name: '--types', capacityTypes: capacity, types, limits: [], maxNodes }];
  }
}

function parseCapacity(value: string): CapacityType[] {
  const values = splitList(value);
  const valid: CapacityType[] = ['spot', 'on-demand'];
  for (const v of values) {
    if (!(valid as string[]).includes(v)) {
      throw usageError('BAD_CAPACITY', `--capacity "${v}" is not spot or on-demand`, {
        suggestions: ['Use --capacity spot, --capacity on-demand, or --capacity spot,on-demand.'],
      });
    }
  }
  return values as CapacityType[];
}

/** 1 for a shortfall; with --strict, 4 when permissions hid a quota and 1 when it is otherwise unknown. */
export function exitCodeFor(result: QuotaCheckResult, strict: boolean) {
  if (result.checks.some((c) => c.status === 'fail')) return ExitCode.findings;
  if (strict && result.checks.some((c) => c.status === 'unknown')) {
    return result.checks.some((c) => c.unknownReason === 'permission') ? ExitCode.auth : ExitCode.findings;
  }
  return ExitCode.ok;
}

function toOutput(
  result: QuotaCheckResult,
  region: string,
  notes: string[],
  info: { kind: string; description: string },
): QuotaCheckOutput {
  return {
    ok: result.ok,
    region,
    checks: result.checks,
    pools: result.pools.map((p) => ({
      name: p.name,
      ...(p.file ? { file: p.file, line: p.span?.line } : {}),
      unbounded: p.unbounded,
      demand: p.demands.map((d) => ({
        bucket: d.bucketId,
        capacityType: d.market,
        vcpus: d.vcpus,
        basis: d.basis,
        instanceTypes: d.types.length,
      })),
    })),
    notes: [...new Set(notes)],
    source: { kind: info.kind, description: info.description },
  };
}
