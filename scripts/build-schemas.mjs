// JSON Schemas of every command's --json output (and of the error object), generated from the TypeScript
// types the commands return, so a schema cannot drift from the code. Written to schemas/; the build runs
// this and CI fails when the committed schemas are stale.
import { mkdirSync, writeFileSync } from 'node:fs';

import {
  createFormatter,
  createParser,
  createProgram,
  DEFAULT_CONFIG,
  SchemaGenerator,
} from 'ts-json-schema-generator';

/** Command id → the file and type of what its run() returns. */
export const OUTPUTS = {
  convert: ['src/core/convert/run.ts', 'ConvertOutput'],
  'explain-logs': ['src/core/logs/analyzer.ts', 'ExplainResult'],
  init: ['src/core/init/outcome.ts', 'InitOutput'],
  lint: ['src/core/lint/result.ts', 'LintOutput'],
  monitoring: ['src/core/monitoring/types.ts', 'MonitoringOutput'],
  prices: ['src/core/prices/run.ts', 'PricesResult'],
  'quota-check': ['src/core/quota-check/output.ts', 'QuotaCheckOutput'],
  snapshot: ['src/core/snapshot/capture.ts', 'CaptureSummary'],
  suggest: ['src/core/suggest/run.ts', 'SuggestOutput'],
  version: ['src/commands/version.ts', 'VersionOutput'],
  error: ['src/core/errors.ts', 'ErrorOutput'],
};

const SCHEMA_VERSION = 1;
const BASE = 'https://spotctl.dev/schemas';

// One TypeScript program for every schema: building it is most of the cost.
const config = {
  ...DEFAULT_CONFIG,
  path: 'src/**/*.ts',
  tsconfig: 'tsconfig.json',
  skipTypeCheck: true,
  expose: 'none',
  topRef: false,
  additionalProperties: true,
  jsDoc: 'extended',
};
const program = createProgram(config);
const generator = new SchemaGenerator(
  program,
  createParser(program, config),
  createFormatter(config),
  config,
);

mkdirSync('schemas', { recursive: true });
for (const [id, [, type]] of Object.entries(OUTPUTS)) {
  const generated = generator.createSchema(type);
  const { $schema, ...schema } = generated;
  const document = {
    $schema,
    $id: `${BASE}/${id}.schema.json`,
    title: id === 'error' ? 'spotctl error (any command, with --json)' : `spotctl ${id} --json`,
    ...schema,
    properties: { schemaVersion: { const: SCHEMA_VERSION }, ...schema.properties },
    required: ['schemaVersion', ...(schema.required ?? [])],
  };
  writeFileSync(`schemas/${id}.schema.json`, `${JSON.stringify(document, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(OUTPUTS).length} schemas to schemas/`);
