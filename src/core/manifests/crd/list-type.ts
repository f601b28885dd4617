/**
 * `x-kubernetes-list-type: set` and `map` say items (or their map keys) are unique; the server checks that
 * separately from the OpenAPI schema and reports each repeated value once, at its second occurrence.
 */
import { fieldError, fieldPathString, key, type Segment } from './field-error.js';
import type { Problem } from './problem.js';
import type { CrdSchema } from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Indexes of the second occurrence of each repeated item (compounds compare as JSON, like the server). */
function repeats(items: unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  items.forEach((item, i) => {
    const id =
      typeof item === 'object' && item !== null
        ? `c${JSON.stringify(item)}`
        : `s${typeof item}:${String(item)}`;
    const times = seen.get(id) ?? 0;
    if (times === 1) out.push(i);
    seen.set(id, times + 1);
  });
  return out;
}

function checkArray(schema: CrdSchema, value: unknown[], segments: Segment[], out: Problem[]): void {
  const listType = schema['x-kubernetes-list-type'];
  const add = (at: Segment[], message: string) =>
    out.push({ segments: at, rule: 'schema', keyword: 'x-kubernetes-list-type', message, blocksCel: false });
  if (listType === 'set') {
    for (const i of repeats(value))
      add([...segments, i], fieldError.duplicate(fieldPathString([...segments, i]), value[i]));
  } else if (listType === 'map') {
    const bad = value.findIndex((x) => x !== null && !isObject(x));
    if (bad >= 0) {
      const at = [...segments, bad];
      add(
        at,
        fieldError.invalid(
          fieldPathString(at),
          value[bad],
          'must be an object for an array of list-type map',
        ),
      );
    } else {
      const keys = schema['x-kubernetes-list-map-keys'] ?? [];
      const ids = value.map((x) => {
        const item = (x ?? {}) as Record<string, unknown>;
        return Object.fromEntries(keys.filter((k) => k in item).map((k) => [k, item[k]]));
      });
      for (const i of repeats(ids))
        add([...segments, i], fieldError.duplicate(fieldPathString([...segments, i]), ids[i]));
    }
  }
  if (schema.items) value.forEach((item, i) => walk(schema.items!, item, [...segments, i], out));
}

function walk(schema: CrdSchema, value: unknown, segments: Segment[], out: Problem[]): void {
  if (Array.isArray(value)) checkArray(schema, value, segments, out);
  else if (isObject(value)) {
    const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    for (const [name, child] of Object.entries(value)) {
      const property = schema.properties?.[name];
      if (property) walk(property, child, [...segments, name], out);
      else if (extra) walk(extra, child, [...segments, key(name)], out);
    }
  }
}

export function checkListTypes(schema: CrdSchema, value: unknown): Problem[] {
  const out: Problem[] = [];
  walk(schema, value, [], out);
  return out;
}
