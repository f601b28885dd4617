/**
 * A diagnosis: what the records of a stream (or of one byte range of it) add up to. It is made of parts
 * that each know how to take an observation and how to continue with the part of the input that follows:
 * what was read, the problem tally, the timeline, the unavailable-offerings cache, the unrecognised lines,
 * and the version evidence. Merging the diagnoses of consecutive ranges gives the diagnosis of the whole.
 *
 * Every part is plain data (Maps, Sets, arrays), so `data()` crosses a thread boundary by structured clone
 * and `Diagnosis.from` continues with it.
 */
import { entryById, type KnowledgeEntry } from '../logs/knowledge/index.js';
import { LogStatsPart } from './log-stats.js';
import type { Observation } from './observe.js';
import { OfferingCache } from './offering-cache.js';
import { ProblemTally } from './problem-tally.js';
import { Timeline } from './timeline.js';
import { UnrecognisedLines } from './unrecognised.js';
import { VersionEvidence } from './version-evidence.js';

/** A diagnosis as plain data. */
export interface DiagnosisData {
  stats: LogStatsPart;
  problems: ProblemTally;
  timeline: Timeline;
  offerings: OfferingCache;
  unrecognised: UnrecognisedLines;
  versions: VersionEvidence;
}

export class Diagnosis {
  readonly stats: LogStatsPart;
  readonly problems: ProblemTally;
  readonly timeline: Timeline;
  readonly offerings: OfferingCache;
  readonly unrecognised: UnrecognisedLines;
  readonly versions: VersionEvidence;

  constructor(data?: DiagnosisData) {
    // A cloned part has lost its prototype: rebuild each from its fields.
    this.stats = new LogStatsPart(data?.stats.stats, data?.stats.start, data?.stats.end);
    this.problems = new ProblemTally(data?.problems.byId);
    this.timeline = data ? Object.assign(new Timeline(), data.timeline) : new Timeline();
    this.offerings = new OfferingCache(data?.offerings.byKey, data?.offerings.overflowed);
    this.unrecognised = new UnrecognisedLines(
      data?.unrecognised.groups,
      data?.unrecognised.total,
      data?.unrecognised.overflowed,
    );
    this.versions = new VersionEvidence(
      data?.versions.commits,
      data?.versions.stated,
      data?.versions.templates,
    );
  }

  /** Continue with a diagnosis that crossed a thread boundary. */
  static from(data: DiagnosisData): Diagnosis {
    return new Diagnosis(data);
  }

  /** This diagnosis as plain data. */
  data(): DiagnosisData {
    return {
      stats: this.stats,
      problems: this.problems,
      timeline: this.timeline,
      offerings: this.offerings,
      unrecognised: this.unrecognised,
      versions: this.versions,
    };
  }

  /**
   * Take one observed record. `versionsCounted`: a routine record whose version evidence is counted from
   * its bytes (see routine-lines.ts).
   */
  add(observation: Observation, versionsCounted = false): void {
    const { record, text, result } = observation;
    this.stats.record(record.time);
    if (!versionsCounted) this.versions.add(record, result.templates.ids);
    if (observation.unrecognised) this.unrecognised.add(record, text, result.unknownCodes);
    const template = observation.template;
    if (template && observation.resources) {
      const entry = entryById(template.id);
      if (entry) this.problems.add(entry, [], record, observation.resources, template.severity);
    }
    if (result.matches.length === 0) {
      // Banners, table headers, prose: not log records, skipped but counted.
      if (!observation.unrecognised && !template && record.format === 'text') this.stats.skipped();
      return;
    }
    const resources = observation.resources;
    if (!resources) {
      for (const match of result.matches) this.problems.count(match.entry, record);
      return;
    }
    for (const match of result.matches) {
      this.problems.add(match.entry, match.codes, record, resources);
      if (match.entry.logsOfferingCache) this.offerings.addLogged(record, text);
    }
    this.timeline.add(result, record, resources);
    this.offerings.addInferred(record, result, resources);
  }

  /**
   * Count `count` routine lines of one message between `first` and `last` (see routine-lines.ts): what
   * `add` would do with their records. Their problems are counted before (a message becomes routine only
   * after its first record was added here).
   */
  addRoutine(
    entries: readonly KnowledgeEntry[],
    templateIds: readonly string[],
    count: number,
    first: string,
    last: string,
  ): void {
    this.stats.recordRun(count, first, last);
    this.versions.addTemplates(templateIds, count);
    for (const entry of entries) this.problems.countAgain(entry, count, first, last);
  }

  /**
   * Whether merging `later` gives exactly what reading its input here would: not when a bound was reached
   * there (what it dropped may belong here), nor in the timeline's one corner case (see Timeline).
   */
  canMerge(later: Diagnosis): boolean {
    return (
      !later.offerings.overflowed && !later.unrecognised.overflowed && this.timeline.canMerge(later.timeline)
    );
  }

  /**
   * Continue with the diagnosis of the input that follows this one's (see canMerge): counts add up,
   * first/last times widen, bounded collections fill in stream order. `lineOffset`: lines of the source
   * before the later input. Sources are not merged: the caller adds the source once it is read.
   */
  merge(later: Diagnosis, lineOffset: number): void {
    this.stats.merge(later.stats);
    this.versions.merge(later.versions);
    this.problems.merge(later.problems, lineOffset);
    this.offerings.merge(later.offerings);
    this.unrecognised.merge(later.unrecognised, lineOffset);
    this.timeline.merge(later.timeline);
  }
}
