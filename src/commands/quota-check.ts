import { Flags } from '@oclif/core';

import { usageError } from '../core/errors.js';
import { loadManifests } from '../core/manifests/sources.js';
import { checkQuotas } from '../core/quota/check.js';
import {
  parseCapacityTypes,
  poolDemandInputs,
  typeDemandInputs,
  unusableManifests,
} from '../core/quota/inputs.js';
import { quotaCheckOutput, quotaExitCode, type QuotaCheckOutput } from '../core/quota/output.js';
import { quotaAnnotations, quotaJunit, renderQuotaTable } from '../core/quota/report.js';
import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { BaseCommand } from '../runtime/base-command.js';
import { resolveCatalog } from '../runtime/catalog-source.js';
import { awsFlags, catalogFlags, manifestPathsArg, splitList } from '../runtime/flags.js';
import { resolveRegion } from '../runtime/region.js';
import { writeFileAtomic } from '../runtime/write-files.js';

export type { QuotaCheckOutput } from '../core/quota/output.js';

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
    const capacity = parseCapacityTypes(splitList(flags.capacity));
    const region = await resolveRegion(flags);

    const set = paths.length > 0 ? await loadManifests(paths, nodeManifestFs()) : undefined;
    const unusable = set && unusableManifests(set, paths);
    if (unusable) {
      for (const note of unusable.notes) this.note(note);
      throw unusable.error;
    }
    const catalogSource = await resolveCatalog({ ...flags, region }, (message) => this.note(message));
    const catalog = await catalogSource.instanceTypes({});
    const pools = set ? poolDemandInputs(set, catalog, flags['max-nodes']) : { inputs: [], notes: [] };
    for (const note of pools.notes) this.note(note);
    const inputs = [...pools.inputs, ...typeDemandInputs(typeNames, capacity, catalog, flags['max-nodes'])];

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
    this.setExitCode(quotaExitCode(result, flags.strict));
    return quotaCheckOutput(result, region, notes, catalogSource.info);
  }
}
