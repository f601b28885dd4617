/**
 * Which Karpenter versions a log can come from, read from the message templates each release used (the
 * "Launch-failure and scheduling log templates by version" research), and the unavailable-offerings TTL
 * that follows: 45 s up to v0.9.0, 3 minutes since v0.9.1.
 */

export type Version = readonly [number, number, number];

const INFINITY: Version = [Number.POSITIVE_INFINITY, 0, 0];
const ZERO: Version = [0, 0, 0];

/** `v0.9.1`, `0.37`, `1.6.2-rc.1` → [major, minor, patch]; undefined when not a version. */
export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

export const compareVersions = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

export const formatVersion = (v: Version): string => `v${v[0]}.${v[1]}.${v[2]}`;

export interface VersionRange {
  min: Version;
  max: Version;
}

/** A message template that only some releases print. `max` is the last release that prints it. */
interface EraHint {
  pattern: RegExp;
  min: Version;
  max: Version;
}

export const ERA_HINTS: EraHint[] = [
  { pattern: /Provisioning failed, launching capacity/, min: [0, 5, 0], max: [0, 5, 2] },
  { pattern: /Could not launch node, launching instances/, min: [0, 5, 3], max: [0, 7, 99] },
  { pattern: /Launching node, creating cloud provider machine/, min: [0, 8, 0], max: [0, 10, 99] },
  {
    pattern: /Provisioning failed, launching node, creating cloud provider instance/,
    min: [0, 11, 0],
    max: [0, 18, 99],
  },
  { pattern: /avoiding for \d/, min: [0, 5, 0], max: [0, 18, 99] },
  { pattern: /launching machine, creating cloud provider instance/, min: [0, 19, 0], max: [0, 30, 99] },
  { pattern: /removing offering from offerings/, min: [0, 19, 0], max: INFINITY },
  { pattern: /Consolidating via/, min: [0, 15, 0], max: [0, 18, 99] },
  { pattern: /deprovisioning via/, min: [0, 21, 0], max: [0, 31, 99] },
  { pattern: /disrupting via/, min: [0, 32, 0], max: [0, 37, 99] },
  { pattern: /disrupting nodeclaim\(s\) via/, min: [1, 0, 0], max: [1, 2, 99] },
  { pattern: /disrupting node\(s\)/, min: [1, 3, 0], max: INFINITY },
  { pattern: /failed launching nodeclaim/, min: [0, 37, 0], max: INFINITY },
  { pattern: /aws-error-code=/, min: [1, 5, 0], max: INFINITY },
  { pattern: /launching nodeclaim, /, min: [0, 33, 0], max: INFINITY },
  {
    pattern: /\bspot_interrupted\b|\brebalance_recommendation\b|\bscheduled_change\b/,
    min: [1, 0, 0],
    max: INFINITY,
  },
];

/** Narrows as evidence comes in; conflicting evidence (mixed versions in one file) widens back. */
export interface EraState {
  min: Version;
  max: Version;
  evidence: boolean;
  conflict: boolean;
}

export class EraTracker {
  private min: Version = ZERO;
  private max: Version = INFINITY;
  private evidence = false;
  private conflict = false;

  observe(hint: EraHint): void {
    this.evidence = true;
    const min = compareVersions(hint.min, this.min) > 0 ? hint.min : this.min;
    const max = compareVersions(hint.max, this.max) < 0 ? hint.max : this.max;
    if (compareVersions(min, max) > 0) this.conflict = true;
    else {
      this.min = min;
      this.max = max;
    }
  }

  /** What was observed, to hand from a worker to the tracker of the whole stream. */
  state(): EraState {
    return { min: this.min, max: this.max, evidence: this.evidence, conflict: this.conflict };
  }

  /**
   * Continue with what another tracker observed after this one's input: observing the intersection of its
   * hints decides a conflict exactly as observing them one by one would.
   */
  absorb(later: EraState): void {
    if (later.conflict) {
      this.evidence = true;
      this.conflict = true;
    } else if (later.evidence) this.observe({ pattern: /$^/, min: later.min, max: later.max });
  }

  /** undefined when the log says nothing about its version (or contradicts itself). */
  range(): VersionRange | undefined {
    return this.evidence && !this.conflict ? { min: this.min, max: this.max } : undefined;
  }
}

/** Human form: `v0.37.0 or later`, `v0.5.3 – v0.7.x`. */
export function describeRange(range: VersionRange): string {
  const min = formatVersion(range.min);
  if (range.max[0] === Number.POSITIVE_INFINITY) return `${min} or later`;
  const max = range.max[2] === 99 ? `v${range.max[0]}.${range.max[1]}.x` : formatVersion(range.max);
  return min === max ? min : `${min} – ${max}`;
}

const LAST_45S: Version = [0, 9, 0];

/** The unavailable-offerings TTL Karpenter uses: 45 s only when the log is certainly ≤ v0.9.0. */
export function offeringTtlSeconds(range: VersionRange | undefined): number {
  return range && compareVersions(range.max, LAST_45S) <= 0 ? 45 : 180;
}

/** Does a version note `{from, until}` apply to the range? Unknown range: every note applies. */
export function noteApplies(
  note: { from?: string; until?: string },
  range: VersionRange | undefined,
): boolean {
  if (!range) return true;
  const from = note.from ? parseVersion(note.from) : undefined;
  const until = note.until ? parseVersion(note.until) : undefined;
  if (from && compareVersions(range.max, from) < 0) return false;
  if (until && compareVersions(range.min, until) > 0) return false;
  return true;
}
