/**
 * What emit tests share: the real shipped templates, facts for real instance types from the bundled
 * catalog, and a fixed version/date/source so output is stable.
 */
import { typeFacts } from '../../../src/core/init/facts.js';
import type { TypeFacts } from '../../../src/core/init/types.js';
import type { EmitContext } from '../../../src/core/emit/document.js';
import { loadBundledCatalog } from '../../../src/adapters/fs/snapshot-files.js';
import { loadTemplates } from '../../../src/runtime/templates.js';

export const FIXED = { version: '0.1.0', date: '2026-08-25', source: 'bundled data from 2026-07-06' };

export async function emitContext(): Promise<EmitContext> {
  return { ...FIXED, templates: await loadTemplates() };
}

export async function factsFor(types: string[]): Promise<TypeFacts[]> {
  const catalog = await loadBundledCatalog();
  const specs = await catalog.instanceTypes({ types });
  if (specs.length !== types.length) throw new Error(`unknown types in ${types.join(',')}`);
  return specs.map(typeFacts);
}
