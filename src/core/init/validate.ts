/**
 * Checks on single answers, shared by the config builder (flags) and the wizard (prompt validation):
 * each returns what is wrong in one sentence, or undefined.
 */
import { isKnownRegion, KNOWN_REGIONS } from '../catalog/regions.js';
import { nearest } from '../text/nearest.js';
import { DURATION_PATTERN } from '../emit/duration.js';

/** Kubernetes resource quantity, as the CRDs validate limits. */
export const QUANTITY =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;
export const BUDGET_NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
/** A DNS label short enough to take a `-on-demand` suffix. */
export const POOL_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const POOL_NAME_MAX = 50;
/** EKS cluster names. */
export const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
/** SQS queue names: 1–80 of letters, digits, `-`, `_` (and `.fifo`). */
export const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
export const QUEUE_URL = /^https:\/\/[^/\s]+\/(\d{12})\/([A-Za-z0-9_-]{1,80}(\.fifo)?)$/;
export const AMI_ALIAS = /^(al2|al2023|bottlerocket|windows2019|windows2022|windows2025)@.+$/;

export function regionProblem(region: string): string | undefined {
  if (isKnownRegion(region.trim())) return undefined;
  const close = nearest(region.trim(), KNOWN_REGIONS);
  return close.length > 0
    ? `"${region}" is not an AWS Region code: did you mean ${close.join(', ')}?`
    : `"${region}" is not an AWS Region code such as us-east-1`;
}

/** The Regions most clusters run in, offered first (they are also the ones the bundled data covers). */
const COMMON_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'];

/**
 * The Region list of the wizard, filtered by what was typed: the profile's Region first (else us-east-1),
 * then the common ones, then the rest. A term that matches nothing offers the nearest codes instead.
 */
export function regionChoices(
  term: string,
  preferred?: string,
): Array<{ value: string; name: string; description?: string }> {
  const order = [...new Set([...(preferred ? [preferred] : []), ...COMMON_REGIONS, ...KNOWN_REGIONS])];
  const wanted = term.trim().toLowerCase();
  const matching = order.filter((region) => region.includes(wanted));
  const shown = matching.length > 0 ? matching : nearest(wanted, KNOWN_REGIONS);
  // The name stays the bare code: the prompt writes it into the search line.
  return shown.map((region) => ({
    value: region,
    name: region,
    ...(region === preferred ? { description: 'the Region of your AWS profile' } : {}),
  }));
}

export const clusterNameProblem = (name: string): string | undefined =>
  CLUSTER_NAME.test(name.trim())
    ? undefined
    : 'use letters, digits, "-" and "_" (as `aws eks list-clusters` shows)';

export const limitProblem = (value: string, kind: 'cpu' | 'memory' | 'gpu'): string | undefined => {
  const v = value.trim();
  if (v === 'none') return undefined;
  if (kind === 'gpu') return /^[1-9][0-9]*$/.test(v) ? undefined : 'a whole number of GPUs, or none';
  return QUANTITY.test(v) && !v.startsWith('-')
    ? undefined
    : kind === 'cpu'
      ? 'cores, e.g. 1000 (or none)'
      : 'a quantity such as 1000Gi (or none)';
};

export const durationProblem = (value: string): string | undefined =>
  DURATION_PATTERN.test(value) ? undefined : 'hours, minutes and seconds such as 30s, 5m, 720h, or Never';

/** Karpenter wants the interruption queue's NAME: an ARN or URL is the classic mistake (KPA #6024). */
export function queueNameProblem(value: string): { problem: string; name?: string } | undefined {
  const v = value.trim();
  if (v.startsWith('arn:'))
    return { problem: 'Karpenter wants the queue’s name, not its ARN', name: v.split(':').pop() };
  if (/^https?:\/\//.test(v))
    return { problem: 'Karpenter wants the queue’s name, not its URL', name: v.split('/').pop() };
  if (!QUEUE_NAME.test(v)) return { problem: 'an SQS queue name has 1–80 letters, digits, "-" or "_"' };
  return undefined;
}

export const queueUrlProblem = (value: string): string | undefined =>
  QUEUE_URL.test(value.trim())
    ? undefined
    : 'the queue URL, https://sqs.<region>.amazonaws.com/<account-id>/<name> (`aws sqs get-queue-url`)';

/** `g4dn.xlarge, g4dn` → types and families: an entry with a dot is a type, one without a family. */
export function splitSeeds(entries: string[]): { types: string[]; families: string[] } {
  const clean = entries.map((entry) => entry.trim()).filter(Boolean);
  return { types: clean.filter((e) => e.includes('.')), families: clean.filter((e) => !e.includes('.')) };
}
