/**
 * Finding the account's EC2 vCPU quotas: by name from ListServiceQuotas (codes can differ by partition
 * and AWS renames quotas now and then), falling back to GetServiceQuota with the known code. A refused
 * call makes the quota unknown — never zero.
 */
import { QUOTA_BUCKETS, type QuotaBucket, type QuotaMarket } from './buckets.js';
import { type AwsCallError, isAwsCallError } from '../aws/ports.js';
import { iamAction } from '../aws/failures.js';
import type { QuotaRecord, ServiceQuotasPort } from './ports.js';

/** Older names AWS used for the same quota, matched too. */
const FORMER_NAMES: Record<string, string> = {
  'all p spot instance requests': 'L-7212CCBC',
};

export interface ResolvedQuota {
  bucket: QuotaBucket;
  market: QuotaMarket;
  code: string;
  name: string;
  value: number | null;
  /** Where the value came from. */
  source: 'list' | 'get' | 'none';
  /** Why `value` is null. */
  unknownReason?: 'permission' | 'not-found';
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
 * Resolve quotas for the requested (bucket, market) pairs. Calls ListServiceQuotas once and
 * GetServiceQuota only for quotas the list did not include. `notes` receives what went wrong.
 */
export async function lookupQuotas(
  wanted: Array<{ bucketId: string; market: QuotaMarket }>,
  port: ServiceQuotasPort,
  notes: string[],
): Promise<Map<string, ResolvedQuota>> {
  const result = new Map<string, ResolvedQuota>();
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

  for (const { bucketId, market } of wanted) {
    const key = `${bucketId}/${market}`;
    if (result.has(key)) continue;
    const bucket = QUOTA_BUCKETS.find((b) => b.id === bucketId);
    const known = bucket && knownQuota(bucket, market);
    if (!bucket || !known) continue;
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
          `${iamAction(error.operation)} was denied: quotas are unknown, not zero. Grant servicequotas:ListServiceQuotas and servicequotas:GetServiceQuota.`,
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
      unknownReason: reason,
      record,
    });
    if (reason === 'not-found')
      notes.push(`Service Quotas has no quota ${known.code} (${known.name}) in this region.`);
  }
  return result;
}
