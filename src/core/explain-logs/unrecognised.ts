/**
 * Error lines no entry explains, grouped by template (numbers and ids blanked), each with its count and
 * first line. The result lists the first groups of the stream; more are kept here than shown so that the
 * groups of a later input merge exactly. Plain data, so it crosses a thread boundary.
 */
import { productOf } from '../logs/classify.js';
import { versionsText } from '../logs/knowledge/template-entries.js';
import { detach } from '../logs/json-fields.js';
import { nearestTemplate } from '../logs/nearest-template.js';
import type { Product } from '../logs/templates.js';
import type { LogRecord } from '../logs/types.js';
import { MAX_EXAMPLE_CHARS } from './bounds.js';
import type { ExplainResult, UnrecognizedLine } from './result.js';

/** Groups the result lists. */
export const MAX_UNRECOGNISED_SHOWN = 50;
/** Groups kept: enough that a later input's groups can be merged exactly in nearly every log. */
const MAX_UNRECOGNISED_KEPT = 1000;

/** Characters of a group's text kept to find its nearest template. */
const MAX_TEXT_CHARS = 1000;

export type UnrecognisedGroup = Omit<UnrecognizedLine, 'nearest'> & {
  codes: string[];
  /** Message and error, for the nearest template. */
  text: string;
  product?: Product;
};

/** Same template, different ids/numbers/times → one key. */
const templateKey = (text: string): string => text.slice(0, 240).replace(/[0-9a-f]{6,}|\d+/g, '#');

export class UnrecognisedLines {
  constructor(
    readonly groups = new Map<string, UnrecognisedGroup>(),
    /** Every unrecognised line. */
    public total = 0,
    /** A new group was dropped at the bound (its lines are counted in `total` only). */
    public overflowed = false,
  ) {}

  add(record: LogRecord, text: string, codes: string[]): void {
    this.total += 1;
    const key = templateKey(text);
    const existing = this.groups.get(key);
    if (existing) {
      existing.count += 1;
      for (const code of codes) if (!existing.codes.includes(code)) existing.codes.push(code);
      return;
    }
    if (this.groups.size >= MAX_UNRECOGNISED_KEPT) {
      this.overflowed = true;
      return;
    }
    this.groups.set(key, {
      line: detach(record.raw.slice(0, MAX_EXAMPLE_CHARS)),
      source: record.source,
      lineNumber: record.lineNumber,
      count: 1,
      firstSeen: record.time ?? null,
      codes: [...codes],
      text: detach(text.slice(0, MAX_TEXT_CHARS)),
      product: productOf(record),
    });
  }

  /** Continue with the groups of the input that follows (exact unless `later` overflowed). */
  merge(later: UnrecognisedLines, lineOffset: number): void {
    this.total += later.total;
    for (const [key, b] of later.groups) {
      const a = this.groups.get(key);
      if (a) {
        a.count += b.count;
        for (const code of b.codes) if (!a.codes.includes(code)) a.codes.push(code);
      } else if (this.groups.size >= MAX_UNRECOGNISED_KEPT) this.overflowed = true;
      else this.groups.set(key, { ...b, lineNumber: b.lineNumber + lineOffset });
    }
    if (later.overflowed) this.overflowed = true;
  }

  /** The first groups of the stream, each with its nearest known template, and the lines of the others. */
  report(): ExplainResult['unrecognized'] {
    const groups = [...this.groups.values()].slice(0, MAX_UNRECOGNISED_SHOWN);
    const shown = groups.reduce((n, group) => n + group.count, 0);
    const lines = groups.map(({ text, product, ...line }) => {
      const nearest = nearestTemplate(text, product);
      return nearest
        ? {
            ...line,
            nearest: {
              id: nearest.template.id,
              template: nearest.template.template,
              file: nearest.template.file,
              versions: versionsText(nearest.template),
              similarity: Math.round(nearest.similarity * 100) / 100,
            },
          }
        : line;
    });
    return { lines, total: this.total, more: this.total - shown };
  }
}
