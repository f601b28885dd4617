import { Flags } from '@oclif/core';

import type { CaptureSummary } from '../core/snapshot/capture.js';
import { runSnapshot } from '../core/snapshot/run.js';
import { renderCaptureSummary } from '../core/snapshot/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, splitList } from '../runtime/flags.js';
import { localFileWriter } from '../runtime/write-files.js';

export default class Snapshot extends BaseCommand {
  static override summary =
    'Capture live AWS data — specs, offerings, Spot price history, On-Demand prices — into a snapshot file.';
  static override description = `Reads instance-type specs, per-zone offerings with zone IDs, the last --days of Spot price history and On-Demand prices from live AWS and writes them to --output-file in spotctl's snapshot format (schema version 1). Every command accepts --snapshot FILE to use it instead of live AWS — for CI without AWS credentials, or to compare runs on the same data.

Without --types or --families, every instance type offered in the first Region is captured. The file is written atomically and never replaces an existing one without --force. Interruption-frequency figures come from the bundled Spot Instance Advisor data: AWS has no API for them.`;
  static override examples = [
    '<%= config.bin %> snapshot --region us-east-1 --families g4dn,g5,g6 --output-file gpu-us-east-1.json',
    '<%= config.bin %> snapshot --region us-east-1 --region us-west-2 --types m5.large,m6i.large --days 30 --output-file snap.json',
    '<%= config.bin %> snapshot --region eu-west-1 --families c6i --output-file snap.json --force --json',
  ];

  static override flags = {
    ...awsFlags,
    region: Flags.string({
      description:
        'AWS Region to capture; repeat or comma-separate for several (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile’s region).',
      multiple: true,
      helpGroup: 'AWS',
    }),
    types: Flags.string({
      char: 't',
      description: 'Instance types to capture, comma-separated.',
      multiple: true,
    }),
    families: Flags.string({
      description: 'Instance families to capture whole, comma-separated (e.g. g4dn,g5).',
      multiple: true,
    }),
    days: Flags.integer({
      description: 'Days of Spot price history to capture.',
      default: 7,
      min: 1,
      max: 90,
    }),
    'output-file': Flags.string({ description: 'File to write the snapshot to.', required: true }),
    force: Flags.boolean({ description: 'Replace --output-file if it exists.' }),
  };

  async run(): Promise<CaptureSummary> {
    const { flags } = await this.parse(Snapshot);
    const summary = await runSnapshot(
      {
        regions: splitList(flags.region, 'region'),
        types: splitList(flags.types, 'types'),
        families: splitList(flags.families, 'families'),
        days: flags.days,
        output: flags['output-file'],
        force: flags.force,
        generator: `${this.config.bin} ${this.config.version} snapshot`,
      },
      {
        aws: this.awsContext({ ...flags, region: undefined }),
        files: localFileWriter(),
        note: this.note,
        now: this.io.now(),
      },
    );
    this.print({ stdout: renderCaptureSummary(summary, this.term.stdoutStyle) });
    return summary;
  }
}
