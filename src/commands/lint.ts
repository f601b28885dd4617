import { Flags } from '@oclif/core';

import { ExitCode, usageError } from '../core/errors.js';
import { lintCatalogData } from '../core/lint/catalog-data.js';
import { assertKnownRules, assertLintable } from '../core/lint/inputs.js';
import { renderLintReport, type LintFormat } from '../core/lint/render.js';
import { fixedNote, lintReport, type LintOutput } from '../core/lint/report.js';
import { loadManifests } from '../core/manifests/sources.js';
import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { BaseCommand } from '../runtime/base-command.js';
import { resolveCatalog } from '../runtime/catalog-source.js';
import { awsFlags, catalogFlags, manifestPathsArg, splitList } from '../runtime/flags.js';
import { writeFileAtomic } from '../runtime/write-files.js';

export type { LintOutput } from '../core/lint/report.js';

export default class Lint extends BaseCommand {
  static override summary = 'Check Karpenter manifests and NTH values for Spot mistakes and best practice.';
  static override description = `Reads NodePools (karpenter.sh/v1, v1beta1), Provisioners (v1alpha5), EC2NodeClass/AWSNodeTemplate and aws-node-termination-handler values files from files, directories or stdin (-), and reports each problem as file:line:col severity rule-id message, with a fix.

Rules that resolve requirements to instance types use the catalog (--snapshot, --offline, or live AWS with the bundled data as fallback); offering rules need a region (--region or AWS_REGION). Exit status: 0 when there are no errors, 1 when there are, 3 for unreadable input. --fix applies only mechanical fixes (e.g. "On-demand" → "on-demand"), editing the text in place so comments and formatting survive.`;
  static override examples = [
    '<%= config.bin %> lint karpenter/',
    '<%= config.bin %> lint provisioner.yaml --region ap-southeast-1 --offline',
    '<%= config.bin %> lint manifests/ --fix',
    '<%= config.bin %> lint manifests/ --format sarif > spotctl.sarif',
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
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<LintOutput> {
    const { flags, argv } = await this.parse(Lint);
    const paths = argv as string[];
    if (paths.length === 0) {
      throw usageError('NO_INPUT', 'no manifests given', {
        suggestions: ['Pass files or directories (spotctl lint karpenter/), or - to read stdin.'],
      });
    }
    if (flags.fix && paths.includes('-')) {
      throw usageError('FIX_NEEDS_FILES', '--fix cannot write back to stdin', {
        suggestions: ['Pass the files themselves, or drop --fix.'],
      });
    }
    const disabled = splitList(flags.disable);
    assertKnownRules(disabled);

    const set = await loadManifests(paths, nodeManifestFs());
    for (const note of set.notes) this.note(note);
    assertLintable(set, paths);
    const region = flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    // Instance-type data is only worth fetching when there are NodePools to resolve.
    const source =
      set.nodePools.length > 0
        ? await resolveCatalog({ ...flags, region }, (message) => this.note(message))
        : undefined;
    const data = await lintCatalogData(set, source, region, new Date());
    for (const note of data.notes) this.note(note);

    const report = lintReport(
      set,
      { catalog: data.catalog, region: data.region, disabled },
      { fix: flags.fix },
    );
    for (const file of report.fixed) {
      await writeFileAtomic(file.path, file.after, { force: true });
      this.note(fixedNote(file));
    }
    if (report.output.summary.errors > 0) this.setExitCode(ExitCode.findings);
    if (!this.jsonEnabled()) {
      const text = renderLintReport(
        flags.format as LintFormat,
        report.findings,
        report.output.summary,
        this.term.stdoutStyle,
        {
          name: 'spotctl',
          version: this.config.version,
          informationUri: 'https://github.com/spotctl/spotctl',
        },
      );
      if (text.stdout !== undefined) this.log(text.stdout);
      if (text.stderr !== undefined) this.note(text.stderr);
    }
    return report.output;
  }
}
