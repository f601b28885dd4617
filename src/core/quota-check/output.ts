/**
 * quota-check's result as users get it: the JSON contract (`--json`) and the exit code, one place for both.
 */
import { ExitCode } from '../errors.js';
import type { QuotaCheck, QuotaCheckResult } from '../quota/check.js';

export interface QuotaCheckOutput {
  ok: boolean;
  region: string;
  checks: QuotaCheck[];
  pools: Array<{
    name: string;
    file?: string;
    line?: number;
    unbounded: boolean;
    demand: Array<{
      bucket: string;
      capacityType: string;
      vcpus: number | null;
      basis: string;
      instanceTypes: number;
    }>;
  }>;
  notes: string[];
  source: { kind: string; description: string };
}

/** 1 for a shortfall; with --strict, 4 when permissions hid a quota and 1 when it is otherwise unknown. */
export function quotaExitCode(result: QuotaCheckResult, strict: boolean) {
  if (result.checks.some((c) => c.status === 'fail')) return ExitCode.findings;
  if (strict && result.checks.some((c) => c.status === 'unknown')) {
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
): QuotaCheckOutput {
  return {
    ok: result.ok,
    region,
    checks: result.checks,
    pools: result.pools.map((p) => ({
      name: p.name,
      ...(p.file ? { file: p.file, line: p.span?.line } : {}),
      unbounded: p.unbounded,
      demand: p.demands.map((d) => ({
        bucket: d.bucketId,
        capacityType: d.market,
        vcpus: d.vcpus,
        basis: d.basis,
        instanceTypes: d.types.length,
      })),
    })),
    notes: [...new Set(notes)],
    source: { kind: source.kind, description: source.description },
  };
}
