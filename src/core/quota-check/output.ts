/**
 * quota-check's result as users get it: the JSON contract (`--json`) and the exit code, one place for both.
 * Fields are only ever added: `checks[]` are the evaluated quotas (with where each value came from, the
 * nodes it admits per type and the as-intended verdict), `pools[]` each pool's worst case per quota.
 */
import { ExitCode } from '../errors.js';
import { failing, type QuotaCheck, type QuotaCheckResult } from '../quota/check.js';
import type { LimitKind } from '../quota/limits.js';
import type { Exclusion } from '../quota/packing.js';

export interface QuotaCheckOutput {
  ok: boolean;
  region: string;
  checks: QuotaCheck[];
  pools: Array<{
    name: string;
    file?: string;
    line?: number;
    unbounded: boolean;
    /** Each limit as written and how Karpenter treats it. */
    limits: Array<{ resource: string; raw: string; kind: LimitKind; meant?: string }>;
    /** When the pool spans several quotas: the most its limits allow across them all. */
    shared?: { vcpus: number | null; quotaCodes: string[]; basis: string };
    demand: Array<{
      bucket: string;
      buckets: string[];
      quotaCode: string;
      capacityType: string;
      vcpus: number | null;
      basis: string;
      /** False: `vcpus` is an upper bound, not an exact node mix. */
      exact: boolean;
      instanceTypes: number;
      /** The node mix that reaches `vcpus`. */
      nodes: Array<{ instanceType: string; count: number }>;
      /** Allowed types one node of which exceeds a limit (memory in MiB, after VM overhead). */
      excludedByLimits: Exclusion[];
      asIntended?: { vcpus: number | null; basis: string };
    }>;
  }>;
  notes: string[];
  source: { kind: string; description: string };
  /** What the estimate assumed about Karpenter's settings. */
  assumptions: { vmMemoryOverheadPercent: number };
}

/** 1 for a shortfall (or, with --strict, an unbounded pool); with --strict, 4 when permissions hid a quota. */
export function quotaExitCode(result: QuotaCheckResult, strict: boolean) {
  if (result.checks.some((c) => c.status === 'fail')) return ExitCode.findings;
  if (result.checks.some((c) => failing(c, strict))) {
    return result.checks.some((c) => c.unknownReason === 'permission') ? ExitCode.auth : ExitCode.findings;
  }
  return ExitCode.ok;
}

/** The `--json` object: demand per pool in raw numbers, notes without repeats, and the catalog used. */
export function quotaCheckOutput(
  result: QuotaCheckResult,
  region: string,
  notes: string[],
  source: { kind: string; description: string },
  vmMemoryOverheadPercent = 0.075,
): QuotaCheckOutput {
  return {
    ok: result.ok,
    region,
    checks: result.checks,
    pools: result.pools.map((p) => ({
      name: p.name,
      ...(p.file ? { file: p.file, line: p.span?.line } : {}),
      unbounded: p.unbounded,
      limits: p.limits,
      ...(p.shared ? { shared: p.shared } : {}),
      demand: p.demands.map((d) => ({
        bucket: d.bucketId,
        buckets: d.buckets,
        quotaCode: d.quotaCode,
        capacityType: d.market,
        vcpus: d.vcpus,
        basis: d.basis,
        exact: d.exact,
        instanceTypes: d.types.length,
        nodes: d.nodes.map((n) => ({ instanceType: n.instanceType, count: n.count })),
        excludedByLimits: d.excluded,
        ...(d.asIntended ? { asIntended: d.asIntended } : {}),
      })),
    })),
    notes: [...new Set(notes)],
    source: { kind: source.kind, description: source.description },
    assumptions: { vmMemoryOverheadPercent },
  };
}
