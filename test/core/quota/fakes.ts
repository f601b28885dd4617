/**
 * Hand-written fakes of the quota ports, fed with real Service Quotas response records.
 */
import {
  PermissionDenied,
  type QuotaRecord,
  type ServiceQuotasPort,
  type UsagePort,
} from '../../../src/core/quota/ports.js';

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
      if (options.denyList) throw new PermissionDenied('servicequotas:ListServiceQuotas', 'denied');
      return options.listed ?? [];
    },
    async getEc2Quota(code) {
      calls.push(`GetServiceQuota ${code}`);
      if (options.denyGet) throw new PermissionDenied('servicequotas:GetServiceQuota', 'denied');
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
      if (deny) throw new PermissionDenied('cloudwatch:GetMetricData', 'denied');
      return values[metric.dimensions.Class ?? ''];
    },
  };
}
