import { Flags } from '@oclif/core';

import { PRICE_SORTS, type PriceSort, runPrices, type PricesResult } from '../core/prices/run.js';
import { renderPriceReport } from '../core/prices/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags, splitList } from '../runtime/flags.js';
import { placementFlags, placementOptions } from '../runtime/placement-flags.js';
import { placementScoring } from '../runtime/placement-scoring.js';

export default class Prices extends BaseCommand {
  static override summary =
    'Spot prices per instance type and zone: latest, per GPU or vCPU, min/mean/max, savings, trend, availability.';
  static override description = `Shows, for each instance type, the latest Spot price and the price per GPU (GPU types) or per vCPU, savings against On-Demand and the Spot Advisor interruption bucket — one row per type when every zone has the same price, one per zone where they differ (-o wide: always per zone). With measured price history, also the minimum, time-weighted mean and maximum over the last --days and a trend sparkline; estimated prices (bundled data) have no history and are labelled as estimates. Then the zone × type availability grid, and — with live AWS — AWS's Spot placement score for the listed types as one set.

Uses live AWS when credentials are available, otherwise the bundled offline data (say --offline to choose it, --snapshot FILE for a captured snapshot). Tables fit the terminal by dropping the least important columns first; piped output keeps every column.`;
  static override examples = [
    '<%= config.bin %> prices --region us-east-1 --types g4dn.xlarge,g4dn.2xlarge,g5.xlarge',
    '<%= config.bin %> prices --offline --region us-east-1 --types m5.large,m6i.large --sort per-unit',
    '<%= config.bin %> prices --region eu-west-1 --types c6i.xlarge,c7i.xlarge,c6a.xlarge --days 30 -o wide',
    '<%= config.bin %> prices --offline --region us-east-1 --types m5.large -o yaml',
  ];

  static override flags = {
    types: Flags.string({
      char: 't',
      description: 'Instance types, comma-separated.',
      required: true,
      multiple: true,
    }),
    days: Flags.integer({ description: 'Days of Spot price history.', default: 7, min: 1, max: 90 }),
    sort: Flags.string({
      description:
        'Order of the types: cheapest Spot price, cheapest per GPU/vCPU, most savings, fewest interruptions, most zones (default: as given).',
      options: [...PRICE_SORTS],
    }),
    ...placementFlags,
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<PricesResult> {
    const { flags } = await this.parse(Prices);
    const now = this.io.now();
    const context = this.awsContext(flags);
    const result = await runPrices(
      {
        types: splitList(flags.types),
        days: flags.days,
        ...(flags.sort ? { sort: flags.sort as PriceSort } : {}),
        placement: placementOptions(flags),
      },
      { catalogs: context, now, placement: placementScoring(context, this.io.env) },
    );
    this.print({ stdout: renderPriceReport(result, now, this.term.stdoutStyle, this.tableView) });
    return result;
  }
}
