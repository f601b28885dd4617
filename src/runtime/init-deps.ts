/**
 * What `spotctl init`'s core needs from this process: the catalog, the wizard (only on a terminal, and
 * loaded only when it will ask), the files, the templates, the clock and stderr.
 */
import { resolve } from 'node:path';

import type { InitDeps } from '../core/init/run.js';
import type { AwsContext } from './aws-context.js';
import type { CommandIo } from './io.js';
import { placementScoring } from './placement-scoring.js';
import { clusterHint } from './init-kube-context.js';
import { progress } from './progress.js';
import { loadTemplates } from './templates.js';
import type { Terminal } from './terminal.js';
import { fileExists, localFileWriter } from './write-files.js';

export interface InitDepsInput {
  io: CommandIo;
  terminal: Terminal;
  catalogs: AwsContext;
  version: string;
  note: (message: string) => void;
  /** --quiet or --json: no progress lines. */
  quiet: boolean;
}

export function initDeps({ io, terminal, catalogs, version, note, quiet }: InitDepsInput): InitDeps {
  return {
    catalogs,
    placement: placementScoring(catalogs, io.env),
    // The prompts read the keyboard from stdin and draw on stderr, so stdout carries only results.
    prompter: terminal.interactive
      ? async () =>
          (await import('../prompts/init-wizard.js')).createPrompter({
            input: io.stdin as NodeJS.ReadableStream,
            output: io.stderr as NodeJS.WritableStream,
          })
      : undefined,
    files: localFileWriter(),
    existing: async (paths) => {
      const found: string[] = [];
      for (const path of paths) if (await fileExists(resolve(path))) found.push(path);
      return found;
    },
    templates: () => loadTemplates(),
    clusterHint: () => clusterHint(io.env),
    user: io.env.USER,
    wait: progress(io, { quiet }),
    version,
    now: () => io.now(),
    note,
    style: terminal.stderrStyle,
    regionFromEnv: io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION,
  };
}
