/**
 * Current quota usage from CloudWatch (`AWS/Usage` `ResourceCount`), behind the core's UsagePort.
 */
import type { AwsOptions } from './options.js';
import { toAwsCallError } from './call-errors.js';
import { cloudWatchClient } from './clients.js';
import type { UsagePort } from '../../core/quota/ports.js';

/** One-minute resolution: AWS/Usage publishes every minute. */
const PERIOD_SECONDS = 60;

export async function createUsagePort(options: AwsOptions): Promise<UsagePort> {
  const client = await cloudWatchClient(options);
  const { GetMetricDataCommand } = await import('@aws-sdk/client-cloudwatch');
  return {
    async latest(metric, window) {
      try {
        const response = await client.send(
          new GetMetricDataCommand({
            StartTime: window.start,
            EndTime: window.end,
            ScanBy: 'TimestampDescending',
            MetricDataQueries: [
              {
                Id: 'usage',
                MetricStat: {
                  Metric: {
                    Namespace: metric.namespace,
                    MetricName: metric.name,
                    Dimensions: Object.entries(metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
                  },
                  Period: PERIOD_SECONDS,
                  Stat: metric.statistic ?? 'Maximum',
                },
                ReturnData: true,
              },
            ],
          }),
        );
        const values = response.MetricDataResults?.find((r) => r.Id === 'usage')?.Values ?? [];
        return values[0];
      } catch (error) {
        throw toAwsCallError('GetMetricData', error);
      }
    },
  };
}
