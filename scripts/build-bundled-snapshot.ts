/**
 * Generates src/data/bundled-snapshot.json — the offline default catalog — from the real upstream data in
 * ../shared/reference/instance-data (see its README for sources):
 *   - specs: DescribeInstanceTypes facts for every type (instance-specs.all.csv);
 *   - per-AZ offerings for us-east-1, us-west-2, ap-southeast-1, eu-west-1;
 *   - On-Demand prices: Karpenter v1.14.1's generated table — us-east-1 only;
 *   - Spot Instance Advisor: savings % and interruption bucket per region.
 * Spot prices are DERIVED, never measured: On-Demand × (1 − savings), the same in every zone, and only where
 * both inputs exist (us-east-1). Each derived point is marked `derived: true`; regions without price data
 * say so in their notes instead of inventing numbers.
 *
 * Usage: npm run snapshot:bundled [-- --shared ../shared]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Architecture, InstanceTypeSpec, InterruptionBucket } from '../src/core/catalog/types.js';
import {
  SNAPSHOT_KIND,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type SnapshotRegion,
} from '../src/core/catalog/snapshot.js';

const REGIONS = ['us-east-1', 'us-west-2', 'ap-southeast-1', 'eu-west-1'];

const sharedArg = process.argv.indexOf('--shared');
const shared = resolve(sharedArg > 0 ? process.argv[sharedArg + 1]! : '../shared');
const dataDir = join(shared, 'reference/instance-data');
const read = (name: string) => readFileSync(join(dataDir, name), 'utf8');

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const keys = header!.split(',');
  // The specs CSV has no quoted fields (checked: no commas inside values).
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [keys[i]!, value])));
}

function specFromRow(row: Record<string, string>): InstanceTypeSpec {
  const gpuCount = Number(row.gpuCount);
  const neuron = Number(row.neuronDeviceCount);
  return {
    instanceType: row.instanceType!,
    family: row.family!,
    size: row.size!,
    vcpus: Number(row.vcpu),
    memoryMiB: Number(row.memoryMiB),
    architectures: row.architectures!.split('|') as Architecture[],
    ...(gpuCount > 0
      ? {
          gpu: {
            count: gpuCount,
            manufacturer: row.gpuManufacturer!,
            name: row.gpuName!,
            memoryMiBPerGpu: Number(row.gpuMemoryMiBPerGpu),
          },
        }
      : {}),
    ...(neuron > 0 ? { neuronDevices: neuron } : {}),
    supportsSpot: row.supportedUsageClasses!.split('|').includes('spot'),
    currentGeneration: row.currentGeneration === 'True',
    bareMetal: row.bareMetal === 'True',
    burstable: row.burstable === 'True',
  };
}

const specs = parseCsv(read('instance-specs.all.csv')).map(specFromRow);
const onDemand = JSON.parse(read('on-demand-prices.karpenter-v1.14.1.json')) as {
  _meta: Record<string, { currency?: string; generatedAt?: string }>;
  prices: Record<string, Record<string, number>>;
};
const advisor = JSON.parse(read('spot-advisor-data.spotinfo.json')) as {
  spot_advisor: Record<string, { Linux?: Record<string, { r: number; s: number }> }>;
};

const odMeta = onDemand._meta['us-east-1']!;
const generatedAt = odMeta.generatedAt!;

const regions: Record<string, SnapshotRegion> = {};
for (const region of REGIONS) {
  const rows = JSON.parse(read(`offerings-moto/availability-zone.${region}.json`)) as Array<{
    InstanceType: string;
    Location: string;
  }>;
  const offerings: Record<string, string[]> = {};
  for (const { InstanceType, Location } of rows) (offerings[InstanceType] ??= []).push(Location);
  for (const zones of Object.values(offerings)) zones.sort();
  const zoneNames = [...new Set(rows.map((row) => row.Location))].sort();

  const linux = advisor.spot_advisor[region]?.Linux ?? {};
  const spotAdvisor = Object.fromEntries(
    Object.entries(linux)
      .filter(([type]) => offerings[type])
      .map(([type, { r, s }]) => [type, { interruptionBucket: r as InterruptionBucket, savingsPct: s }]),
  );

  // Karpenter ships On-Demand prices in USD for us-east-1 only among these regions.
  const odPrices = odMeta.currency === 'USD' ? (onDemand.prices[region] ?? {}) : {};
  const onDemandPrices = Object.fromEntries(Object.entries(odPrices).filter(([type]) => offerings[type]));

  const spotPrices: SnapshotRegion['spotPrices'] = {};
  for (const [type, zones] of Object.entries(offerings)) {
    const od = onDemandPrices[type];
    const advice = spotAdvisor[type];
    if (od === undefined || advice === undefined) continue;
    const price = Number((od * (1 - advice.savingsPct / 100)).toFixed(5));
    spotPrices[type] = zones.map((zone) => ({ zone, price, timestamp: generatedAt, derived: true }));
  }

  const notes: string[] = [];
  if (Object.keys(onDemandPrices).length > 0) {
    notes.push(
      `On-Demand prices: Karpenter v1.14.1 price table generated ${generatedAt.slice(0, 10)}.`,
      'Spot prices are estimates: On-Demand × (1 − Spot Advisor savings), the same in every zone; run with AWS credentials for measured per-AZ Spot price history.',
    );
  } else {
    notes.push(
      `No price data for ${region} in the bundled snapshot (no On-Demand price table ships for it); Spot Advisor interruption and savings figures only. Run with AWS credentials, or capture a snapshot with \`spotctl snapshot --region ${region}\`.`,
    );
  }
  notes.push('Zone names are one account’s mapping; zone IDs are not in the bundled data.');
  regions[region] = {
    zones: zoneNames.map((name) => ({ name })),
    offerings,
    spotPrices,
    onDemandPrices,
    spotAdvisor,
    notes,
  };
}

const snapshot: Snapshot = {
  kind: SNAPSHOT_KIND,
  schemaVersion: SNAPSHOT_SCHEMA_VERSION,
  generatedAt,
  generator: 'scripts/build-bundled-snapshot.ts',
  sources: [
    'Instance specs and per-AZ offerings: real DescribeInstanceTypes / DescribeInstanceTypeOfferings output captured by getmoto/moto (Apache-2.0).',
    `On-Demand prices: aws/karpenter-provider-aws v1.14.1 generated price table (us-east-1, ${generatedAt}).`,
    'Interruption frequency and savings: AWS Spot Instance Advisor feed as embedded by alexei-led/spotinfo 2.2.0.',
    'Spot prices marked derived = On-Demand × (1 − Advisor savings).',
  ],
  instanceTypes: Object.fromEntries(specs.map((spec) => [spec.instanceType, spec])),
  regions,
};

const out = resolve('src/data/bundled-snapshot.json');
writeFileSync(out, `${JSON.stringify(snapshot)}\n`);
const priced = Object.values(regions).reduce((n, r) => n + Object.keys(r.spotPrices).length, 0);
process.stdout.write(
  `wrote ${out}: ${specs.length} instance types, ${REGIONS.length} regions, ${priced} derived Spot price series\n`,
);
