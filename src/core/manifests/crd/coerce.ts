/**
 * What the server does to a custom resource between decoding and validating it: drop (and, with strict
 * field validation, report) fields the schema does not declare, drop `null`s of non-nullable fields
 * without a default, then apply schema defaults. Works on a deep copy; the input is never changed.
 */
import type { CrdSchema } from './types.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys the server keeps at the root of every resource whatever the schema says. */
const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/** The fields of `metav1.ObjectMeta`: anything else under the root `metadata` is unknown. */
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

/** One unknown field: its path as the server prints it (`spec.template.spec.kubelet`), and its steps. */
export interface UnknownField {
  display: string;
  path: (string | number)[];
}

const join = (display: string, name: string) => (display ? `${display}.${name}` : name);

function prune(
  value: Json,
  schema: CrdSchema | undefined,
  path: (string | number)[],
  display: string,
  unknown: UnknownField[],
): void {
  if (schema?.['x-kubernetes-preserve-unknown-fields']) {
    pruneKnownOnly(value, schema, path, display, unknown);
    return;
  }
  if (isObject(value)) {
    for (const name of Object.keys(value)) {
      const child =
        schema?.properties?.[name] ??
        (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (child) prune(value[name]!, child, [...path, name], join(display, name), unknown);
      else {
        unknown.push({ display: join(display, name), path: [...path, name] });
        delete value[name];
      }
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => prune(item, schema?.items, [...path, i], `${display}[${i}]`, unknown));
  }
}

/** Under `x-kubernetes-preserve-unknown-fields`, only the declared parts are pruned. */
function pruneKnownOnly(
  value: Json,
  schema: CrdSchema,
  path: (string | number)[],
  display: string,
  unknown: UnknownField[],
): void {
  if (isObject(value)) {
    for (const name of Object.keys(value)) {
      const child =
        schema.properties?.[name] ??
        (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (child) prune(value[name]!, child, [...path, name], join(display, name), unknown);
    }
  } else if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) =>
      pruneKnownOnly(item, schema.items!, [...path, i], `${display}[${i}]`, unknown),
    );
  }
}

const childSchema = (schema: CrdSchema | undefined, name: string): CrdSchema | undefined =>
  schema?.properties?.[name] ??
  (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);

function pruneNulls(value: Json, schema: CrdSchema | undefined): void {
  if (isObject(value)) {
    for (const name of Object.keys(value)) {
      const child = childSchema(schema, name);
      if (value[name] === null && child && !child.nullable && child.default === undefined) delete value[name];
      else pruneNulls(value[name]!, child);
    }
  } else if (Array.isArray(value)) value.forEach((item) => pruneNulls(item, schema?.items));
}

const copy = (v: unknown): Json => structuredClone(v) as Json;

function applyDefaults(value: Json, schema: CrdSchema | undefined): void {
  if (!schema) return;
  if (isObject(value)) {
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (property.default === undefined) continue;
      if (!(name in value) || (value[name] === null && !property.nullable))
        value[name] = copy(property.default);
    }
    const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    for (const name of Object.keys(value)) {
      const property = schema.properties?.[name];
      if (property) applyDefaults(value[name]!, property);
      else if (extra) {
        if (value[name] === null && !extra.nullable && extra.default !== undefined)
          value[name] = copy(extra.default);
        applyDefaults(value[name]!, extra);
      }
    }
  } else if (Array.isArray(value)) {
    const items = schema.items;
    value.forEach((item, i) => {
      if (item === null && items && !items.nullable && items.default !== undefined)
        value[i] = copy(items.default);
      applyDefaults(value[i]!, items);
    });
  }
}

export interface Coerced {
  /** The document as the server validates it. */
  object: JsonObject;
  unknownFields: UnknownField[];
}

/**
 * Prune, drop nulls and default `doc` against the resource's root schema. `dropStatus` removes `status`
 * afterwards, as a create does when the status subresource is on (its unknown fields are still reported).
 */
export function coerce(doc: JsonObject, schema: CrdSchema, dropStatus: boolean): Coerced {
  const object = structuredClone(doc);
  const unknownFields: UnknownField[] = [];
  const metadata = object.metadata;
  if (isObject(metadata)) {
    for (const name of Object.keys(metadata)) {
      if (OBJECT_META_FIELDS.has(name)) continue;
      unknownFields.push({ display: `metadata.${name}`, path: ['metadata', name] });
      delete metadata[name];
    }
  }
  for (const name of Object.keys(object)) {
    if (META_FIELDS.has(name)) continue;
    const child = schema.properties?.[name];
    if (child) prune(object[name]!, child, [name], name, unknownFields);
    else {
      unknownFields.push({ display: name, path: [name] });
      delete object[name];
    }
  }
  pruneNulls(object, schema);
  applyDefaults(object, schema);
  if (dropStatus) delete object.status;
  return { object, unknownFields };
}
