import { Flags } from '@oclif/core';

import type { InstanceTypeSpec } from '../core/catalog/types.js';
import { ExitCode, SpotctlError, usageError } from '../core/errors.js';
import { RULES, RULE_IDS, fixFiles, lintManifests, summarise, type LintSummary } from '../core/lint/lint.js';
import { githubAnnotations, renderFindings, renderSummary, toSarif } from '../core/lint/render.js';
import type { Finding, RegionOfferings } from '../core/lint/types.js';
import { INSTANCE_TYPE_KEY } from '../core/manifests/labels.js';
import { loadManifests, loadManifestTexts } from '../core/manifests/sources.js';
import type { ManifestSet } from '../core/manifests/types.js';
import { nearest } from '../core/text/nearest.js';
import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { BaseCommand } from '../runtime/base-command.js';
import { resolveCatalog } from '../runtime/catalog-source.js';
import { awsFlags, catalogFlags, manifestPathsArg, splitList } from '../runtime/flags.js';
import { writeFileAtomic } from '../runtime/write-files.js';

export interface LintOutput {
  findings: Array<Omit<Finding, 'edits'> & { fixable: boolean }>;
  summary: LintSummary & { files: number; fixed: number };
  fixedFiles: string[];
  skippedRules: Array<{ ruleId: string; reason: string }>;
  notes: string[];
}

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
    for (const id of disabled) {
      if (!RULE_IDS.includes(id)) {
        const close = nearest(id, RULE_IDS, 1);
        throw usageError('UNKNOWN_RULE', `unknown rule "${id}"`, {
          suggestions: [close[0] ? `Did you mean ${close[0]}?` : 'See the rules table in the README.'],
        });
      }
    }

    const set = await loadManifests(paths, nodeManifestFs());
    const lintable =
      set.nodePools.length + set.nodeClasses.length + set.nthValues.length + set.problems.length;
    for (const note of set.notes) this.note(note);
    if (lintable === 0) {
      throw new SpotctlError(
        'NOTHING_TO_LINT',
        `no Karpenter manifests or node-termination-handler values in ${paths.join(', ')}`,
        ExitCode.input,
        { suggestions: ['Point spotctl lint at NodePool/Provisioner manifests or NTH Helm values files.'] },
      );
    }

    const { catalog, region } = await this.catalogFor(flags, set);
    const options = { catalog, region, disabled };
    let result = lintManifests(set, options);
    let current: ManifestSet = set;
    const fixedFiles: string[] = [];
    let fixedCount = 0;
    if (flags.fix) {
      const fixed = fixFiles(set, result.findings);
      for (const file of fixed) {
        await writeFileAtomic(file.path, file.after, { force: true });
        fixedFiles.push(file.path);
        fixedCount += file.applied;
        this.note(`fixed ${file.applied} problem${file.applied === 1 ? '' : 's'} in ${file.path}`);
      }
      if (fixed.length > 0) {
        const texts = set.files.map((f) => ({
          path: f.path,
          text: fixed.find((x) => x.path === f.path)?.after ?? f.text,
        }));
        current = loadManifestTexts(texts);
        result = lintManifests(current, options);
      }
    }

    const summary = { ...summarise(result.findings), files: current.files.length, fixed: fixedCount };
    if (summary.errors > 0) this.setExitCode(ExitCode.findings);
    if (!this.jsonEnabled()) this.render(flags.format, result.findings, summary);
    return {
      findings: result.findings.map(({ edits, ...finding }) => ({
        ...finding,
        fixable: Boolean(edits?.length),
      })),
      summary,
      fixedFiles,
      skippedRules: result.skipped,
      notes: set.notes,
    };
  }

  private render(format: string, findings: Finding[], summary: LintOutput['summary']): void {
    if (format === 'sarif') {
      this.log(
        JSON.stringify(
          toSarif(findings, RULES, {
            name: 'spotctl',
            version: this.config.version,
            informationUri: 'https://github.com/spotctl/spotctl',
          }),
          null,
          2,
        ),
      );
      return;
    }
    if (format === 'github') {
      if (findings.length > 0) this.log(githubAnnotations(findings));
    } else if (findings.length > 0) {
      this.log(renderFindings(findings, this.term.stdoutStyle));
    }
    this.note(renderSummary(summary, summary.files));
  }

  /** Instance-type data and region offerings, when they can be had; lint still runs without them. */
  private async catalogFor(
    flags: {
      region?: string;
      offline?: boolean;
      snapshot?: string;
      live?: boolean;
      profile?: string;
      'endpoint-url'?: string;
    },
    set: ManifestSet,
  ): Promise<{ catalog?: InstanceTypeSpec[]; region?: RegionOfferings }> {
    if (set.nodePools.length === 0) return {};
    const regionName = flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    const source = await resolveCatalog({ ...flags, region: regionName }, (message) => this.note(message));
    const catalog = await source.instanceTypes({});
    if (!regionName) {
      this.note('No region given: offering rules skipped (pass --region or set AWS_REGION).');
      return { catalog };
    }
    const named = [
      ...new Set(
        set.nodePools.flatMap((p) =>
          p.requirements
            .filter((r) => r.key === INSTANCE_TYPE_KEY)
            .flatMap((r) => r.values.map((v) => v.value)),
        ),
      ),
    ];
    try {
      const now = new Date();
      const view = await source.regionView(regionName, named, { start: now, end: now });
      return {
        catalog,
        region: { region: regionName, offerings: view.offerings, zoneCount: view.zones.length },
      };
    } catch (error) {
      this.note(`Offering rules skipped: ${(error as Error).message}`);
      return { catalog };
    }
  }
}
