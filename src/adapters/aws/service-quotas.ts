/**
 * Service Quotas for EC2: ListServiceQuotas (all pages) and GetServiceQuota, behind the core's port.
 */
import type { AwsOptions } from './options.js';
import { toAwsCallError } from './call-errors.js';
import { serviceQuotasClient } from './clients.js';
import type { QuotaRecord, ServiceQuotasPort } from '../../core/quota/ports.js';

interface SdkQuota {
  QuotaCode?: string;
  QuotaName?: string;
  Value?: number;
  UsageMetric?: {
    MetricNamespace?: string;
    MetricName?: string;
    MetricDimensions?: Record<string, string>;
    MetricStatisticRecommendation?: string;
  };
}

/** A Service Quotas API quota as the core's record; undefined when it lacks a code or value. */
export function toQuotaRecord(quota: SdkQuota | undefined): QuotaRecord | undefined {
  if (!quota?.QuotaCode || typeof quota.Value !== 'number') return undefined;
  const metric = quota.UsageMetric;
  return {
    code: quota.QuotaCode,
    name: quota.QuotaName ?? quota.QuotaCode,
    value: quota.Value,
    ...(metric?.MetricNamespace && metric.MetricName
      ? {
          usageMetric: {
            namespace: metric.MetricNamespace,
            name: metric.MetricName,
            dimensions: metric.MetricDimensions ?? {},
            statistic: metric.MetricStatisticRecommendation,
          },
        }
      : {}),
  };
}

const MAX_PAGES = 50;

export async function createServiceQuotasPort(options: AwsOptions): Promise<ServiceQuotasPort> {
  const client = await serviceQuotasClient(options);
  const { ListServiceQuotasCommand, GetServiceQuotaCommand } = await import('@aws-sdk/client-service-quotas');
  return {
    async listEc2Quotas() {
      const records: QuotaRecord[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        try {
          const response = await client.send(
            new ListServiceQuotasCommand({ ServiceCode: 'ec2', MaxResults: 100, NextToken: token }),
          );
          for (const quota of response.Quotas ?? []) {
            const record = toQuotaRecord(quota);
            if (record) records.push(record);
          }
          token = response.NextToken;
        } catch (error) {
          throw toAwsCallError('ListServiceQuotas', error);
        }
        if (!token) break;
      }
      return records;
    },
    async getEc2Quota(code) {
      try {
        const response = await client.send(
          new GetServiceQuotaCommand({ ServiceCode: 'ec2', QuotaCode: code }),
        );
        return toQuotaRecord(response.Quota);
      } catch (error) {
        const failure = toAwsCallError('GetServiceQuota', error);
        if (failure.code === 'NoSuchResourceException') return undefined;
        throw failure;
      }
    },
  };
}
