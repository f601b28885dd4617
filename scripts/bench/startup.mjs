// Prints the cold-start cost of the CLI: `--help` median against bare `node -e 0` (target ≤ 2.5×), and the
// medians of a full offline `suggest` and `init --dry-run` on the bundled data (init also checks its manifests
// against the CRD rules, on the CEL engine). Run after `npm run build`.
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
const init = medianRun(
  node,
  [
    'bin/run.js',
    'init',
    '--yes',
    '--offline',
    '--region',
    'us-east-1',
    '--cluster-name',
    'demo',
    '--dry-run',
  ],
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
console.log(
  `  spotctl init --yes --offline  ${init.toFixed(1)} ms  (--dry-run: the quick start's manifests)`,
);
