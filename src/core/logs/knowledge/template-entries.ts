/**
 * An entry for a message no specific entry explains: built from the message's template and the area of
 * Karpenter or NTH its source file belongs to (areas.ts). Its id is the template's, so every distinct
 * message is its own problem; its docs link is the source file that prints it.
 */
import { sourceUrl } from '../template-data.js';
import { templateById, type Template } from '../templates.js';
import { AREAS, type Area } from './areas.js';
import { inOneShape } from './shape.js';
import type { KnowledgeEntry } from './types.js';

/** The area a template belongs to. */
export function areaOf(template: Template): Area {
  const area = AREAS.find(
    (a) =>
      a.product === template.product &&
      a.files.test(template.file) &&
      (!a.text || a.text.test(template.template)),
  );
  // The last area of each product matches every file.
  return area ?? AREAS.find((a) => a.product === template.product && a.files.source === '^')!;
}

/** The template as a person reads it: values as `…`. */
export const shownTemplate = (template: string): string =>
  template
    .split('\n')[0]!
    .replace(/%[-+# 0]*\d*(?:\.\d+)?[a-zA-Z]/g, '…')
    .replace(/%%/g, '%')
    .trim();

const minorText = (minor: string): string => `v${minor}`;

/** `v0.33 – v1.14`, or one minor. */
export const versionsText = (template: Template): string =>
  template.versions[0] === template.versions[1]
    ? minorText(template.versions[0])
    : `${minorText(template.versions[0])} – ${minorText(template.versions[1])}`;

const cache = new Map<string, KnowledgeEntry>();

/** The entry for the template with this id, if there is one. */
export function templateEntry(id: string): KnowledgeEntry | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  const template = templateById(id);
  if (!template) return undefined;
  const area = areaOf(template);
  const shown = shownTemplate(template.template);
  const fill = (text: string) =>
    text.replace('{template}', () => shown).replace('{versions}', () => versionsText(template));
  const entry = inOneShape({
    id: template.id,
    title: `${area.title}: ${shown.length > 90 ? `${shown.slice(0, 89)}…` : shown}`,
    severity: 'error',
    category: area.category,
    match: [],
    what: fill(area.what),
    why: area.why,
    actions: [...area.actions],
    docs: sourceUrl(template),
    area: area.id,
  });
  cache.set(id, entry);
  return entry;
}
