/**
 * How a derive script ends: write its output file, or with `--check` fail when the committed file differs
 * from what it would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function writeOrCheck(output: string, text: string, npmScript: string): void {
  if (process.argv.includes('--check')) {
    if (readFileSync(output, 'utf8') !== text) {
      process.stderr.write(`${output} is stale: run 'npm run ${npmScript}' and commit.\n`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(output, text);
  process.stdout.write(`wrote ${output} (${Buffer.byteLength(text)} bytes)\n`);
}
