import { Flags } from '@oclif/core';

import { renderLintReport, type LintFormat } from '../core/lint/formats.js';
import { runLint, type LintOutput } from '../core/lint/run.js';
import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags, manifestPathsArg, splitList } from '../runtime/flags.js';
import { localFileWriter } from '../runtime/write-files.js';

export type { LintOutput } from '../core/lint/run.js';

/** Where SARIF viewers link the tool. */
const HOMEPAGE = 'https://github.com/spotctl/spotctl';

export default class Lint extends BaseCommand {
  static override summary = 'Check Karpenter manifests and NTH values for Spot mistakes and best practice.';
  static override description = `Reads NodePools (karpenter.sh/v1, v1beta1), Provisioners (v1alpha5), EC2NodeClass/AWSNodeTemplate, NodeClaims and aws-node-termination-handler values files from files, directories or stdin (-), including the List that kubectl get -o yaml prints, and reports each problem as file:line:col severity rule-id message, with a fix.

Every Karpenter document is first checked as the API server checks it: against the schema and every CEL validation rule of the CRD of its API version (rules schema and cel, with the server's own messages). Transition rules (oldSelf) only apply to updates of objects in the cluster and are not run.

Rules that resolve requirements to instance types use the catalog (--snapshot, --offline, or live AWS with the bundled data as fallback); offering rules need a region (--region or AWS_REGION). Exit status: 0 when there are no errors, 1 when there are, 3 for unreadable input. --fix applies only mechanical fixes (e.g. "On-demand" → "on-demand"), editing the text in place so comments and formatting survive.`;
  static override examples = [
    '<%= config.bin %> lint karpenter/',
    '<%= config.bin %> lint provisioner.yaml --region ap-southeast-1 --offline',
    '<%= config.bin %> lint manifests/ --fix',
    '<%= config.bin %> lint manifests/ --format sarif > spotctl.sarif',
    '<%= config.bin %> lint nodepools/ --karpenter-values karpenter-values.yaml',
    'kubectl get nodepools -o yaml | <%= config.bin %> lint - --json',
  ];

  static override strict = false;
  static override args = {
    paths: manifestPathsArg(),
  };

  static override flags = {
    format: Flags.string({
      description: 'Output format (--json gives the findings as a JSON object).',
      options: ['text', 'sarif', 'github'],
      default: 'text',
    }),
    fix: Flags.boolean({
      description: 'Apply mechanical fixes to the files, keeping comments and formatting.',
    }),
    disable: Flags.string({ description: 'Rule ids not to run, comma-separated.', multiple: true }),
    'spot-to-spot': Flags.boolean({
      description:
        'Karpenter runs with the SpotToSpotConsolidation feature gate on (off by default): check the 15-type flexibility it needs.',
      exclusive: ['karpenter-values'],
    }),
    'karpenter-values': Flags.string({
      description:
        'Karpenter’s Helm values file: its settings.featureGates say whether Spot-to-Spot consolidation is on.',
      exclusive: ['spot-to-spot'],
    }),
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<LintOutput> {
    const { flags, argv } = await this.parse(Lint);
    const run = await runLint(
      {
        paths: argv as string[],
        fix: flags.fix,
        disabled: splitList(flags.disable),
        spotToSpot: flags['spot-to-spot'],
        karpenterValues: flags['karpenter-values'],
      },
      {
        manifests: nodeManifestFs(this.io.stdin),
        catalogs: this.awsContext(flags),
        files: localFileWriter(),
        note: this.note,
        now: this.io.now(),
      },
    );
    this.setExitCode(run.exitCode);
    if (!this.jsonEnabled()) {
      const tool = { name: 'spotctl', version: this.config.version, informationUri: HOMEPAGE };
      const format = flags.format as LintFormat;
      const text = renderLintReport(format, run.findings, run.output.summary, this.term.stdoutStyle, tool);
      const stderr = text.stderr === undefined ? [] : [text.stderr];
      this.print({ stdout: text.stdout, stderr, workflowCommands: format === 'github' });
    }
    return run.output;
  }
}
