/**
 * The problems found: per knowledge-base entry, how often and when, the AWS codes seen, what the lines
 * named (bounded), and the first line as an example. Plain data, so a tally crosses a thread boundary.
 */
import { detach } from '../logs/json-fields.js';
import type { KnowledgeEntry } from '../logs/knowledge/index.js';
import type { Extracted } from '../logs/resources.js';
import { SEVERITY_RANK, type LogRecord, type Severity } from '../logs/types.js';
import { addCapped, addCappedFrom, earlier, later, MAX_EXAMPLE_CHARS } from './bounds.js';

export interface ProblemAcc {
  id: string;
  /** For a problem explained by its message template: the worst level it was logged at. */
  severity?: Severity;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  codes: Set<string>;
  instanceTypes: Set<string>;
  zones: Set<string>;
  capacityTypes: Set<string>;
  nodePools: Set<string>;
  subnets: Set<string>;
  iamActions: Set<string>;
  iamRoles: Set<string>;
  nodes: Set<string>;
  instanceIds: Set<string>;
  /** The first frame of each crash's stack. */
  frames: Set<string>;
  vcpuLimit?: number;
  example: { line: string; source: string; lineNumber: number };
}

/** The named things a problem collects, each a bounded set. */
const VALUE_SETS = [
  'codes',
  'instanceTypes',
  'zones',
  'capacityTypes',
  'nodePools',
  'subnets',
  'iamActions',
  'iamRoles',
  'nodes',
  'instanceIds',
  'frames',
] as const;

const maxOf = (a: number | undefined, b: number | undefined): number | undefined =>
  b === undefined ? a : Math.max(a ?? 0, b);

export class ProblemTally {
  constructor(readonly byId = new Map<string, ProblemAcc>()) {}

  /** Count one occurrence of `entry` in `record`. */
  count(entry: KnowledgeEntry, record: LogRecord): ProblemAcc {
    let acc = this.byId.get(entry.id);
    if (!acc) {
      // Every field from the start: an accumulator that gained fields later would have another shape
      // than a new one, and code optimised for the first would be thrown away at the next range.
      acc = {
        id: entry.id,
        severity: undefined,
        count: 0,
        firstSeen: undefined,
        lastSeen: undefined,
        codes: new Set(),
        instanceTypes: new Set(),
        zones: new Set(),
        capacityTypes: new Set(),
        nodePools: new Set(),
        subnets: new Set(),
        iamActions: new Set(),
        iamRoles: new Set(),
        nodes: new Set(),
        instanceIds: new Set(),
        frames: new Set(),
        vcpuLimit: undefined,
        example: {
          line: detach(record.raw.slice(0, MAX_EXAMPLE_CHARS)),
          source: record.source,
          lineNumber: record.lineNumber,
        },
      };
      this.byId.set(entry.id, acc);
    }
    acc.count += 1;
    const time = record.time;
    if (time) {
      if (acc.firstSeen === undefined || time < acc.firstSeen) acc.firstSeen = detach(time);
      // Not detached: it keeps at most one read chunk alive per problem kind, and changes on nearly every
      // line.
      if (acc.lastSeen === undefined || time > acc.lastSeen) acc.lastSeen = time;
    }
    return acc;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Count `count` more occurrences, between `first` and `last`, of a problem counted before. */
  countAgain(entry: KnowledgeEntry, count: number, first: string, last: string): void {
    const acc = this.byId.get(entry.id);
    if (!acc) return;
    acc.count += count;
    if (acc.firstSeen === undefined || first < acc.firstSeen) acc.firstSeen = first;
    if (acc.lastSeen === undefined || last > acc.lastSeen) acc.lastSeen = last;
  }

  /**
   * Count an occurrence with the codes that led to it and what the line names; `severity`: the level of
   * the line, for a problem whose entry has none of its own (a message template).
   */
  add(entry: KnowledgeEntry, codes: string[], record: LogRecord, r: Extracted, severity?: Severity): void {
    const acc = this.count(entry, record);
    if (severity) acc.severity = worse(acc.severity, severity);
    addCapped(acc.codes, codes);
    addCapped(acc.instanceTypes, r.instanceTypes);
    addCapped(acc.zones, r.zones);
    addCapped(
      acc.capacityTypes,
      entry.capacityType ? [entry.capacityType, ...r.capacityTypes] : r.capacityTypes,
    );
    addCapped(acc.nodePools, r.nodePools);
    addCapped(acc.subnets, r.subnets);
    addCapped(acc.iamActions, r.iamActions);
    addCapped(acc.iamRoles, r.iamRoles);
    addCapped(acc.nodes, r.nodes);
    addCapped(acc.instanceIds, r.instanceIds);
    if (r.frame) addCapped(acc.frames, [r.frame]);
    acc.vcpuLimit = maxOf(acc.vcpuLimit, r.vcpuLimit);
  }

  /**
   * Continue with the tally of the input that follows this one's: counts add up, times widen, bounded sets
   * fill in stream order. `lineOffset`: lines of the source before the later input.
   */
  merge(later_: ProblemTally, lineOffset: number): void {
    for (const [id, b] of later_.byId) {
      const a = this.byId.get(id);
      if (!a) {
        this.byId.set(id, { ...b, example: { ...b.example, lineNumber: b.example.lineNumber + lineOffset } });
        continue;
      }
      a.count += b.count;
      a.firstSeen = earlier(a.firstSeen, b.firstSeen);
      a.lastSeen = later(a.lastSeen, b.lastSeen);
      for (const key of VALUE_SETS) addCappedFrom(a[key], b[key]);
      a.vcpuLimit = maxOf(a.vcpuLimit, b.vcpuLimit);
      if (b.severity) a.severity = worse(a.severity, b.severity);
    }
  }
}

const worse = (a: Severity | undefined, b: Severity): Severity =>
  a === undefined || SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
