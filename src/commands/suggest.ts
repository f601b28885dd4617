import { Flags } from '@oclif/core';

import type { Architecture } from '../core/catalog/types.js';
import { runSuggest, type SuggestOutput } from '../core/suggest/run.js';
import type { CapacityStrategy } from '../core/suggest/suggest.js';
import { renderSuggestRun } from '../core/suggest/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { awsFlags, catalogFlags, splitList } from '../runtime/flags.js';

export type { SuggestOutput } from '../core/suggest/run.js';

export default class Suggest extends BaseCommand {
  static override summary =
    'Broaden a NodePool’s instance-type list, ranked by Spot price per GPU or vCPU, with reasons.';
  static override description = `From seed instance types (--types) or per-node requirements (--vcpus, --memory, --gpus, --gpu-name, --arch), proposes other sizes of the same family and sibling families with an equivalent GPU or shape whose Spot price per unit of work is at or below the seeds', ranked by price, interruption frequency and zone coverage. Every suggestion gives its reasons in numbers.

It also says when the list is below Karpenter's floors (5 types when Spot falls back to On-Demand, 15 for Spot-to-Spot consolidation) and what each type costs in vCPU quota: a cheaper larger size can hit MaxSpotInstanceCountExceeded sooner.`;
  static override examples = [
    '<%= config.bin %> suggest --region us-east-1 --types g4dn.xlarge,g4dn.2xlarge',
    '<%= config.bin %> suggest --offline --region us-east-1 --types m5.xlarge --capacity spot',
    '<%= config.bin %> suggest --region us-west-2 --gpus 1 --gpu-name t4 --json',
    '<%= config.bin %> suggest --region eu-west-1 --vcpus 8 --memory 32 --arch arm64',
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
    ...awsFlags,
    ...catalogFlags,
  };

  async run(): Promise<SuggestOutput> {
    const { flags } = await this.parse(Suggest);
    const now = this.io.now();
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
      },
      { catalogs: this.awsContext(flags), now },
    );
    this.print({ stdout: renderSuggestRun(run, now, this.term.stdoutStyle) });
    return run.output;
  }
}
