/**
 * Prints how much of what Karpenter and NTH can print explain-logs explains, per release: one synthetic
 * line per ERROR/WARN/FATAL log template and per leaf error string, built from ../shared on their own.
 *
 * Usage: npm run coverage:logs [-- --misses]
 */
import { logCoverage } from '../test/helpers/log-coverage.js';

const pct = (explained: number, total: number): string =>
  total === 0 ? '—' : `${((100 * explained) / total).toFixed(1)} %`;

const coverage = await logCoverage();
const out: string[] = ['PRODUCT    VERSION  LOG TEMPLATES          LEAF ERRORS'];
for (const row of coverage.rows) {
  const logs = `${row.logs.explained}/${row.logs.total} ${pct(row.logs.explained, row.logs.total)}`;
  const leaves = row.leaves.total
    ? `${row.leaves.explained}/${row.leaves.total} ${pct(row.leaves.explained, row.leaves.total)}`
    : '—';
  out.push(`${row.product.padEnd(10)} ${row.version.padEnd(8)} ${logs.padEnd(22)} ${leaves}`);
}
for (const [product, t] of Object.entries(coverage.totals)) {
  out.push(
    `${product}: log templates ${t.logs[0]}/${t.logs[1]} (${pct(t.logs[0], t.logs[1])}), leaf errors ${t.leaves[0]}/${t.leaves[1]} (${pct(t.leaves[0], t.leaves[1])})`,
  );
}
if (process.argv.includes('--misses'))
  for (const miss of coverage.misses)
    out.push(
      `MISS ${miss.product} ${miss.kind} ${miss.file}: ${miss.template}\n     ${miss.line}\n     → ${miss.problems.join(', ') || 'nothing'}`,
    );
process.stdout.write(`${out.join('\n')}\n`);
