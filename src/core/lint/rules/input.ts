/**
 * Problems with the input itself, reported like rule findings so one run shows everything wrong.
 */
import type { Rule } from '../types.js';

const fromProblems =
  (code: 'yaml-syntax' | 'yaml-alias-limit' | 'manifest-shape'): Rule['check'] =>
  ({ set }) =>
    set.problems
      .filter((p) => p.code === code)
      .map((p) => ({
        file: p.file,
        span: { line: p.line, column: p.column, start: 0, end: 0 },
        message: p.message,
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
    id: 'manifest-shape',
    severity: 'error',
    summary: 'Karpenter documents must have the shape their API version defines.',
    fix: 'Compare the document with the CRD for its apiVersion.',
    check: fromProblems('manifest-shape'),
  },
];
