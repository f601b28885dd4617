/**
 * Karpenter's unavailable-offerings cache, rebuilt from the log: the entries Karpenter logged itself (debug
 * level), and those that follow from fleet errors naming a type and zone or from a code that blocks a
 * whole capacity type. Bounded; plain data, so it crosses a thread boundary.
 */
import type { Classification } from '../logs/classify.js';
import { detach, fieldOf } from '../logs/json-fields.js';
import type { KnowledgeEntry } from '../logs/knowledge/index.js';
import { parseGoDuration, type Extracted } from '../logs/resources.js';
import type { LogRecord } from '../logs/types.js';
import { compareVersions, parseVersion, type VersionRange } from '../logs/versions.js';
import { addSeconds, earlier, later } from './bounds.js';
import type { BlockedOffering } from './result.js';

const MAX_BLOCKED = 5000;

export interface BlockedAcc {
  key: string;
  capacityType: string;
  instanceType: string;
  zone: string;
  /** Every reason seen for the key, in order. */
  reasons: string[];
  evidence: 'log' | 'inferred';
  /** The TTL the line stated, if it did. */
  ttlSeconds?: number;
  /** The first release that blocks this way (older ones do not). */
  since?: string;
  count: number;
  firstBlocked: string | null;
  lastBlocked: string | null;
}

type NewBlock = Omit<BlockedAcc, 'count' | 'firstBlocked' | 'lastBlocked' | 'reasons'> & { reason: string };

const OLD_OFFERING =
  /^(\S+) for offering \{ instanceType: ([^,\s]+), zone: ([^,\s]+), capacityType: ([^\s}]+) \}, avoiding for (\S+)/;
const ZONE_IN_MESSAGE = /\b([a-z]{2}(?:-gov)?-[a-z]+-\d[a-z])\b/;
const TYPE_IN_MESSAGE =
  /\b((?:u-\d+tb\d|[a-z]+\d[a-z0-9-]*)\.(?:nano|micro|small|medium|large|\d{0,2}xlarge|metal(?:-\d+xl)?))\b/;

export class OfferingCache {
  constructor(
    readonly byKey = new Map<string, BlockedAcc>(),
    /** A new key was dropped at the bound: a later input's keys may then be missing here. */
    public overflowed = false,
  ) {}

  /** `removing offering from offerings` (v0.19+) or `… for offering { … }, avoiding for 45s` (≤ v0.18). */
  addLogged(record: LogRecord, text: string): void {
    const str = (key: string): string | undefined => {
      const value = fieldOf(record, key);
      return typeof value === 'string' ? value : undefined;
    };
    let instanceType = str('instance-type');
    let zone = str('zone');
    let capacityType = str('capacity-type');
    let reason = str('reason');
    let ttlSeconds = parseGoDuration(str('ttl'));
    const old = OLD_OFFERING.exec(text);
    if (old) {
      [, reason, instanceType, zone, capacityType] = old;
      ttlSeconds = parseGoDuration(old[5]);
    }
    if (!instanceType && !zone) return;
    this.block(
      {
        key: `${capacityType ?? '*'}:${instanceType ?? '*'}:${zone ?? '*'}`,
        capacityType: capacityType ?? '*',
        instanceType: instanceType ?? '*',
        zone: zone ?? '*',
        reason: reason ?? 'unknown',
        evidence: 'log',
        ttlSeconds,
      },
      record.time,
    );
  }

  /** From fleet errors that name a type and zone (InsufficientInstanceCapacity does), and capacity-type blocks. */
  addInferred(record: LogRecord, result: Classification, r: Extracted): void {
    for (const match of result.matches) {
      const entry: KnowledgeEntry = match.entry;
      if (entry.blocksCapacityType) {
        const { capacityType, from } = entry.blocksCapacityType;
        this.block(
          {
            key: `${capacityType}:*:*`,
            capacityType,
            instanceType: '*',
            zone: '*',
            reason: match.codes[0] ?? entry.id,
            evidence: 'inferred',
            since: from,
          },
          record.time,
        );
        continue;
      }
      if (!entry.blocksOffering) continue;
      for (const item of result.items) {
        if (!match.codes.includes(item.code) || item.stamped) continue;
        const instanceType = TYPE_IN_MESSAGE.exec(item.message)?.[1];
        const zone = ZONE_IN_MESSAGE.exec(item.message)?.[1];
        if (!instanceType || !zone) continue;
        const capacityType = entry.capacityType ?? (r.capacityTypes.length === 1 ? r.capacityTypes[0]! : '*');
        this.block(
          {
            key: `${capacityType}:${instanceType}:${zone}`,
            capacityType,
            instanceType,
            zone,
            reason: item.code,
            evidence: 'inferred',
          },
          record.time,
        );
      }
    }
  }

  private block(block: NewBlock, time: string | undefined): void {
    const existing = this.byKey.get(block.key);
    if (existing) {
      existing.count += 1;
      if (time) {
        existing.firstBlocked = earlier(existing.firstBlocked, detach(time));
        existing.lastBlocked = later(existing.lastBlocked, detach(time));
      }
      if (block.ttlSeconds !== undefined) existing.ttlSeconds = block.ttlSeconds;
      if (!existing.reasons.includes(block.reason)) existing.reasons.push(detach(block.reason));
      return;
    }
    if (this.byKey.size >= MAX_BLOCKED) {
      this.overflowed = true;
      return;
    }
    const { reason, ...rest } = block;
    this.byKey.set(detach(block.key), {
      ...rest,
      key: detach(block.key),
      capacityType: detach(block.capacityType),
      instanceType: detach(block.instanceType),
      zone: detach(block.zone),
      reasons: [detach(reason)],
      count: 1,
      firstBlocked: time ? detach(time) : null,
      lastBlocked: time ? detach(time) : null,
    });
  }

  /** Continue with the cache entries of the input that follows (exact unless `later` overflowed). */
  merge(next: OfferingCache): void {
    for (const b of next.byKey.values()) {
      const a = this.byKey.get(b.key);
      if (!a) {
        if (this.byKey.size < MAX_BLOCKED) this.byKey.set(b.key, { ...b, reasons: [...b.reasons] });
        else this.overflowed = true;
        continue;
      }
      a.count += b.count;
      a.firstBlocked = earlier(a.firstBlocked, b.firstBlocked);
      a.lastBlocked = later(a.lastBlocked, b.lastBlocked);
      if (b.ttlSeconds !== undefined) a.ttlSeconds = b.ttlSeconds;
      for (const reason of b.reasons) if (!a.reasons.includes(reason)) a.reasons.push(reason);
    }
    if (next.overflowed) this.overflowed = true;
  }

  /**
   * The cache as the result shows it: an inferred entry is left out where Karpenter logged the same type
   * and zone itself, and a block is left out for releases that did not block that way.
   */
  report(range: VersionRange | undefined, ttlSeconds: number): BlockedOffering[] {
    const logged = new Set(
      [...this.byKey.values()].filter((b) => b.evidence === 'log').map((b) => `${b.instanceType}:${b.zone}`),
    );
    const blocksIn = (since: string | undefined) =>
      !since || !range || compareVersions(range.max, parseVersion(since)!) >= 0;
    return [...this.byKey.values()]
      .filter((b) => b.evidence === 'log' || !logged.has(`${b.instanceType}:${b.zone}`))
      .filter((b) => blocksIn(b.since))
      .map((b) => {
        const ttl = b.ttlSeconds ?? ttlSeconds;
        return {
          key: b.key,
          capacityType: b.capacityType,
          instanceType: b.instanceType,
          zone: b.zone,
          reason: b.reasons.join(', '),
          firstBlocked: b.firstBlocked,
          lastBlocked: b.lastBlocked,
          until: addSeconds(b.lastBlocked, ttl),
          ttlSeconds: ttl,
          count: b.count,
          evidence: b.evidence,
        };
      })
      .sort(
        (a, b) => (a.firstBlocked ?? '').localeCompare(b.firstBlocked ?? '') || a.key.localeCompare(b.key),
      );
  }
}
