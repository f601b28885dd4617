/**
 * One quota against what the pools on it may launch: pass, warn, fail or unknown, with the reason, the
 * exact fix, how many nodes of each type the quota admits, and the pools as their authors meant them.
 */
import type { QuotaMarket } from './buckets.js';
import type { QuotaDemand } from './demand.js';
import type { LimitView } from './limits.js';
import type { QuotaOrigin, ResolvedQuota } from './lookup.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** Above this share of what is available, a pass becomes a warning: the next change will not fit. */
export const WARN_SHARE = 0.9;

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
  /** Where `quota` came from: --quota, a --quotas file, Service Quotas, or nowhere. */
  quotaSource: QuotaOrigin;
  /** The --quotas file, when the value came from one. */
  quotaFile?: string;
  /** Current vCPUs in use (with --usage). */
  usage?: number | null;
  /** quota − usage − required; null when unknown. */
  headroom: number | null;
  status: CheckStatus;
  /** Why the quota is unknown: IAM refused, Service Quotas has no such quota here, or --offline. */
  unknownReason?: 'permission' | 'not-found' | 'offline';
  /** One line saying why this status. */
  reason: string;
  /** For a failure: the Service Quotas request that fixes it. */
  fix?: string;
  /** For a failure: the limit change that would fit the current quota instead. */
  alternative?: string;
  pools: string[];
  /** Per allowed type, how many nodes of it alone the available quota holds (known quotas only). */
  admits: Array<{ instanceType: string; vcpus: number; nodes: number }>;
  /** Allowed types with more vCPUs than the available quota: every launch of them would be refused. */
  neverLaunchable: Array<{ instanceType: string; vcpus: number }>;
  /** The check again with limit keys Karpenter ignores read as the resource they meant. */
  asIntended?: {
    required: number | null;
    headroom: number | null;
    status: CheckStatus;
    reason: string;
    limits: Array<{ pool: string; written: string; meant: string; raw: string }>;
  };
}

export type PoolQuotaDemand = QuotaDemand & { pool: string; limits: LimitView[] };

export interface Evaluation {
  quota: ResolvedQuota;
  usage: number | null | undefined;
  demands: PoolQuotaDemand[];
  region?: string;
  strict: boolean;
}

const plural = (names: string[], one: string, many: string) => (names.length === 1 ? one : many);

/** Whether `required` fits `available`, and why not. */
function judge(required: number | null, available: number, strict: boolean, pools: string[]) {
  if (required === null) {
    return {
      status: (strict ? 'fail' : 'warn') as CheckStatus,
      headroom: null,
      reason: `${plural(pools, 'pool', 'pools')} ${pools.join(', ')} ${plural(pools, 'has', 'have')} no bounding limit; demand is unbounded (set spec.limits or pass --max-nodes)${strict ? ' — --strict fails an unbounded pool' : ''}`,
    };
  }
  const headroom = available - required;
  if (headroom < 0) return { status: 'fail' as CheckStatus, headroom, reason: `${-headroom} short` };
  if (required > available * WARN_SHARE)
    return {
      status: 'warn' as CheckStatus,
      headroom,
      reason: `needs ${required} of ${available} available vCPUs: little room left`,
    };
  return {
    status: 'pass' as CheckStatus,
    headroom,
    reason: `needs ${required} of ${available} available vCPUs`,
  };
}

const sum = (values: Array<number | null>) =>
  values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0);

/** Evaluate one quota. Pure. */
export function evaluateQuota(e: Evaluation): QuotaCheck {
  const q = e.quota;
  const poolNames = [...new Set(e.demands.map((d) => d.pool))];
  const required = sum(e.demands.map((d) => d.vcpus));
  const base = {
    bucket: e.demands[0]!.bucketId,
    bucketName: q.bucket.label,
    capacityType: q.market,
    quotaCode: q.code,
    quotaName: q.name,
    required,
    quota: q.value,
    quotaSource: q.origin,
    ...(q.file ? { quotaFile: q.file } : {}),
    ...(e.usage !== undefined ? { usage: e.usage } : {}),
    pools: poolNames,
  };
  if (q.value === null) {
    const why =
      q.unknownReason === 'permission'
        ? 'Service Quotas access was denied'
        : q.unknownReason === 'offline'
          ? '--offline and no value given with --quota or --quotas'
          : 'Service Quotas does not list this quota here';
    return {
      ...base,
      headroom: null,
      status: 'unknown',
      unknownReason: q.unknownReason,
      reason: `quota unknown: ${why}`,
      admits: [],
      neverLaunchable: [],
      ...intended(e, null),
    };
  }
  const used = e.usage ?? 0;
  const available = q.value - used;
  const { admits, neverLaunchable } = admitted(e.demands, available);
  const verdict = judge(required, available, e.strict, poolNames);
  const common = { ...base, admits, neverLaunchable, ...intended(e, available) };
  const request = (vcpus: number) =>
    `aws service-quotas request-service-quota-increase --service-code ec2 --quota-code ${q.code} --desired-value ${Math.ceil(vcpus + used)}${e.region ? ` --region ${e.region}` : ''}`;
  if (required === null) {
    const meant = common.asIntended;
    return {
      ...common,
      ...verdict,
      ...(meant?.required != null && meant.status === 'fail' ? { fix: request(meant.required) } : {}),
      ...withAlternative(renameAdvice(common.asIntended) ?? unboundedAlternative(e.demands, available)),
    };
  }
  if (verdict.status !== 'fail') return { ...common, ...verdict };
  const usageText = e.usage ? ` with ${used} in use` : '';
  return {
    ...common,
    headroom: verdict.headroom,
    status: 'fail',
    reason: `needs ${required} vCPUs, quota ${q.value}${usageText}: ${verdict.reason}`,
    fix: request(required),
    ...withAlternative(lowerLimit(e.demands, available)),
  };
}

/** For limit keys Karpenter ignores: the key to write instead. */
function renameAdvice(meant: QuotaCheck['asIntended']): string | undefined {
  if (!meant || meant.limits.length === 0) return undefined;
  const renames = meant.limits.map((l) => `limits ${l.written} → ${l.meant} in ${l.pool}`);
  return `and write ${renames.join(', ')} (Karpenter ignores ${[...new Set(meant.limits.map((l) => l.written))].join(', ')})`;
}

const withAlternative = (alternative: string | undefined) => (alternative ? { alternative } : {});

/** How many nodes of each allowed type alone fit in `available`; those that never fit. */
function admitted(demands: PoolQuotaDemand[], available: number) {
  const types = new Map<string, number>();
  for (const d of demands) for (const t of d.launchable) types.set(t.instanceType, t.vcpus);
  const sorted = [...types].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const nodes = (vcpus: number) => Math.max(0, Math.floor(available / vcpus));
  return {
    admits: sorted
      .filter(([, vcpus]) => nodes(vcpus) > 0)
      .map(([instanceType, vcpus]) => ({ instanceType, vcpus, nodes: nodes(vcpus) })),
    neverLaunchable: sorted
      .filter(([, vcpus]) => nodes(vcpus) === 0)
      .map(([instanceType, vcpus]) => ({ instanceType, vcpus })),
  };
}

/** The check with ignored limit keys read as meant, when some pool on it has such a key. */
function intended(e: Evaluation, available: number | null): Pick<QuotaCheck, 'asIntended'> {
  if (!e.demands.some((d) => d.asIntended)) return {};
  const limits = e.demands.flatMap((d) =>
    d.limits
      .filter((l) => l.kind === 'ignored' && l.meant)
      .map((l) => ({ pool: d.pool, written: l.resource, meant: l.meant!, raw: l.raw })),
  );
  const unique = [...new Map(limits.map((l) => [`${l.pool}/${l.written}`, l])).values()];
  const required = sum(e.demands.map((d) => (d.asIntended ? d.asIntended.vcpus : d.vcpus)));
  const meant = unique.map((l) => `${l.meant}: ${l.raw}`).join(', ');
  if (available === null) {
    const reason = `as intended (${meant}): ${required === null ? 'unbounded' : `${required} vCPUs`}; quota unknown`;
    return { asIntended: { required, headroom: null, status: 'unknown', reason, limits: unique } };
  }
  const verdict = judge(required, available, e.strict, [...new Set(e.demands.map((d) => d.pool))]);
  const reason =
    required === null
      ? `as intended (${meant}): still unbounded`
      : `as intended (${meant}): ${required} vCPUs${verdict.status === 'fail' ? `, ${verdict.reason}` : ` of ${available} available`}`;
  return {
    asIntended: { required, headroom: verdict.headroom, status: verdict.status, reason, limits: unique },
  };
}

/** "Or lower the limit to N": only when one pool's written limit decides the demand, so the answer is safe. */
function lowerLimit(demands: PoolQuotaDemand[], available: number): string | undefined {
  const pools = new Set(demands.map((d) => d.pool));
  const binding = demands[0]?.binding;
  if (pools.size !== 1 || demands.length !== 1 || !binding || available <= 0) return undefined;
  if (binding.source === 'replicas' || binding.source === 'max-nodes') return undefined;
  const units = Math.floor(available / binding.vcpusPerUnit);
  if (units <= 0) return undefined;
  const value = binding.resource === 'memory' ? `${Math.floor(units / 1024)}Gi` : String(units);
  if (value === '0Gi') return undefined;
  return `or lower limits.${binding.resource} of ${demands[0]!.pool} to ${value}`;
}

/** For one unbounded pool: the cpu limit that would make it fit. */
function unboundedAlternative(demands: PoolQuotaDemand[], available: number): string | undefined {
  const unbounded = [...new Set(demands.filter((d) => d.vcpus === null).map((d) => d.pool))];
  if (unbounded.length !== 1 || demands.length !== 1 || available < 1) return undefined;
  return `or set a cpu limit of ${Math.floor(available)} on ${unbounded[0]} to fit this quota`;
}
