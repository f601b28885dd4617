/** Where a CRD schema declares its `x-kubernetes-validations` rules (pure; no data loaded). */
import type { CrdSchema, SkippedRule } from './types.js';

/** Every rule of a schema with the location it is declared at (`spec.template.spec.requirements[*].key`). */
export function rulesOf(
  schema: CrdSchema,
): { schemaPath: string; rule: SkippedRule['rule']; message?: string }[] {
  const out: { schemaPath: string; rule: string; message?: string }[] = [];
  const walk = (s: CrdSchema, path: string) => {
    for (const r of s['x-kubernetes-validations'] ?? [])
      out.push({ schemaPath: path, rule: r.rule, ...(r.message ? { message: r.message } : {}) });
    for (const [name, child] of Object.entries(s.properties ?? {}))
      walk(child, path ? `${path}.${name}` : name);
    if (s.items) walk(s.items, `${path}[*]`);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}[*]`);
  };
  walk(schema, '');
  return out;
}
