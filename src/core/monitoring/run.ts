/**
 * `spotctl monitoring`: plan the objects for the chosen versions, then write them (all or none) unless
 * this is a dry run.
 */
import type { FileWriter } from '../files.js';
import { planMonitoring, type MonitoringDeps } from './plan.js';
import type { MonitoringOptions, MonitoringOutput } from './types.js';

export async function runMonitoring(
  options: MonitoringOptions & { dryRun: boolean; force: boolean },
  deps: MonitoringDeps & { files: FileWriter },
): Promise<MonitoringOutput> {
  const result = planMonitoring(options, deps);
  if (!options.dryRun)
    await deps.files.writeFiles(
      result.files.map((file) => ({ path: file.path, content: file.content })),
      { force: options.force },
    );
  return { ...result, dryRun: options.dryRun, written: !options.dryRun };
}
