import { Flags } from '@oclif/core';

import type { Architecture } from '../core/catalog/types.js';
import { runSuggest, type SuggestOutput } from '../core/suggest/run.js';
import type { CapacityStrategy } from '../core/suggest/suggest.js';
import { renderSuggestRun } from '../core/suggest/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags, splitList } from '../runtime/flags.js';
import { placementFlags, placementOptions } from '../runtime/placement-flags.js';
import { placementScoring } from '../runtime/placement-scoring.js';

export type { SuggestOutput } from '../core/suggest/run.js';

export default class Suggest extends BaseCommand {
  static override summary =
    'Broaden a NodePool’s instance-type list, ranked by Spot price per GPU or vCPU, with reasons.';
  static override description = `From seed instance types (--types) or per-node requirements (--vcpus, --memory, --gpus, --gpu-name, --arch), proposes other sizes of the same family and sibling families with an equivalent GPU or shape: first those whose Spot price per unit of work is at or below the seeds', then the next best up to --max, for Spot capacity diversity. The list is ranked by price per unit adjusted for interruption frequency, zones offered, price volatility over --days and node size; every type gives its reasons in numbers, and every type left out is listed under its reason. Previous-generation and burstable types are out unless asked for.

With live AWS data, one GetSpotPlacementScores request rates the whole list as a set — how likely AWS can supply --target-capacity as Spot now — per Region, or per zone with --single-az; answers are cached for 24 hours under XDG_CACHE_HOME/spotctl (else ~/.cache/spotctl).

It also says when the list is below Karpenter's floors (5 types when Spot falls back to On-Demand; 15 if you enable Spot-to-Spot consolidation) and what each type costs in vCPU quota: a cheaper larger size can hit MaxSpotInstanceCountExceeded sooner.`;
  static override examples = [
    '<%= config.bin %> suggest --region us-east-1 --types g4dn.xlarge,g4dn.2xlarge',
    '<%= config.bin %> suggest --offline --region us-east-1 --types m5.xlarge --capacity spot',
    '<%= config.bin %> suggest --region us-west-2 --gpus 1 --gpu-name t4 --json',
    '<%= config.bin %> suggest --region eu-west-1 --vcpus 8 --memory 32 --arch arm64',
    '<%= config.bin %> suggest --region us-east-1 --types g4dn.xlarge,g4dn.2xlarge --target-capacity 20 --placement-calls 2',
  ];

  static override flags = {
    types: Flags.string({ char: 't', description: 'Seed instance types, comma-separated.', multiple: true }),
    vcpus: Flags.integer({ description: 'Minimum vCPUs per node.', min: 1, helpGroup: 'REQUIREMENTS' }),
    memory: Flags.integer({
      description: 'Minimum memory per node, GiB.',
      min: 1,
      helpGroup: 'REQUIREMENTS',
    }),
    gpus: Flags.integer({ description: 'Minimum GPUs per node.', min: 1, helpGroup: 'REQUIREMENTS' }),
    'gpu-name': Flags.string({ description: 'GPU model, e.g. t4, a10g, l4.', helpGroup: 'REQUIREMENTS' }),
    arch: Flags.string({
      description: 'CPU architecture.',
      options: ['x86_64', 'arm64'],
      helpGroup: 'REQUIREMENTS',
    }),
    capacity: Flags.string({
      description: 'Capacity types the NodePool allows (decides which Karpenter floors apply).',
      options: ['spot-and-on-demand', 'spot', 'on-demand'],
      default: 'spot-and-on-demand',
    }),
    max: Flags.integer({ description: 'Most types to add beyond the seeds.', default: 20, min: 1, max: 100 }),
    days: Flags.integer({ description: 'Days of Spot price history.', default: 7, min: 1, max: 90 }),
    'include-previous-generation': Flags.boolean({
      description: 'Also consider families EC2 marks as previous generation.',
    }),
    'include-burstable': Flags.boolean({ description: 'Also consider burstable (T) families.' }),
    ...placementFlags,
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<SuggestOutput> {
    const { flags } = await this.parse(Suggest);
    const now = this.io.now();
    const context = this.awsContext(flags);
    const run = await runSuggest(
      {
        types: splitList(flags.types),
        requirements: {
          vcpus: flags.vcpus,
          memoryGiB: flags.memory,
          gpus: flags.gpus,
          gpuName: flags['gpu-name'],
          arch: flags.arch as Architecture | undefined,
        },
        capacity: flags.capacity as CapacityStrategy,
        maxSuggestions: flags.max,
        days: flags.days,
        include: {
          includePreviousGeneration: flags['include-previous-generation'],
          includeBurstable: flags['include-burstable'],
        },
        placement: placementOptions(flags),
      },
      { catalogs: context, now, placement: placementScoring(context, this.io.env) },
    );
    this.print({ stdout: renderSuggestRun(run, now, this.tableView) });
    return run.output;
  }
}
