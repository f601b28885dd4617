/**
 * `spotctl snapshot`: capture live AWS into a snapshot file. The target is checked before any AWS call is
 * spent on it.
 */
import type { Catalog } from '../catalog/types.js';
import { assertKnownRegion } from '../catalog/lookup.js';
import { windowEndingAt } from '../catalog/window.js';
import type { FileWriter } from '../files.js';
import { captureSnapshot, summariseSnapshot, type CaptureSummary } from './capture.js';

export interface SnapshotOptions {
  /** Regions to capture; empty: the run's own Region (environment or profile). */
  regions: string[];
  types: string[];
  families: string[];
  days: number;
  output: string;
  force: boolean;
  /** Stamped into the file, e.g. `spotctl 0.1.0 snapshot`. */
  generator: string;
}

export interface SnapshotDeps {
  aws: { region(): Promise<string>; liveCatalog(region: string, purpose: string): Promise<Catalog> };
  files: FileWriter;
  note: (message: string) => void;
  now: Date;
}

export async function runSnapshot(options: SnapshotOptions, deps: SnapshotDeps): Promise<CaptureSummary> {
  await deps.files.assertWritable([options.output], { force: options.force });
  const regions = [...new Set(options.regions.length > 0 ? options.regions : [await deps.aws.region()])];
  for (const region of regions) assertKnownRegion(region);
  const catalog = await deps.aws.liveCatalog(regions[0]!, 'snapshot reads live AWS');
  deps.note(`Capturing ${regions.join(', ')} from live AWS…`);
  const snapshot = await captureSnapshot(catalog, {
    regions,
    types: options.types,
    families: options.families,
    window: windowEndingAt(deps.now, options.days),
    now: deps.now,
    generator: options.generator,
  });
  await deps.files.writeFiles([{ path: options.output, content: `${JSON.stringify(snapshot, null, 2)}\n` }], {
    force: options.force,
  });
  return summariseSnapshot(snapshot, options.output, options.days);
}
