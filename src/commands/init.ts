import type { InitOutput } from '../core/init/plan.js';
import { runInit } from '../core/init/run.js';
import { renderInitOutcome } from '../core/init/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags } from '../runtime/flags.js';
import { initDeps } from '../runtime/init-deps.js';
import { initFlags, initRequest } from '../runtime/init-flags.js';

export type { InitOutput } from '../core/init/plan.js';

export default class Init extends BaseCommand {
  static override progressLine = false;

  static override summary = 'Write Karpenter manifests for Spot: answer a few questions, or pass flags.';
  static override description = `Asks for the Region, the cluster, the workload and the instance types (with a table of Spot prices and availability, and more types to add, with reasons), then the capacity strategy, limits, Karpenter API version and interruption handling. Every question has a default: pressing Enter throughout gives Karpenter's general-purpose Spot pool (any c, m or r type of generation 3 or later, Spot falling back to On-Demand). Before writing, it shows a summary and what \`spotctl lint\` says about the files.

Files: ec2nodeclass.yaml and nodepool.yaml (karpenter.sh/v1), or with --api v1alpha5 (Karpenter before 0.32) provisioner.yaml and awsnodetemplate.yaml; then karpenter-values.yaml (native interruption handling) or nth-values.yaml (aws-node-termination-handler), which are Helm values.

Every question has a flag. With --yes the defaults are taken; without a terminal and without --yes, init does not wait: it exits 2 naming the flags to pass. --dry-run prints the manifests as one stream for \`kubectl apply -f -\` (Helm values go to stderr). Existing files are never replaced without --force (or a yes on a terminal), and are written atomically.

Uses live AWS data when credentials are available, otherwise the bundled data (--offline to choose it).`;
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init -y --dry-run --cluster-name prod | kubectl apply -f -',
    '<%= config.bin %> init -y --cluster-name ml -t g5.xlarge --fallback weighted-pools',
    '<%= config.bin %> init -y --cluster-name web --families m6i,m7i -d web/',
    '<%= config.bin %> init -y --offline --api v1alpha5 --interruption nth-imds --json',
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
