import { Flags } from '@oclif/core';

import { runQuotaCheck, type QuotaCheckOutput } from '../core/quota-check/run.js';
import { renderQuotaTable } from '../core/quota-check/text.js';
import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags, manifestPathsArg, splitList } from '../runtime/flags.js';
import { localFileWriter } from '../runtime/write-files.js';

export type { QuotaCheckOutput } from '../core/quota-check/output.js';

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
    const run = await runQuotaCheck(
      {
        paths: argv as string[],
        types: splitList(flags.types),
        capacity: splitList(flags.capacity),
        maxNodes: flags['max-nodes'],
        usage: flags.usage,
        strict: flags.strict,
        junit: flags.junit,
        force: flags.force,
        annotate: this.io.env.GITHUB_ACTIONS === 'true',
      },
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
