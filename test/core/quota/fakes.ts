/**
 * Hand-written fakes of the quota ports, fed with real Service Quotas response records.
 */
import { AwsCallError } from '../../../src/core/aws/ports.js';
import type { QuotaRecord, ServiceQuotasPort, UsagePort } from '../../../src/core/quota/ports.js';

/** What the adapters throw when IAM refuses the call. */
const denied = (operation: string) =>
  new AwsCallError(operation, 'access-denied', 'AccessDeniedException', 'denied');

export interface FakeQuotas extends ServiceQuotasPort {
  calls: string[];
}

export function fakeQuotas(options: {
  listed?: QuotaRecord[];
  byCode?: Record<string, QuotaRecord>;
  denyList?: boolean;
  denyGet?: boolean;
}): FakeQuotas {
  const calls: string[] = [];
  return {
    calls,
    async listEc2Quotas() {
      calls.push('ListServiceQuotas');
      if (options.denyList) throw denied('ListServiceQuotas');
      return options.listed ?? [];
    },
    async getEc2Quota(code) {
      calls.push(`GetServiceQuota ${code}`);
      if (options.denyGet) throw denied('GetServiceQuota');
      return options.byCode?.[code];
    },
  };
}

export function fakeUsage(values: Record<string, number>, deny = false): UsagePort & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async latest(metric) {
      asked.push(metric.dimensions.Class ?? '?');
      if (deny) throw denied('GetMetricData');
      return values[metric.dimensions.Class ?? ''];
    },
  };
}
