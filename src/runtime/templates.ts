/**
 * The comment templates shipped in the package's `templates/` folder, found relative to this module (the
 * same from `src/` under test and `dist/` when installed) — never from the working directory.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { TemplateSet } from '../core/emit/document.js';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Every `.yaml` template by its path below templates/, e.g. `v1/nodepool.yaml`. */
export async function loadTemplates(dir: string = TEMPLATES_DIR): Promise<TemplateSet> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const templates: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue;
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    templates[relative(dir, path).split(sep).join('/')] = await readFile(path, 'utf8');
  }
  return templates;
}
