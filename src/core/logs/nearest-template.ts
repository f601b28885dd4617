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
export function wordsOf(text: string): Set<string> {
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

interface Index {
  templates: Template[];
  sizes: number[];
  /** word → the templates that have it, in template order. */
  byWord: Map<string, number[]>;
}

// A report asks for the nearest template of up to 50 lines, each against every template: an inverted
// index visits only the templates that share a word with the line.
let index: Index | undefined;
function templateIndex(): Index {
  if (index) return index;
  const built: Index = { templates: [], sizes: [], byWord: new Map() };
  for (const template of allTemplates()) {
    const words = wordsOf(template.template);
    if (words.size === 0) continue;
    const at = built.templates.push(template) - 1;
    built.sizes.push(words.size);
    for (const word of words) {
      const list = built.byWord.get(word);
      if (list) list.push(at);
      else built.byWord.set(word, [at]);
    }
  }
  return (index = built);
}

/** The template nearest to `text` (a record's message and error), if any is near enough. */
export function nearestTemplate(text: string, product?: Template['product']): NearestTemplate | undefined {
  const mine = wordsOf(text.slice(0, 2000));
  if (mine.size === 0) return undefined;
  const { templates, sizes, byWord } = templateIndex();
  const shared = new Map<number, number>();
  for (const word of mine) for (const at of byWord.get(word) ?? []) shared.set(at, (shared.get(at) ?? 0) + 1);
  let best: NearestTemplate | undefined;
  // In template order, so that ties go as they would in a scan of every template.
  for (const at of [...shared.keys()].sort((a, b) => a - b)) {
    const candidate = templates[at]!;
    if (product && candidate.product !== product) continue;
    const both = shared.get(at)!;
    const similarity = both / (mine.size + sizes[at]! - both);
    if (
      !best ||
      similarity > best.similarity ||
      (similarity === best.similarity && candidate.weight > best.template.weight)
    )
      best = { template: candidate, similarity };
  }
  return best && best.similarity >= MIN_SIMILARITY ? best : undefined;
}
