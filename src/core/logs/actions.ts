/**
 * Fill knowledge-base templates with what the log named: instance types, the Region, quota codes for the
 * instance families (from the quota-bucket table), denied IAM actions. Quota actions are repeated once per
 * quota bucket involved, so a log with g5 and m5 failures gets both the G/VT and the Standard command.
 */
import { QUOTA_BUCKETS, quotaBucketFor, type QuotaBucket } from '../quota/buckets.js';

export interface ActionContext {
  region?: string;
  instanceTypes: string[];
  zones: string[];
  nodePools: string[];
  subnets: string[];
  iamActions: string[];
  iamRoles: string[];
  codes: string[];
  ttlSeconds: number;
  /** The cache TTL in words for the version found (`3 minutes`, or how it differs by release). */
  ttlText?: string;
  /** What Karpenter does with the entry's AWS code in the version found (see facts.ts). */
  cacheText?: string;
  /** The current limit a VcpuLimitExceeded message names. */
  vcpuLimit?: number;
}

const PLACEHOLDER = /\{([a-zA-Z]+(?:\.[a-zA-Z]+)?)\}/g;

const list = (values: string[], fallback: string, separator = ', ', max = 6): string =>
  values.length === 0
    ? fallback
    : values.length > max
      ? `${values.slice(0, max).join(separator)} (+${values.length - max} more)`
      : values.join(separator);

export const describeTtl = (seconds: number): string =>
  seconds % 60 === 0 ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}` : `${seconds} s`;

function value(name: string, ctx: ActionContext, bucket?: QuotaBucket): string {
  switch (name) {
    case 'region':
      return ctx.region ?? '<region>';
    case 'regionFlag':
      return ctx.region ? ` --region ${ctx.region}` : '';
    case 'types':
      return ctx.instanceTypes.length > 0 ? ctx.instanceTypes.slice(0, 10).join(',') : '<instance-types>';
    case 'zones':
      return list(ctx.zones, 'the zones in the line');
    case 'nodepools':
      return list(ctx.nodePools, 'the NodePool');
    case 'subnets':
      return ctx.subnets.length > 0 ? ctx.subnets.slice(0, 10).join(' ') : '<subnet-id>';
    case 'iamActions':
      return list(ctx.iamActions, 'the denied action (see the example line)');
    case 'iamRoles':
      return list(ctx.iamRoles, 'the node role');
    case 'codes':
      return list(ctx.codes, 'the code in the line');
    case 'ttl':
      return ctx.ttlText ?? describeTtl(ctx.ttlSeconds);
    case 'cache':
      return ctx.cacheText ?? '';
    case 'desiredValue':
      // Doubling the limit EC2 quoted is a starting point; the user sizes it to the peak they expect.
      return ctx.vcpuLimit ? String(ctx.vcpuLimit * 2) : '<vCPUs>';
    case 'spotQuota.code':
      return bucket?.spot?.code ?? '<quota-code>';
    case 'spotQuota.name':
      return bucket?.spot
        ? `${bucket.spot.code} “${bucket.spot.name}”`
        : 'the Spot quota of the family’s bucket';
    case 'odQuota.code':
      return bucket?.onDemand?.code ?? '<quota-code>';
    case 'odQuota.name':
      return bucket?.onDemand
        ? `${bucket.onDemand.code} “${bucket.onDemand.name}”`
        : 'the On-Demand quota of the family’s bucket';
    default:
      return `{${name}}`;
  }
}

/** Fill one template with no per-bucket expansion (explanations, titles). */
export const fillTemplate = (template: string, ctx: ActionContext): string =>
  template.replace(PLACEHOLDER, (_, name: string) => value(name, ctx));

const bucketsFor = (types: string[], market: 'spot' | 'onDemand'): QuotaBucket[] => {
  const buckets = new Map<string, QuotaBucket>();
  for (const type of types) {
    const bucket = quotaBucketFor(type);
    if (bucket?.[market]) buckets.set(bucket.id, bucket);
  }
  return [...buckets.values()];
};

/**
 * Render action templates. A template naming a quota is repeated per quota bucket of the affected types;
 * with no known type, a list of the bucket codes follows so the user can pick.
 */
export function renderActions(templates: string[], ctx: ActionContext): string[] {
  const out: string[] = [];
  let listedBuckets = false;
  for (const template of templates) {
    const market = template.includes('{spotQuota.')
      ? 'spot'
      : template.includes('{odQuota.')
        ? 'onDemand'
        : undefined;
    if (!market) {
      out.push(fillTemplate(template, ctx));
      continue;
    }
    const buckets = bucketsFor(ctx.instanceTypes, market);
    if (buckets.length === 0) {
      out.push(template.replace(PLACEHOLDER, (_, name: string) => value(name, ctx)));
      if (!listedBuckets) {
        listedBuckets = true;
        const codes = QUOTA_BUCKETS.flatMap((bucket) => {
          const quota = bucket[market];
          return quota ? [`${bucket.label} ${quota.code}`] : [];
        });
        out.push(
          `The log does not name the instance family; ${market === 'spot' ? 'Spot' : 'On-Demand'} quota codes by bucket: ${codes.join('; ')}.`,
        );
      }
      continue;
    }
    for (const bucket of buckets)
      out.push(template.replace(PLACEHOLDER, (_, name: string) => value(name, ctx, bucket)));
  }
  return out;
}

/** `us-east-1c` → `us-east-1`; Local Zones `us-west-2-lax-1a` → `us-west-2`. */
export function regionOfZone(zone: string): string | undefined {
  const m = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)(?:[a-z]|-[a-z]+-\d[a-z])$/.exec(zone);
  return m?.[1];
}
