import { Flags } from '@oclif/core';

import { runPrices, type PricesResult } from '../core/prices/run.js';
import { renderPriceReport } from '../core/prices/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags, splitList } from '../runtime/flags.js';

export default class Prices extends BaseCommand {
  static override summary =
    'Spot prices per instance type and zone: latest, min/mean/max, savings, trend, availability.';
  static override description = `Shows, for each instance type and Availability Zone, the latest Spot price, the minimum, time-weighted mean and maximum over the last --days, savings against On-Demand, a trend sparkline and the Spot Advisor interruption bucket — then the zone × type availability grid and where the data came from and how old it is.

Uses live AWS when credentials are available, otherwise the bundled offline data (say --offline to choose it, --snapshot FILE for a captured snapshot).`;
  static override examples = [
    '<%= config.bin %> prices --region us-east-1 --types g4dn.xlarge,g4dn.2xlarge,g5.xlarge',
    '<%= config.bin %> prices --offline --region us-east-1 --types m5.large,m6i.large --json',
    '<%= config.bin %> prices --region eu-west-1 --types c6i.xlarge --days 30',
  ];

  static override flags = {
    types: Flags.string({
      char: 't',
      description: 'Instance types, comma-separated.',
      required: true,
      multiple: true,
    }),
    days: Flags.integer({ description: 'Days of Spot price history.', default: 7, min: 1, max: 90 }),
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<PricesResult> {
    const { flags } = await this.parse(Prices);
    const now = this.io.now();
    const result = await runPrices(
      { types: splitList(flags.types), days: flags.days },
      { catalogs: this.awsContext(flags), now },
    );
    this.print({ stdout: renderPriceReport(result, now, this.term.stdoutStyle) });
    return result;
  }
}
