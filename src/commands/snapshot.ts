import { Flags } from '@oclif/core';

import { windowEndingAt } from '../core/analysis/prices.js';
import { type CaptureSummary, captureSnapshot, summarizeSnapshot } from '../core/catalog/capture.js';
import { renderCaptureSummary } from '../core/catalog/capture-render.js';
import { authError } from '../core/errors.js';
import { assertKnownRegion } from '../core/suggest/plan.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, splitList } from '../runtime/flags.js';
import { resolveRegion } from '../runtime/region.js';
import { assertWritable, writeFileAtomic } from '../runtime/write-files.js';

export default class Snapshot extends BaseCommand {
  static override summary =
    'Capture live AWS data — specs, offerings, Spot price history, On-Demand prices — into a snapshot file.';
  static override description = `Reads instance-type specs, per-zone offerings with zone IDs, the last --days of Spot price history and On-Demand prices from live AWS and writes them to --output in spotctl's snapshot format (schema version 1). Every command accepts --snapshot FILE to use it instead of live AWS — for CI without AWS credentials, or to compare runs on the same data.

Without --types or --families, every instance type offered in the first Region is captured. The file is written atomically and never replaces an existing one without --force. Interruption-frequency figures come from the bundled Spot Instance Advisor data: AWS has no API for them.`;
  static override examples = [
    '<%= config.bin %> snapshot --region us-east-1 --families g4dn,g5,g6 --output gpu-us-east-1.json',
    '<%= config.bin %> snapshot --region us-east-1 --region us-west-2 --types m5.large,m6i.large --days 30 --output snap.json',
    '<%= config.bin %> snapshot --region eu-west-1 --families c6i --output snap.json --force --json',
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
    output: Flags.string({ char: 'o', description: 'File to write the snapshot to.', required: true }),
    force: Flags.boolean({ description: 'Replace --output if it exists.' }),
  };

  async run(): Promise<CaptureSummary> {
    const { flags } = await this.parse(Snapshot);
    // Refuse an existing file before spending any AWS calls on it.
    await assertWritable([flags.output], { force: flags.force });
    const aws = await import('../adapters/aws/live-catalog.js');
    const base = { profile: flags.profile, endpointUrl: flags['endpoint-url'] };
    let regions = splitList(flags.region);
    if (regions.length === 0) regions = [await resolveRegion({ ...flags, region: undefined })];
    regions = [...new Set(regions)];
    regions.forEach(assertKnownRegion);

    const credentials = await aws.probeCredentials({ ...base, region: regions[0] });
    if (!credentials.ok) {
      throw authError(
        'NO_AWS_CREDENTIALS',
        `snapshot reads live AWS and needs credentials: ${credentials.reason}`,
        {
          suggestions: [
            'Set AWS_PROFILE (or --profile), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run `aws sso login`.',
          ],
        },
      );
    }
    const catalog = await aws.createLiveCatalog({ ...base, region: regions[0] });
    const now = new Date();
    this.note(`Capturing ${regions.join(', ')} from live AWS…`);
    const snapshot = await captureSnapshot(catalog, {
      regions,
      types: splitList(flags.types),
      families: splitList(flags.families),
      window: windowEndingAt(now, flags.days),
      now,
      generator: `${this.config.bin} ${this.config.version} snapshot`,
    });
    await writeFileAtomic(flags.output, `${JSON.stringify(snapshot, null, 2)}\n`, { force: flags.force });
    const summary = summarizeSnapshot(snapshot, flags.output, flags.days);
    if (!this.jsonEnabled()) this.log(renderCaptureSummary(summary, this.term.stdoutStyle));
    return summary;
  }
}
