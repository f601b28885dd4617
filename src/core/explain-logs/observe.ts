/**
 * Record → observation: what the knowledge base says about one record, whether it reports a failure, which
 * message template explains it when no specific entry does, and (only when a match needs them) the
 * resources it names. Text results are cached by text, so a large log costs one lookup per line for most
 * records.
 */
import { Classifier, type Classification } from '../logs/classify.js';
import { detach } from '../logs/json-fields.js';
import {
  extractResources,
  extractTextResources,
  recordText,
  type Extracted,
  type TextResources,
} from '../logs/resources.js';
import type { Template } from '../logs/templates.js';
import type { LogRecord, Severity } from '../logs/types.js';

/** Text resources are cached by text: repeated error lines cost one lookup. */
const MAX_RESOURCE_CACHE = 10_000;
const MAX_RESOURCE_TEXT = 8192;
/** Wording of a failure, for lines whose level does not say (debug, info, NTH lines without a level). */
const FAILURE =
  /\b(?:error|errors|fail(?:ed|ure|s)?|unable|could not|couldn't|cannot|can't|invalid|denied|not authorized|unauthorized|timed? ?out|panic|problem)\b/i;
/** …that are not failures of their own. */
const NOT_A_FAILURE = /previously failed to schedule|would have returned Error|dry-run/i;
/** Messages whose meaning is in their error field alone. */
const BARE_WRAPPERS = new Set(['Reconciler error', 'Reconcile error']);

export interface Observation {
  record: LogRecord;
  /** Message, error field and continuation lines. */
  text: string;
  result: Classification;
  /** A line that reports a failure and that nothing here explains: listed as unrecognised. */
  unrecognised: boolean;
  /** A failure no specific entry explains, explained by the message template it comes from. */
  template?: { id: string; severity: Severity };
  /** What the record names; set when a match goes beyond counting (a problem, the timeline). */
  resources?: Extracted;
}

const levelSeverity = (record: LogRecord): Severity =>
  record.level === 'ERROR' || record.level === 'FATAL' ? 'error' : 'warning';

/** Whether the record reports a failure: by its level, an AWS code no entry knows, or its wording. */
function isFailure(record: LogRecord, text: string, result: Classification): boolean {
  const level = record.level;
  if (level === 'ERROR' || level === 'FATAL' || level === 'WARN') return true;
  if (result.unknownCodes.length > 0) return true;
  if (level === undefined && record.format === 'kubectl-events') return false;
  // A line without a level (Go log, NTH's log.Log()) whose message is logged as a failure elsewhere.
  const message = result.templates.message;
  if (level === undefined && message?.levels.some((l) => l === 'ERROR' || l === 'WARN' || l === 'FATAL'))
    return true;
  // Debug and info lines count when they carry an error, or when their message is a failure.
  if (record.error && level !== undefined) return !NOT_A_FAILURE.test(text);
  const wording = message?.template ?? text;
  return FAILURE.test(wording) && !NOT_A_FAILURE.test(wording);
}

/** The template that says what a failure is: the innermost of its error chain, else its message. */
function explainingTemplate(result: Classification): Template | undefined {
  const { chain, message } = result.templates;
  const leaf = chain?.leaf;
  if (leaf && leaf.kind === 'error') return leaf;
  if (leaf && !BARE_WRAPPERS.has(leaf.template)) return leaf;
  return message && !BARE_WRAPPERS.has(message.template) ? message : undefined;
}

export class RecordObserver {
  private readonly classifier = new Classifier();
  private readonly textResources = new Map<string, TextResources>();
  /** Classifications are shared by the records of one text: see isFailure. */
  private readonly quietFailure = new WeakMap<Classification, boolean>();

  /**
   * `routine`: set for a record read from its bytes (see routine-lines.ts), which has no AWS code field;
   * with its classification when its text was classified before.
   */
  observe(record: LogRecord, routine?: { classification?: Classification }): Observation {
    const text = recordText(record);
    const result = routine?.classification ?? this.classifier.classify(record, text, routine !== undefined);
    const explained = result.matches.some((m) => !m.entry.activity && !m.entry.generic);
    let template: Observation['template'];
    let unrecognised = false;
    if (!explained && this.isFailure(record, text, result)) {
      const found = explainingTemplate(result);
      if (found) template = { id: found.id, severity: levelSeverity(record) };
      else unrecognised = !result.matches.some((m) => m.entry.generic);
    }
    // Routine activity needs no resources unless it goes on the timeline.
    const needsResources =
      template !== undefined || result.matches.some((m) => !m.entry.activity || m.entry.timeline);
    return {
      record,
      text,
      result,
      unrecognised,
      ...(template ? { template } : {}),
      resources: needsResources ? extractResources(record, this.resourcesOf(text)) : undefined,
    };
  }

  /** isFailure, remembered per classification for records whose level and error cannot make them one. */
  private isFailure(record: LogRecord, text: string, result: Classification): boolean {
    const quiet = (record.level === 'INFO' || record.level === 'DEBUG') && !record.error;
    if (!quiet) return isFailure(record, text, result);
    let failure = this.quietFailure.get(result);
    if (failure === undefined) {
      failure = isFailure(record, text, result);
      this.quietFailure.set(result, failure);
    }
    return failure;
  }

  private resourcesOf(text: string): TextResources {
    const hit = this.textResources.get(text);
    if (hit) return hit;
    if (text.length > MAX_RESOURCE_TEXT) return extractTextResources(text);
    // Extract from the detached copy: cached values must not pin the read buffer.
    const key = detach(text);
    const resources = extractTextResources(key);
    if (this.textResources.size >= MAX_RESOURCE_CACHE) this.textResources.clear();
    this.textResources.set(key, resources);
    return resources;
  }
}
