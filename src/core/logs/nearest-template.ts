/**
 * The known message template nearest to a line nothing explains: by the words they share (a weighted
 * overlap of their word sets, values and format verbs left out). It points whoever reads an unrecognised
 * line at the source that prints something like it — a renamed message, a new release, a wrapper.
 */
import { allTemplates, type Template } from './templates.js';

export interface NearestTemplate {
  template: Template;
  /** Shared words over all words of both, 0–1. */
  similarity: number;
}

/** Below this the nearest template says nothing useful. */
const MIN_SIMILARITY = 0.25;
/** Words that occur in most templates weigh nothing. */
const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'not',
  'failed',
  'error',
  'err',
  'unable',
  'could',
]);

/** Lower-case words of three letters or more; `%s`, numbers, ids and hex left out. */
function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text
    .toLowerCase()
    .replace(/%[a-z]/g, ' ')
    .match(/[a-z][a-z-]{2,}/g) ?? []) {
    const trimmed = word.replace(/-+$/, '');
    if (trimmed.length >= 3 && !STOP.has(trimmed)) out.add(trimmed);
  }
  return out;
}

let index: Array<{ template: Template; words: Set<string> }> | undefined;
const templateWords = () =>
  (index ??= allTemplates()
    .map((template) => ({ template, words: words(template.template) }))
    .filter((t) => t.words.size > 0));

/** The template nearest to `text` (a record's message and error), if any is near enough. */
export function nearestTemplate(text: string, product?: Template['product']): NearestTemplate | undefined {
  const mine = words(text.slice(0, 2000));
  if (mine.size === 0) return undefined;
  let best: NearestTemplate | undefined;
  for (const candidate of templateWords()) {
    if (product && candidate.template.product !== product) continue;
    let shared = 0;
    for (const word of candidate.words) if (mine.has(word)) shared += 1;
    if (shared === 0) continue;
    const similarity = shared / (mine.size + candidate.words.size - shared);
    if (
      !best ||
      similarity > best.similarity ||
      (similarity === best.similarity && candidate.template.weight > best.template.weight)
    )
      best = { template: candidate.template, similarity };
  }
  return best && best.similarity >= MIN_SIMILARITY ? best : undefined;
}
