import { Flags, type Interfaces } from '@oclif/core';

import { runQuotaCheck, type QuotaCheckOptions, type QuotaCheckOutput } from '../core/quota-check/run.js';
import { renderQuotaTable } from '../core/quota-check/text.js';
import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags, manifestPathsArg, splitList } from '../runtime/flags.js';
import { localFileWriter } from '../runtime/write-files.js';

export type { QuotaCheckOutput } from '../core/quota-check/output.js';

export default class QuotaCheckCommand extends BaseCommand {
  static override summary = 'Check that EC2 vCPU quotas cover what your NodePools can launch (for CI).';
  static override description = `For each NodePool (karpenter.sh/v1, v1beta1, EKS Auto Mode) or Provisioner (v1alpha5) — or a quick question with --types/--capacity/--max-nodes — works out the most vCPUs Karpenter may launch per EC2 vCPU quota (Standard, G and VT, P, …) and capacity type. Limits are counted as Karpenter counts them: a type one node of which exceeds a limit never launches, nodes come whole, memory counts less the VM overhead (--vm-memory-overhead-percent), and one pool's limits bound all its quotas together (each quota is checked as if every node came from its types). Pools sharing a quota are summed. A limit key Karpenter ignores (gpu for nvidia.com/gpu) bounds nothing; the pool is also shown as intended.

Quotas come from --quota CODE=VALUE and --quotas FILE first, then Service Quotas (ListServiceQuotas, matched by name; GetServiceQuota with the known code as fallback); --usage subtracts current usage from CloudWatch (AWS/Usage ResourceCount). A denied call makes a quota "unknown", not zero. With --offline nothing calls AWS: quotas not given are unknown.

Exit status: 0 all quotas suffice; 1 a shortfall (or, with --strict, an unbounded pool or a quota that could not be read); 2 bad flags (unknown quota code); 3 unreadable manifests or quotas file, an invalid limit, an unknown Region; 4 credentials missing or, with --strict, permissions denied. GITHUB_ACTIONS=true adds ::error annotations on the NodePools at fault.`;
  static override examples = [
    '<%= config.bin %> quota-check karpenter/ --region us-east-1',
    '<%= config.bin %> quota-check nodepool-gpu.yaml --usage --strict --junit quota.xml',
    '<%= config.bin %> quota-check karpenter/ --offline --region ap-southeast-1 --quota L-3819A6DF=64 --strict',
    '<%= config.bin %> quota-check karpenter/ --offline --region us-east-1 --quotas quotas.yaml',
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
      description:
        'Fail when a pool has no bounding limit or a quota cannot be read (unknown), instead of warning.',
    }),
    quota: Flags.string({
      description:
        'Use this quota value instead of Service Quotas: CODE=VCPUS, e.g. L-3819A6DF=64. Repeatable.',
      multiple: true,
    }),
    quotas: Flags.string({
      description:
        'YAML or JSON file of quota codes to vCPUs (or saved `aws service-quotas list-service-quotas --service-code ec2` output).',
      env: 'SPOTCTL_QUOTAS',
    }),
    'vm-memory-overhead-percent': Flags.string({
      description:
        "Karpenter's settings.vmMemoryOverheadPercent, a fraction (0.075 = 7.5 %): memory limits count each node's memory less this share.",
      default: '0.075',
    }),
    junit: Flags.string({ description: 'Also write a JUnit XML report to this file.' }),
    force: Flags.boolean({ description: 'Overwrite the --junit file if it exists.' }),
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<QuotaCheckOutput> {
    const { flags, argv } = await this.parse(QuotaCheckCommand);
    const run = await runQuotaCheck(
      quotaCheckOptions(flags, argv as string[], this.io.env.GITHUB_ACTIONS === 'true'),
      {
        manifests: nodeManifestFs(this.io.stdin),
        aws: this.awsContext(flags),
        files: localFileWriter(),
        note: this.note,
        now: () => this.io.now(),
      },
    );
    this.printWorkflowCommands(run.annotations);
    this.print({
      stdout: renderQuotaTable(run.result, this.term.stdoutStyle, flags.usage),
      stderr: run.notes,
    });
    this.setExitCode(run.exitCode);
    return run.output;
  }
}

/** The flags as the core's options (what each one means is decided there). */
function quotaCheckOptions(
  flags: Interfaces.InferredFlags<typeof QuotaCheckCommand.flags>,
  paths: string[],
  annotate: boolean,
): QuotaCheckOptions {
  return {
    paths,
    types: flags.types === undefined ? undefined : splitList(flags.types, 'types'),
    capacity: splitList(flags.capacity, 'capacity'),
    maxNodes: flags['max-nodes'],
    usage: flags.usage,
    strict: flags.strict,
    junit: flags.junit,
    force: flags.force,
    annotate,
    quota: flags.quota ?? [],
    quotasFile: flags.quotas,
    vmMemoryOverhead: flags['vm-memory-overhead-percent'],
    offline: flags.offline === true,
  };
}
