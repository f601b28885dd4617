/**
 * Generates src/data/crd-rules.json — what `src/core/manifests/crd` needs to validate Karpenter manifests
 * the way the API server does — from the real CRDs in ../shared/reference/karpenter-crds (see its README):
 * v1alpha5 (v0.32.10), v1beta1 (v0.37.0) and v1 (v1.14.1). For every served version it keeps the
 * structural schema reduced to its validation keywords and every `x-kubernetes-validations` rule where it
 * is declared; descriptions and printer columns are dropped. Keys keep the CRD's order and nothing depends
 * on the clock, so a re-run on the same input writes the same bytes.
 *
 * Usage: npm run data:crds [-- --shared ../shared] [--check]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { parse } from 'yaml';

import {
  CRD_RULES_FORMAT,
  type CrdCatalog,
  type CrdKind,
  type CrdSchema,
  type CrdValidationRule,
} from '../src/core/manifests/crd/types.js';
import { writeOrCheck } from './derived-file.js';

/** Reference folders, oldest API first; the suffix after the API name is the Karpenter release. */
const SOURCES = ['v1alpha5-v0.32.10', 'v1beta1-v0.37.0', 'v1-v1.14.1'];

const SCALAR_KEYWORDS = [
  'type',
  'format',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'nullable',
  'default',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
] as const;

const RULE_FIELDS = [
  'rule',
  'message',
  'messageExpression',
  'reason',
  'fieldPath',
  'optionalOldSelf',
] as const;

type Raw = Record<string, unknown>;

/** The schema node with validation keywords only, children reduced the same way. */
export function reduceSchema(raw: Raw): CrdSchema {
  const out: Raw = {};
  for (const key of SCALAR_KEYWORDS) if (raw[key] !== undefined) out[key] = raw[key];
  if (raw.properties) {
    out.properties = Object.fromEntries(
      Object.entries(raw.properties as Record<string, Raw>).map(([name, child]) => [
        name,
        reduceSchema(child),
      ]),
    );
  }
  if (raw.items) out.items = reduceSchema(raw.items as Raw);
  if (raw.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof raw.additionalProperties === 'boolean'
        ? raw.additionalProperties
        : reduceSchema(raw.additionalProperties as Raw);
  }
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
    if (Array.isArray(raw[key])) out[key] = (raw[key] as Raw[]).map(reduceSchema);
  }
  if (raw.not) out.not = reduceSchema(raw.not as Raw);
  const rules = raw['x-kubernetes-validations'] as Raw[] | undefined;
  if (rules?.length) {
    out['x-kubernetes-validations'] = rules.map((rule) => {
      const kept: Raw = {};
      for (const field of RULE_FIELDS) if (rule[field] !== undefined) kept[field] = rule[field];
      return kept as unknown as CrdValidationRule;
    });
  }
  return out as CrdSchema;
}

interface RawCrd {
  spec: {
    group: string;
    scope: string;
    names: { kind: string; plural: string };
    versions: Array<{
      name: string;
      served: boolean;
      schema?: { openAPIV3Schema: Raw };
      subresources?: { status?: unknown };
    }>;
  };
}

export function deriveCatalog(crdRoot: string): CrdCatalog {
  const kinds: Record<string, CrdKind> = {};
  for (const source of SOURCES) {
    const release = source.slice(source.indexOf('-') + 1);
    for (const file of readdirSync(join(crdRoot, source))
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const crd = parse(readFileSync(join(crdRoot, source, file), 'utf8')) as RawCrd;
      for (const version of crd.spec.versions) {
        if (!version.served || !version.schema) continue;
        const apiVersion = `${crd.spec.group}/${version.name}`;
        kinds[`${apiVersion}/${crd.spec.names.kind}`] = {
          apiVersion,
          kind: crd.spec.names.kind,
          plural: crd.spec.names.plural,
          namespaced: crd.spec.scope === 'Namespaced',
          statusSubresource: version.subresources?.status !== undefined,
          source: `aws/karpenter-provider-aws ${release} pkg/apis/crds/${file}`,
          schema: reduceSchema(version.schema.openAPIV3Schema),
        };
      }
    }
  }
  return { format: CRD_RULES_FORMAT, generator: 'scripts/derive-crd-rules.ts', kinds };
}

export const serializeCatalog = (catalog: CrdCatalog): string => `${JSON.stringify(catalog, null, 1)}\n`;

const OUTPUT = 'src/data/crd-rules.json';

if (process.argv[1]?.endsWith('derive-crd-rules.ts')) {
  const sharedArg = process.argv.indexOf('--shared');
  const shared = resolve(sharedArg > 0 ? process.argv[sharedArg + 1]! : '../shared');
  writeOrCheck(
    OUTPUT,
    serializeCatalog(deriveCatalog(join(shared, 'reference/karpenter-crds'))),
    'data:crds',
  );
}
