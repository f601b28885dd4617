/**
 * What quota-check needs from AWS, as narrow as the calls: Service Quotas for the EC2 vCPU quotas and,
 * optionally, CloudWatch for current usage. Adapters implement these; tests use hand-written fakes. They
 * fail with `AwsCallError` like every other port: `access-denied` makes a quota unknown, never zero.
 */

export interface UsageMetric {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  /** Service Quotas' recommended statistic, usually `Maximum`. */
  statistic?: string;
}

export interface QuotaRecord {
  code: string;
  name: string;
  /** vCPUs for the EC2 instance quotas. */
  value: number;
  usageMetric?: UsageMetric;
}

export interface ServiceQuotasPort {
  /** Every applied EC2 quota (`ListServiceQuotas --service-code ec2`, all pages). */
  listEc2Quotas(): Promise<QuotaRecord[]>;
  /** One EC2 quota by code; undefined when Service Quotas does not know it in this region. */
  getEc2Quota(code: string): Promise<QuotaRecord | undefined>;
}

export interface UsagePort {
  /** The latest value of a usage metric in the window, or undefined when there are no data points. */
  latest(metric: UsageMetric, window: { start: Date; end: Date }): Promise<number | undefined>;
}
