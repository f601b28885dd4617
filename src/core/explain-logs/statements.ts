/**
 * Statements that depend on the Karpenter version, made from the facts of each release and only within
 * them: the unavailable-offerings TTL, and whether a code counts as unavailable capacity. When the version
 * is unknown or the facts change within its range, the statement says how they differ by release.
 */
import { describeTtl } from '../logs/actions.js';
import { cachesCode, constantIn, firstRelease } from '../logs/facts.js';
import type { VersionRange } from '../logs/versions.js';

/** `45 s in v0.5.0 – v0.9.0, 3 minutes since v0.9.1`. */
export function ttlByVersion(): string {
  const values = constantIn('unavailable-offerings-ttl', undefined).values;
  return values
    .map((v, i) =>
      i === values.length - 1
        ? `${describeTtl(v.value)} since ${v.from}`
        : `${describeTtl(v.value)} in ${v.from} – ${v.until}`,
    )
    .join(', ');
}

/** The TTL in words for a range: `3 minutes`, or the current value and how it differs by release. */
export const ttlText = (seconds: number, certain: boolean): string =>
  certain ? describeTtl(seconds) : `${describeTtl(seconds)} (${ttlByVersion()})`;

/** What Karpenter does with a fleet error `code` in the range, in words. */
export function cacheStatement(code: string, range: VersionRange | undefined, ttl: string): string {
  const fact = cachesCode(code, range);
  const cached = `it caches the offering (capacity type, instance type, zone) as unavailable for ${ttl}, gives up the node it was launching and solves again with the offerings left — other instance types and zones first, Spot before On-Demand`;
  if (fact.only === true)
    return `In this version Karpenter counts ${code} as unavailable capacity: ${cached}.`;
  if (fact.only === false)
    return `In this version Karpenter does not count ${code} as unavailable capacity: nothing is cached, and the same launch is retried with backoff until the configuration changes.`;
  const since = firstRelease(cachesCode(code, undefined), (v) => v);
  if (!since)
    return `Karpenter does not count ${code} as unavailable capacity in any release: nothing is cached, and the same launch is retried with backoff until the configuration changes.`;
  return `Karpenter counts ${code} as unavailable capacity from ${since} on (${cached}); before ${since} it did not cache it and retried the same launch.`;
}
