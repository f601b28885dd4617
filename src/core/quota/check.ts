/**
 * quota-check: can this account launch what these NodePools allow? Sums the pools' worst-case vCPU demand
 * per quota (pools sharing a quota add up), compares it with the quota minus current usage, and for a
 * shortfall gives the exact request to make — or the limit that would fit.
 */
import type { QuotaMarket } from './buckets.js';
import { poolDemand, type BucketDemand, type PoolDemand, type PoolDemandInput } from './demand.js';
import { iamAction } from '../aws/failures.js';
import { isDenied, lookupQuotas } from './lookup.js';
import type { ServiceQuotasPort, UsageMetric, UsagePort } from './ports.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export interface QuotaCheck {
  /** Quota bucket id, e.g. `g-vt`. */
  bucket: string;
  bucketName: string;
  capacityType: QuotaMarket;
  quotaCode: string;
  quotaName: string;
  /** Worst-case vCPUs; null when a contributing pool is unbounded. */
  required: number | null;
  quota: number | null;
  /** Current vCPUs in use (with --usage). */
  usage?: number | null;
  /** quota − usage − required; null when unknown. */
  headroom: number | null;
  status: CheckStatus;
  /** Why the quota is unknown: IAM refused the call, or Service Quotas has no such quota here. */
  unknownReason?: 'permission' | 'not-found';
  /** One line saying why this status. */
  reason: string;
  /** For a failure: the Service Quotas request that fixes it. */
  fix?: string;
  /** For a failure: the limit change that would fit the current quota instead. */
  alternative?: string;
  pools: string[];
}

export interface QuotaCheckResult {
  ok: boolean;
  checks: QuotaCheck[];
  pools: PoolDemand[];
  notes: string[];
}

export interface QuotaCheckOptions {
  region?: string;
  /** Treat unknown quotas as failures. */
  strict?: boolean;
  /** Also read current usage (needs a UsagePort). */
  usage?: UsagePort;
  now: () => Date;
}

/** Above this share of what is available, a pass becomes a warning: the next change will not fit. */
export const WARN_SHARE = 0.9;

/** The CloudWatch usage metric for a quota when Service Quotas does not say (same dimensions it uses). */
export function fallbackUsageMetric(bucketId: string, market: QuotaMarket): UsageMetric | undefined {
  const classes: Record<string, string> = {
    standard: 'Standard',
    'g-vt': 'G',
    p: 'P',
    x: 'X',
    f: 'F',
    inf: 'Inf',
    dl: 'DL',
    trn: 'Trn',
  };
  const cls = classes[bucketId];
  if (!cls) return undefined;
  return {
    namespace: 'AWS/Usage',
    name: 'ResourceCount',
    dimensions: {
      Service: 'EC2',
      Type: 'Resource',
      Resource: 'vCPU',
      Class: `${cls}/${market === 'spot' ? 'Spot' : 'OnDemand'}`,
    },
    statistic: 'Maximum',
  };
}

interface Group {
  code: string;
  market: QuotaMarket;
  demands: Array<BucketDemand & { pool: string }>;
}

/** Run the check. Pure apart from the injected ports and clock. */
export async function checkQuotas(
  inputs: PoolDemandInput[],
  quotas: ServiceQuotasPort,
  options: QuotaCheckOptions,
): Promise<QuotaCheckResult> {
  const pools = inputs.map(poolDemand);
  const notes: string[] = pools.flatMap((p) => p.notes);
  const wanted = pools.flatMap((p) => p.demands.map((d) => ({ bucketId: d.bucketId, market: d.market })));
  const resolved = await lookupQuotas(wanted, quotas, notes);

  // Pools that share a quota (by code and market: On-Demand P and P5 share one) add up.
  const groups = new Map<string, Group>();
  for (const pool of pools) {
    for (const demand of pool.demands) {
      const quota = resolved.get(`${demand.bucketId}/${demand.market}`);
      if (!quota) continue;
      const key = `${quota.code}/${demand.market}`;
      const group = groups.get(key) ?? { code: quota.code, market: demand.market, demands: [] };
      group.demands.push({ ...demand, pool: pool.name });
      groups.set(key, group);
    }
  }

  const checks: QuotaCheck[] = [];
  for (const group of groups.values()) {
    const first = group.demands[0]!;
    const quota = resolved.get(`${first.bucketId}/${group.market}`)!;
    const required = group.demands.some((d) => d.vcpus === null)
      ? null
      : group.demands.reduce((sum, d) => sum + (d.vcpus ?? 0), 0);
    let usage: number | null | undefined;
    if (options.usage)
      usage = await readUsage(
        options.usage,
        quota.record?.usageMetric ?? fallbackUsageMetric(first.bucketId, group.market),
        options.now(),
        notes,
      );
    checks.push(
      evaluate({
        bucket: first.bucketId,
        bucketName: quota.bucket.label,
        capacityType: group.market,
        quotaCode: quota.code,
        quotaName: quota.name,
        required,
        quota: quota.value,
        usage,
        unknownReason: quota.unknownReason,
        demands: group.demands,
        region: options.region,
      }),
    );
  }
  checks.sort((a, b) => a.bucket.localeCompare(b.bucket) || a.capacityType.localeCompare(b.capacityType));
  if (checks.some((c) => c.capacityType === 'spot')) {
    notes.push(
      'Spot vCPU quotas count open (pending) Spot Instance requests as well as running Spot Instances.',
    );
  }
  const failing = (c: QuotaCheck) =>
    c.status === 'fail' || (options.strict === true && c.status === 'unknown');
  return { ok: !checks.some(failing), checks, pools, notes: [...new Set(notes)] };
}

async function readUsage(
  port: UsagePort,
  metric: UsageMetric | undefined,
  now: Date,
  notes: string[],
): Promise<number | null> {
  if (!metric) return null;
  try {
    const value = await port.latest(metric, { start: new Date(now.getTime() - 15 * 60_000), end: now });
    return value ?? 0;
  } catch (error) {
    if (!isDenied(error)) throw error;
    notes.push(
      `${iamAction(error.operation)} was denied: usage is unknown. Grant cloudwatch:GetMetricData for --usage.`,
    );
    return null;
  }
}

interface Evaluation {
  bucket: string;
  bucketName: string;
  capacityType: QuotaMarket;
  quotaCode: string;
  quotaName: string;
  required: number | null;
  quota: number | null;
  usage: number | null | undefined;
  unknownReason?: 'permission' | 'not-found';
  demands: Array<BucketDemand & { pool: string }>;
  region?: string;
}

function evaluate(e: Evaluation): QuotaCheck {
  const poolNames = [...new Set(e.demands.map((d) => d.pool))];
  const base = {
    bucket: e.bucket,
    bucketName: e.bucketName,
    capacityType: e.capacityType,
    quotaCode: e.quotaCode,
    quotaName: e.quotaName,
    required: e.required,
    quota: e.quota,
    ...(e.usage !== undefined ? { usage: e.usage } : {}),
    pools: poolNames,
  };
  if (e.quota === null) {
    const why =
      e.unknownReason === 'permission'
        ? 'Service Quotas access was denied'
        : 'Service Quotas does not list this quota here';
    return {
      ...base,
      headroom: null,
      status: 'unknown',
      unknownReason: e.unknownReason,
      reason: `quota unknown: ${why}`,
    };
  }
  const used = e.usage ?? 0;
  const available = e.quota - used;
  if (e.required === null) {
    const unbounded = e.demands.filter((d) => d.vcpus === null).map((d) => d.pool);
    return {
      ...base,
      headroom: null,
      status: 'warn',
      reason: `${[...new Set(unbounded)].join(', ')} ${unbounded.length === 1 ? 'has' : 'have'} no bounding limit; demand is unbounded (set spec.limits or pass --max-nodes)`,
    };
  }
  const headroom = available - e.required;
  const usageText = e.usage ? ` with ${used} in use` : '';
  if (headroom < 0) {
    const desired = Math.ceil(e.required + used);
    return {
      ...base,
      headroom,
      status: 'fail',
      reason: `needs ${e.required} vCPUs, quota ${e.quota}${usageText}: ${-headroom} short`,
      fix: `aws service-quotas request-service-quota-increase --service-code ec2 --quota-code ${e.quotaCode} --desired-value ${desired}${e.region ? ` --region ${e.region}` : ''}`,
      alternative: lowerLimit(e.demands, available),
    };
  }
  if (e.required > available * WARN_SHARE) {
    return {
      ...base,
      headroom,
      status: 'warn',
      reason: `needs ${e.required} of ${available} available vCPUs: little room left`,
    };
  }
  return { ...base, headroom, status: 'pass', reason: `needs ${e.required} of ${available} available vCPUs` };
}

/** "Or lower the limit to N": only when one pool's limit decides the demand, so the answer is exact. */
function lowerLimit(demands: Array<BucketDemand & { pool: string }>, available: number): string | undefined {
  const pools = new Set(demands.map((d) => d.pool));
  const binding = demands[0]?.binding;
  if (pools.size !== 1 || demands.length !== 1 || !binding || available <= 0) return undefined;
  const units = Math.floor(available / binding.vcpusPerUnit);
  if (units <= 0) return undefined;
  const value = binding.resource === 'memory' ? `${Math.floor(units / 1024)}Gi` : String(units);
  return `or lower limits.${binding.resource} of ${demands[0]!.pool} to ${value}`;
}
