/**
 * The nearest known template of a line nothing explains: the template whose words overlap the line's most
 * (shared words over all words of both), a tie going to the heavier template and then to the first. The
 * indexed search must give what comparing the line with every template gives.
 */
import { describe, expect, it } from 'vitest';

import { nearestTemplate, wordsOf, type NearestTemplate } from '../../../src/core/logs/nearest-template.js';
import { allTemplates, type Template } from '../../../src/core/logs/templates.js';

const templateWords = allTemplates().map((template) => ({ template, theirs: wordsOf(template.template) }));

/** The definition, template by template. */
function byScan(text: string, product?: Template['product']): NearestTemplate | undefined {
  const mine = wordsOf(text.slice(0, 2000));
  if (mine.size === 0) return undefined;
  let best: NearestTemplate | undefined;
  for (const { template, theirs } of templateWords) {
    if (product && template.product !== product) continue;
    let shared = 0;
    for (const word of theirs) if (mine.has(word)) shared += 1;
    if (shared === 0) continue;
    const similarity = shared / (mine.size + theirs.size - shared);
    if (
      !best ||
      similarity > best.similarity ||
      (similarity === best.similarity && template.weight > best.template.weight)
    )
      best = { template, similarity };
  }
  return best && best.similarity >= 0.25 ? best : undefined;
}

const same = (a: NearestTemplate | undefined, b: NearestTemplate | undefined) =>
  expect(a && { id: a.template.id, similarity: a.similarity }).toEqual(
    b && { id: b.template.id, similarity: b.similarity },
  );

describe('nearestTemplate', () => {
  // Every fifth template's text (the comparison is with all of them), reworded the way a renamed message
  // or a new release would change it.
  const texts = allTemplates()
    .filter((_, i) => i % 5 === 0)
    .flatMap((t) => [
      t.template,
      t.template.replace(/%\w/g, 'value'),
      `${t.template.split(' ').slice(0, 3).join(' ')} while reconciling the nodeclaim`,
      t.template.split(' ').reverse().join(' '),
    ]);

  it('finds what a scan of every template finds, for templates reworded four ways', () => {
    expect(texts.length).toBeGreaterThan(400);
    let found = 0;
    for (const text of texts) {
      const nearest = nearestTemplate(text);
      same(nearest, byScan(text));
      if (nearest) found += 1;
    }
    // And most of them are near something (the check is not of empty answers)
    expect(found).toBeGreaterThan(texts.length / 2);
  });

  it('keeps to the product asked for, as the scan does', () => {
    for (const text of texts.slice(0, 400)) {
      same(nearestTemplate(text, 'nth'), byScan(text, 'nth'));
      same(nearestTemplate(text, 'karpenter'), byScan(text, 'karpenter'));
    }
  });

  it('gives a full tie to the template that comes first, whatever order the line names them in', () => {
    // Given two templates of the same weight with as many words each and none in common, and a line of
    // the second one's words followed by the first one's, that matches nothing better
    let checked = 0;
    for (let i = 0; i < templateWords.length && checked < 20; i += 1) {
      const a = templateWords[i]!;
      const b = templateWords.find(
        (t, j) =>
          j > i &&
          t.template.weight === a.template.weight &&
          t.theirs.size === a.theirs.size &&
          [...t.theirs].every((word) => !a.theirs.has(word)),
      );
      if (!b) continue;
      const line = [...b.theirs, ...a.theirs].join(' ');
      if (byScan(line)?.template !== a.template) continue;
      // Then the first of the two is the answer
      expect(nearestTemplate(line)?.template.id).toBe(a.template.id);
      checked += 1;
    }
    expect(checked).toBe(20);
  });

  it('has no answer for a line without words, or with nothing near enough', () => {
    expect(nearestTemplate('12345 0xdeadbeef %s')).toBeUndefined();
    expect(nearestTemplate('lorem ipsum dolor sit amet')).toBeUndefined();
  });
});
