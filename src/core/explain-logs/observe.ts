/**
 * Record → observation: what the knowledge base says about one record, whether it is an error line no
 * entry explains, and (only when a match needs them) the resources it names. Text results are cached by
 * text, so a large log costs one lookup per line for most records.
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
import type { LogRecord } from '../logs/types.js';

/** Text resources are cached by text: repeated error lines cost one lookup. */
const MAX_RESOURCE_CACHE = 10_000;
const MAX_RESOURCE_TEXT = 8192;
const ERRORISH = /\b(?:error|failed|failure|fatal|panic)\b/i;

export interface Observation {
  record: LogRecord;
  /** Message, error field and continuation lines. */
  text: string;
  result: Classification;
  /** An error line (by level, unknown AWS code, or wording) that only routine activity matched. */
  unrecognised: boolean;
  /** What the record names; set when a match goes beyond counting (a problem, the timeline). */
  resources?: Extracted;
}

export class RecordObserver {
  private readonly classifier = new Classifier();
  private readonly textResources = new Map<string, TextResources>();

  observe(record: LogRecord): Observation {
    const text = recordText(record);
    const result = this.classifier.classify(record, text);
    const unrecognised = result.matches.every((m) => m.entry.activity) && isErrorLine(record, text, result);
    // Routine activity needs no resources unless it goes on the timeline.
    const needsResources = result.matches.some((m) => !m.entry.activity || m.entry.timeline);
    return {
      record,
      text,
      result,
      unrecognised,
      resources: needsResources ? extractResources(record, this.resourcesOf(text)) : undefined,
    };
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

function isErrorLine(record: LogRecord, text: string, result: Classification): boolean {
  if (record.level === 'ERROR' || record.level === 'FATAL') return true;
  if (result.unknownCodes.length > 0) return true;
  return record.level === undefined && record.format === 'text' && ERRORISH.test(text);
}
