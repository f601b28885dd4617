/**
 * The filter pattern decides what explain-logs ever sees of a CloudWatch group, so it is checked against
 * every real log in ../shared/fixtures/karpenter-logs: the lines it selects must explain exactly what the
 * whole log explains.
 */
import { readFileSync } from 'node:fs';

import { expect, it } from 'vitest';

import { FILTER_PATTERN } from '../../../src/core/log-sources/cloudwatch.js';
import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { describeShared, hasShared, readSharedJson, sharedPath } from '../../helpers/shared.js';

// Karpenter writes one JSON record per line; a pretty-printed one is how people paste it, never how a
// log group holds it, so those fixtures say nothing about the pattern.
const manifest: Array<{ file: string }> = hasShared
  ? readSharedJson<Array<{ file: string }>>('fixtures/karpenter-logs/MANIFEST.json').filter(
      (entry) => !entry.file.includes('_pretty_'),
    )
  : [];

const selects = new RegExp(FILTER_PATTERN.slice(1, -1));

const problems = async (text: string) => {
  const result = await explainLogs([{ name: 'log', chunks: [Buffer.from(text)] }]);
  return result.problems.map((p) => `${p.id} ×${p.count}`).sort();
};

describeShared('the CloudWatch filter pattern on every real log', () => {
  it.each(manifest.map((entry) => entry.file))(
    '%s: the selected lines explain what the whole log does',
    async (file) => {
      // Given a real log, each line as CloudWatch holds it: plain, and JSON-escaped in a Fluent Bit record
      const lines = readFileSync(sharedPath('fixtures/karpenter-logs', file), 'utf8').split('\n');
      const plain = lines.filter((line) => selects.test(line));
      const wrapped = lines.filter((line) => selects.test(JSON.stringify({ log: line })));
      // Then the same lines are selected either way, and they explain the same problems, as often
      expect(wrapped).toEqual(plain);
      expect(await problems(plain.join('\n'))).toEqual(await problems(lines.join('\n')));
    },
  );
});
