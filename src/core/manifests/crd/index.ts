/**
 * Validating Karpenter manifests exactly as the API server would on create, from the real CRDs (derived
 * into `src/data/crd-rules.json` by `npm run data:crds`). Pure: no I/O, inputs never modified.
 *
 * ```ts
 * if (isKnownKind(doc.apiVersion, doc.kind)) {
 *   for (const v of validateManifest(doc, doc.apiVersion, doc.kind)) {
 *     const { line, column } = violationPosition(parsed.ctx, v);
 *     console.log(`${file}:${line}:${column}: ${v.message}`);
 *   }
 * }
 * ```
 */
export {
  validateManifest,
  validateManifestDetailed,
  type ManifestValidation,
  type ValidateOptions,
} from './validate.js';
export { coveredApiVersions, isKnownKind, knownKinds, skippedTransitionRules } from './catalog.js';
export { violationPosition, violationSpan } from './positions.js';
export type { UnevaluatedRule } from './cel-check.js';
export type { ManifestPath, SkippedRule, Violation } from './types.js';
