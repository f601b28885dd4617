import type { InitOutput } from '../core/init/plan.js';
import { runInit } from '../core/init/run.js';
import { renderInitOutcome } from '../core/init/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags } from '../runtime/flags.js';
import { initDeps } from '../runtime/init-deps.js';
import { initFlags, initRequest } from '../runtime/init-flags.js';

export type { InitOutput } from '../core/init/plan.js';

export default class Init extends BaseCommand {
  static override summary =
    'Answer a few questions (or pass flags) and get Karpenter manifests and interruption-handling values for Spot.';
  static override description = `Walks through region, cluster, workload, seed instance types, a per-AZ table of Spot prices, savings and availability, suggested additional types (pre-selected, with reasons), capacity strategy, limits, Karpenter API version and interruption handling, then writes ready-to-apply files and prints the exact commands to apply them:

  v1 (default):  ec2nodeclass.yaml, nodepool.yaml (karpenter.sh/v1, karpenter.k8s.aws/v1)
  v1alpha5:      awsnodetemplate.yaml (unless --inline-provider), provisioner.yaml (Karpenter < 0.32)
  interruption:  karpenter-values.yaml (native, the default for v1: settings.interruptionQueue, a queue NAME)
                 or nth-values.yaml (aws-node-termination-handler in IMDS or queue mode)

Every question has a flag. In a terminal, unanswered questions are asked; with --yes the defaults are taken. Without a terminal and without --yes, init does not wait: it exits with a usage error naming the flags to pass. Existing files are never replaced without --force (or a yes on a terminal), and are written atomically.

Uses live AWS data when credentials are available, otherwise the bundled data (--offline to choose it).`;
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --yes --region us-east-1 --cluster-name prod --types g4dn.xlarge,g4dn.2xlarge',
    '<%= config.bin %> init --yes --offline --region ap-southeast-1 --cluster-name karpenter-cluster --types g4dn.xlarge,g4dn.2xlarge --no-suggested --api v1alpha5 --inline-provider --gpu-limit 100 --cpu-limit none --memory-limit none --interruption nth-imds',
    '<%= config.bin %> init --yes --region eu-west-1 --cluster-name web --families m6i,m7i --sizes xlarge,2xlarge --capacity spot --dry-run',
    '<%= config.bin %> init --yes --region us-west-2 --cluster-name ml --types g5.xlarge --fallback weighted-pools --json',
  ];

  static override flags = { ...awsFlags, ...initFlags, ...catalogFlags };

  async run(): Promise<InitOutput> {
    const { flags } = await this.parse(Init);
    const outcome = await runInit(
      initRequest(flags),
      initDeps({
        io: this.io,
        terminal: this.term,
        catalogs: this.awsContext(flags),
        version: this.config.version,
        note: this.note,
        quiet: flags.quiet || this.jsonEnabled(),
      }),
    );
    if (!this.jsonEnabled()) {
      this.print(
        renderInitOutcome(outcome, { stdout: this.term.stdoutStyle, stderr: this.term.stderrStyle }),
      );
    }
    return outcome.output;
  }
}
