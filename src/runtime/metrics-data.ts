/**
 * The metric facts shipped with spotctl (src/data/monitoring-metrics.json, copied to dist/data by the
 * build), found relative to this module so the working directory never matters.
 */
import { readFile } from 'node:fs/promises';

import { BugError } from '../core/errors.js';
import { METRICS_DATA_SCHEMA, type MetricsData } from '../core/monitoring/metrics-data.js';

const DATA = new URL('../data/monitoring-metrics.json', import.meta.url);

export async function loadMetricsData(): Promise<MetricsData> {
  const data = JSON.parse(await readFile(DATA, 'utf8')) as MetricsData;
  if (data.schema !== METRICS_DATA_SCHEMA) {
    throw new BugError(
      `monitoring-metrics.json has schema ${data.schema}, this spotctl reads ${METRICS_DATA_SCHEMA}`,
    );
  }
  return data;
}
