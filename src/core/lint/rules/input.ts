/**
 * Problems with the input itself, reported like rule findings so one run shows everything wrong.
 */
import type { LoadProblem } from '../../manifests/types.js';
import type { Rule } from '../types.js';

const fromProblems =
  (code: LoadProblem['code']): Rule['check'] =>
  ({ set, reportedByApiServer }) =>
    set.problems
      .filter((p) => p.code === code)
      .filter((p) => !p.alsoBySchema || !reportedByApiServer(p.alsoBySchema, 'schema'))
      .map((p) => ({
        file: p.file,
        span: { line: p.line, column: p.column, start: 0, end: 0 },
        message: p.message,
        fix: p.fix,
      }));

export const INPUT_RULES: Rule[] = [
  {
    id: 'yaml-syntax',
    severity: 'error',
    summary: 'The file must be valid YAML.',
    fix: 'Fix the YAML at the position shown (indentation, unclosed brackets or quotes, duplicate keys).',
    check: fromProblems('yaml-syntax'),
  },
  {
    id: 'yaml-alias-limit',
    severity: 'error',
    summary: 'YAML aliases may not expand past the safety limit (alias bombs).',
    fix: 'Write the values out instead of nesting aliases of aliases.',
    check: fromProblems('yaml-alias-limit'),
  },
  {
    id: 'yaml-duplicate-key',
    severity: 'error',
    summary:
      'A YAML mapping may not repeat a key (kubectl refuses the file; tools disagree on which value counts).',
    fix: 'Keep one of the two entries; the rest of the document was linted with the last one.',
    check: fromProblems('yaml-duplicate-key'),
  },
  {
    id: 'manifest-shape',
    severity: 'error',
    summary: 'Karpenter documents must name a kind their API version serves, and have the shape it defines.',
    fix: 'Compare the document with the CRD for its apiVersion.',
    check: fromProblems('manifest-shape'),
  },
];
