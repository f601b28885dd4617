/**
 * Coverage of what the controllers can say: one synthetic line per ERROR/WARN/FATAL log template of every
 * Karpenter (v0.5 – v1.14) and NTH (v1.0 – v1.25) release, and one per leaf error string at the end of a
 * launch error chain, built from the upstream dataset on their own (test/helpers/synthetic-lines.ts).
 * Each line must be explained on its own — by a specific entry or by its own template — never left
 * unrecognised. `npm run coverage:logs` prints the same table.
 */
import { beforeAll, expect, it } from 'vitest';

import { logCoverage, type Coverage } from '../../helpers/log-coverage.js';
import { describeShared } from '../../helpers/shared.js';

describeShared('explain-logs coverage of Karpenter and NTH messages', () => {
  let coverage: Coverage;
  beforeAll(async () => {
    coverage = await logCoverage();
    const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
    process.stdout.write(
      `${coverage.rows
        .map(
          (r) =>
            `  ${r.product} ${r.version}: log templates ${r.logs.explained}/${r.logs.total} ${pct(r.logs.explained, r.logs.total)}, leaf errors ${r.leaves.explained}/${r.leaves.total} ${pct(r.leaves.explained, r.leaves.total)}`,
        )
        .join('\n')}\n`,
    );
  }, 120_000);

  it('has templates of every release to test', () => {
    expect(coverage.rows.filter((r) => r.product === 'karpenter').length).toBeGreaterThanOrEqual(40);
    expect(coverage.rows.filter((r) => r.product === 'nth').length).toBeGreaterThanOrEqual(20);
  });

  it('explains at least 95 % of the ERROR/WARN/FATAL log templates of every release', () => {
    for (const row of coverage.rows) {
      if (row.logs.total === 0) continue;
      expect(row.logs.explained / row.logs.total, `${row.product} ${row.version}`).toBeGreaterThanOrEqual(
        0.95,
      );
    }
  });

  it('explains at least 80 % of the leaf error strings of every Karpenter release', () => {
    for (const row of coverage.rows.filter((r) => r.leaves.total > 0)) {
      expect(row.leaves.explained / row.leaves.total, `${row.product} ${row.version}`).toBeGreaterThanOrEqual(
        0.8,
      );
    }
  });
});
