// Prints the cold-start cost of the CLI: `--help` median against bare `node -e 0` (target ≤ 2.5×), and the
// median of a full offline `suggest` on the bundled data. Run after `npm run build`.
import { medianRun } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const node = process.execPath;
const bare = medianRun(node, ['-e', '0'], { runs });
const help = medianRun(node, ['bin/run.js', '--help'], { runs });
const commandHelp = medianRun(node, ['bin/run.js', 'suggest', '--help'], { runs });
const suggest = medianRun(
  node,
  ['bin/run.js', 'suggest', '--offline', '--region', 'us-east-1', '--types', 'g4dn.xlarge,g4dn.2xlarge'],
  { runs },
);

const ratio = (ms) => (ms / bare).toFixed(2);
console.log(`startup (median of ${runs} runs)`);
console.log(`  node -e 0                     ${bare.toFixed(1)} ms`);
console.log(
  `  spotctl --help                ${help.toFixed(1)} ms  (${ratio(help)}× bare node; target ≤ 2.5×)`,
);
console.log(
  `  spotctl suggest --help        ${commandHelp.toFixed(1)} ms  (${ratio(commandHelp)}× bare node)`,
);
console.log(
  `  spotctl suggest --offline     ${suggest.toFixed(1)} ms  (g4dn.xlarge,g4dn.2xlarge on the bundled data)`,
);
