/**
 * quota-check: can this account launch what these NodePools allow? Works out each pool's worst-case vCPU
 * demand per quota (as Karpenter counts limits), adds up pools that share a quota (separate pools have
 * separate limits), compares that with the quota minus current usage, and for a shortfall gives the exact
 * request to make — or the limit that would fit.
 */
import type { QuotaMarket } from './buckets.js';
import {
  DEFAULT_DEMAND_OPTIONS,
  poolDemand,
  type DemandOptions,
  type PoolDemand,
  type PoolDemandInput,
} from './demand.js';
import { iamAction } from '../aws/failures.js';
import { evaluateQuota, type CheckStatus, type PoolQuotaDemand, type QuotaCheck } from './evaluate.js';
import { isDenied, lookupQuotas, type GivenQuota } from './lookup.js';
import type { ServiceQuotasPort, UsageMetric, UsagePort } from './ports.js';

export { WARN_SHARE, type CheckStatus, type QuotaCheck } from './evaluate.js';

export interface QuotaCheckResult {
  ok: boolean;
  checks: QuotaCheck[];
  pools: PoolDemand[];
  notes: string[];
}

export interface QuotaCheckOptions {
  region?: string;
  /** Treat unknown quotas and unbounded pools as failures. */
  strict?: boolean;
  /** Also read current usage (needs a UsagePort). */
  usage?: UsagePort;
  /** Quota values given by the user; they win over Service Quotas. */
  given?: ReadonlyMap<string, GivenQuota>;
  demand?: DemandOptions;
  now: () => Date;
}

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

/**
 * Run the check. Pure apart from the injected ports and clock. `quotas` undefined: no Service Quotas
 * access (quotas not given are unknown).
 */
export async function checkQuotas(
  inputs: PoolDemandInput[],
  quotas: ServiceQuotasPort | undefined,
  options: QuotaCheckOptions,
): Promise<QuotaCheckResult> {
  const pools = inputs.map((input) => poolDemand(input, options.demand ?? DEFAULT_DEMAND_OPTIONS));
  const notes: string[] = pools.flatMap((p) => p.notes);
  // A quota no allowed type can launch into (every one exceeds a limit) is not at stake.
  const live = (pool: PoolDemand) => pool.demands.filter((d) => d.vcpus !== 0);
  const wanted = pools.flatMap((p) => live(p).map((d) => ({ bucketId: d.bucketId, market: d.market })));
  const resolved = await lookupQuotas(wanted, quotas, notes, options.given);
  const unused = [...(options.given?.keys() ?? [])].filter(
    (code) => ![...resolved.values()].some((q) => q.code === code),
  );
  if (unused.length > 0)
    notes.push(`No pool here launches into ${unused.join(', ')}; the value given is not used.`);

  // Pools that share a quota (by code and market) add up: each has its own limits.
  const groups = new Map<string, PoolQuotaDemand[]>();
  for (const pool of pools) {
    for (const demand of live(pool)) {
      const quota = resolved.get(`${demand.bucketId}/${demand.market}`);
      if (!quota) continue;
      const key = `${quota.code}/${demand.market}`;
      groups.set(key, [...(groups.get(key) ?? []), { ...demand, pool: pool.name, limits: pool.limits }]);
    }
  }

  const checks: QuotaCheck[] = [];
  for (const demands of groups.values()) {
    const first = demands[0]!;
    const quota = resolved.get(`${first.bucketId}/${first.market}`)!;
    const usage = options.usage
      ? await readUsage(
          options.usage,
          quota.record?.usageMetric ?? fallbackUsageMetric(first.bucketId, first.market),
          options.now(),
          notes,
        )
      : undefined;
    checks.push(
      evaluateQuota({ quota, usage, demands, region: options.region, strict: options.strict === true }),
    );
  }
  checks.sort((a, b) => a.bucket.localeCompare(b.bucket) || a.capacityType.localeCompare(b.capacityType));
  if (checks.some((c) => c.capacityType === 'spot')) {
    notes.push(
      'Spot vCPU quotas count open (pending) Spot Instance requests as well as running Spot Instances.',
    );
  }
  return {
    ok: !checks.some((c) => failing(c, options.strict === true)),
    checks,
    pools,
    notes: [...new Set(notes)],
  };
}

/** Whether a check makes the run fail: a shortfall (or unbounded under --strict), or unknown under --strict. */
export const failing = (check: { status: CheckStatus }, strict: boolean): boolean =>
  check.status === 'fail' || (strict && check.status === 'unknown');

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
