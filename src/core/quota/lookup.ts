/**
 * Finding the account's EC2 vCPU quotas: values given with --quota/--quotas first (they win, and need no
 * AWS access at all), then by name from ListServiceQuotas (codes can differ by partition and AWS renames
 * quotas now and then), falling back to GetServiceQuota with the known code. A refused call makes the
 * quota unknown — never zero; so does having no Service Quotas access at all (--offline).
 */
import { QUOTA_BUCKETS, type QuotaBucket, type QuotaMarket } from './buckets.js';
import { type AwsCallError, isAwsCallError } from '../aws/ports.js';
import { iamAction } from '../aws/failures.js';
import type { QuotaRecord, ServiceQuotasPort } from './ports.js';

/** Older names AWS used for the same quota, matched too. */
const FORMER_NAMES: Record<string, string> = {
  'all p spot instance requests': 'L-7212CCBC',
};

/** A quota value the user gave instead of (or before) Service Quotas. */
export interface GivenQuota {
  code: string;
  value: number;
  source: 'flag' | 'file';
  /** The quotas file, for `file`. */
  file?: string;
}

/** Where a quota value came from, as reports name it. */
export type QuotaOrigin = 'flag' | 'file' | 'service-quotas' | 'none';

export interface ResolvedQuota {
  bucket: QuotaBucket;
  market: QuotaMarket;
  code: string;
  name: string;
  value: number | null;
  /** Which call (or input) gave the value. */
  source: 'list' | 'get' | 'given' | 'none';
  origin: QuotaOrigin;
  /** The quotas file a value came from. */
  file?: string;
  /** Why `value` is null: IAM refused, Service Quotas has no such quota, or no access was allowed. */
  unknownReason?: 'permission' | 'not-found' | 'offline';
  record?: QuotaRecord;
}

/** IAM refused the call: the answer is unknown, not zero. */
export const isDenied = (error: unknown): error is AwsCallError =>
  isAwsCallError(error) && error.kind === 'access-denied';

const normalise = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/** The fallback code and name for a bucket in a market. */
export const knownQuota = (bucket: QuotaBucket, market: QuotaMarket) =>
  market === 'spot' ? bucket.spot : bucket.onDemand;

/**
 * Resolve quotas for the requested (bucket, market) pairs. Given values are used as they are; for the
 * rest, ListServiceQuotas is called once and GetServiceQuota only for quotas the list did not include —
 * and nothing at all when every value is given or `port` is undefined (no AWS access). `notes` receives
 * what went wrong.
 */
export async function lookupQuotas(
  wanted: Array<{ bucketId: string; market: QuotaMarket }>,
  port: ServiceQuotasPort | undefined,
  notes: string[],
  given: ReadonlyMap<string, GivenQuota> = new Map(),
): Promise<Map<string, ResolvedQuota>> {
  const result = new Map<string, ResolvedQuota>();
  const pending: Array<{
    key: string;
    bucket: QuotaBucket;
    market: QuotaMarket;
    known: { code: string; name: string };
  }> = [];
  for (const { bucketId, market } of wanted) {
    const key = `${bucketId}/${market}`;
    const bucket = QUOTA_BUCKETS.find((b) => b.id === bucketId);
    const known = bucket && knownQuota(bucket, market);
    if (!bucket || !known || result.has(key) || pending.some((p) => p.key === key)) continue;
    const value = given.get(known.code);
    if (value) {
      result.set(key, {
        bucket,
        market,
        code: known.code,
        name: known.name,
        value: value.value,
        source: 'given',
        origin: value.source,
        ...(value.file ? { file: value.file } : {}),
      });
    } else pending.push({ key, bucket, market, known });
  }
  if (pending.length === 0) return result;
  if (!port) {
    for (const { key, bucket, market, known } of pending)
      result.set(key, {
        bucket,
        market,
        ...known,
        value: null,
        source: 'none',
        origin: 'none',
        unknownReason: 'offline',
      });
    notes.push(
      `--offline: Service Quotas is not called, so ${[...new Set(pending.map((p) => p.known.code))].join(', ')} ${pending.length === 1 ? 'is' : 'are'} unknown; give values with --quota CODE=VALUE or --quotas FILE.`,
    );
    return result;
  }

  let listed: QuotaRecord[] = [];
  try {
    listed = await port.listEc2Quotas();
  } catch (error) {
    if (!isDenied(error)) throw error;
    notes.push(
      `${iamAction(error.operation)} was denied; looking quotas up one by one with servicequotas:GetServiceQuota.`,
    );
  }
  const byName = new Map(listed.map((record) => [normalise(record.name), record]));
  const byCode = new Map(listed.map((record) => [record.code, record]));
  let getDenied: AwsCallError | undefined;

  for (const { key, bucket, market, known } of pending) {
    const fromList =
      byName.get(normalise(known.name)) ??
      byCode.get(known.code) ??
      listed.find((r) => FORMER_NAMES[normalise(r.name)] === known.code);
    if (fromList) {
      result.set(key, {
        bucket,
        market,
        code: fromList.code,
        name: fromList.name,
        value: fromList.value,
        source: 'list',
        origin: 'service-quotas',
        record: fromList,
      });
      continue;
    }
    let record: QuotaRecord | undefined;
    let reason: ResolvedQuota['unknownReason'];
    if (getDenied) {
      reason = 'permission';
    } else {
      try {
        record = await port.getEc2Quota(known.code);
        if (!record) reason = 'not-found';
      } catch (error) {
        if (!isDenied(error)) throw error;
        getDenied = error;
        reason = 'permission';
        notes.push(
          `${iamAction(error.operation)} was denied: quotas are unknown, not zero. Grant servicequotas:ListServiceQuotas and servicequotas:GetServiceQuota, or give values with --quota CODE=VALUE.`,
        );
      }
    }
    result.set(key, {
      bucket,
      market,
      code: record?.code ?? known.code,
      name: record?.name ?? known.name,
      value: record?.value ?? null,
      source: record ? 'get' : 'none',
      origin: record ? 'service-quotas' : 'none',
      unknownReason: reason,
      record,
    });
    if (reason === 'not-found')
      notes.push(`Service Quotas has no quota ${known.code} (${known.name}) in this region.`);
  }
  return result;
}
