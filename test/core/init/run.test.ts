/**
 * One init run through the core entry, with the wizard replaced by recorded answers: what is asked of the
 * prompts and when, what the summary says, and what is written — on the bundled catalog and real files.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadBundledCatalog } from '../../../src/adapters/fs/snapshot-files.js';
import type { CatalogAccess } from '../../../src/core/catalog/access.js';
import { plainStyle } from '../../../src/core/format/style.js';
import { runInit, type InitDeps, type InitPrompter, type InitRequest } from '../../../src/core/init/run.js';
import type { InitAnswers } from '../../../src/core/init/types.js';
import { loadTemplates } from '../../../src/runtime/templates.js';
import { localFileWriter } from '../../../src/runtime/write-files.js';

const NOW = new Date('2026-08-25T12:00:00Z');

interface Recorded {
  prompter: InitPrompter;
  loads: number;
  asked: InitAnswers[];
  summaries: string[];
  overwrites: string[][];
  directories: string[];
}

/**
 * A wizard that answers from a script: the answers to add, yes/no to write and to overwrite, and the
 * directories to give when it keeps the existing files.
 */
function scripted(add: InitAnswers, write = true, overwrite = false, dirs: string[] = []): Recorded {
  const record: Recorded = {
    loads: 0,
    asked: [],
    summaries: [],
    overwrites: [],
    directories: [],
    prompter: undefined!,
  };
  record.prompter = {
    ask: async (given) => {
      record.asked.push(given);
      return { ...given, ...add };
    },
    confirmWrite: async (summary) => {
      record.summaries.push(summary);
      return write;
    },
    confirmOverwrite: async (paths) => {
      record.overwrites.push(paths);
      return overwrite;
    },
    askOutputDir: async (suggestion) => {
      record.directories.push(suggestion);
      const dir = dirs.shift();
      if (dir === undefined)
        throw new Error(`asked for another directory (offered ${suggestion}) once too often`);
      return dir;
    },
  };
  return record;
}

function deps(options: { prompter?: Recorded; notes?: string[]; catalogCalls?: string[] } = {}): InitDeps {
  const catalogs: CatalogAccess = {
    regionHint: undefined,
    region: async () => 'us-east-1',
    catalog: async (region) => {
      options.catalogCalls?.push(String(region));
      return loadBundledCatalog();
    },
  };
  const { prompter } = options;
  return {
    catalogs,
    ...(prompter
      ? {
          prompter: async () => {
            prompter.loads += 1;
            return prompter.prompter;
          },
        }
      : {}),
    files: localFileWriter(),
    existing: async (paths) => paths.filter((path) => existsSync(path)),
    templates: () => loadTemplates(),
    version: '0.1.0',
    now: () => NOW,
    note: (message) => options.notes?.push(message),
    wait: (_label, work) => work(),
    style: plainStyle,
  };
}

const request = (given: InitAnswers, extra: Partial<InitRequest> = {}): InitRequest => ({
  given,
  yes: false,
  force: false,
  dryRun: false,
  maxSuggestions: 10,
  days: 7,
  ...extra,
});

const outDir = () => join(mkdtempSync(join(tmpdir(), 'spotctl-run-')), 'out');

describe('runInit', () => {
  it('on a terminal: asks what the flags left open, shows the summary, writes after a yes', async () => {
    // Given a terminal, a Region and the wizard's answers / When init runs / Then it writes the v1 files
    const wizard = scripted({ clusterName: 'demo', types: ['m5.xlarge'], addedTypes: [], capacity: 'spot' });
    const dir = outDir();
    const outcome = await runInit(
      request({ region: 'us-east-1', outputDir: dir }),
      deps({ prompter: wizard }),
    );
    expect(wizard.asked).toEqual([{ region: 'us-east-1', outputDir: dir }]);
    expect(wizard.summaries).toHaveLength(1);
    expect(wizard.summaries[0]).toMatch(/^Summary\n/);
    expect(wizard.summaries[0]).toMatch(/Instance types +m5\.xlarge \(1\)/);
    expect(wizard.summaries[0]).toContain(`${dir}/ec2nodeclass.yaml, ${dir}/nodepool.yaml`);
    expect(outcome.output.written).toBe(true);
    expect(readFileSync(join(dir, 'nodepool.yaml'), 'utf8')).toContain('m5.xlarge');
    expect(wizard.overwrites).toEqual([]);
  });

  it('a no at the summary writes nothing and is not an error', async () => {
    const wizard = scripted({ clusterName: 'demo', types: ['m5.xlarge'], addedTypes: [] }, false);
    const notes: string[] = [];
    const dir = outDir();
    const outcome = await runInit(
      request({ region: 'us-east-1', outputDir: dir }),
      deps({ prompter: wizard, notes }),
    );
    expect(outcome.output.written).toBe(false);
    expect(notes).toContain('Nothing written.');
    expect(existsSync(dir)).toBe(false);
  });

  it('keeping the existing files asks for another directory, and writes there', async () => {
    // Given files from an earlier run / When the user keeps them / Then init asks where else, and writes
    const dir = outDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'nodepool.yaml'), 'earlier\n');
    const other = `${dir}-elsewhere`;
    const wizard = scripted({ clusterName: 'demo', types: ['m5.xlarge'], addedTypes: [] }, true, false, [
      other,
    ]);
    const outcome = await runInit(
      request({ region: 'us-east-1', outputDir: dir }),
      deps({ prompter: wizard }),
    );
    expect(wizard.overwrites).toEqual([[join(dir, 'nodepool.yaml')]]);
    expect(wizard.directories).toEqual([`${dir}-2`]);
    expect(readFileSync(join(dir, 'nodepool.yaml'), 'utf8')).toBe('earlier\n');
    expect(outcome.output).toMatchObject({ written: true, outputDir: other });
    expect(readFileSync(join(other, 'nodepool.yaml'), 'utf8')).toContain('m5.xlarge');
    expect(outcome.output.nextCommands[0]).toBe(
      `kubectl apply -f ${other}/ec2nodeclass.yaml -f ${other}/nodepool.yaml`,
    );
  });

  it('the summary says what spotctl lint will say about the files', async () => {
    // Given a pool of one family's two types / When summarised / Then lint's Spot warning is in it — one
    // finding for one cause: too few types already says they are all g4dn
    const wizard = scripted(
      { clusterName: 'demo', types: ['g4dn.xlarge', 'g4dn.2xlarge'], addedTypes: [] },
      false,
    );
    const outcome = await runInit(
      request({ region: 'us-east-1', outputDir: outDir() }),
      deps({ prompter: wizard }),
    );
    expect(wizard.summaries[0]).toMatch(/spotctl lint finds one thing to look at:/);
    expect(wizard.summaries[0]).toMatch(/warning nodepool\.yaml:\d+ .*only 2 Spot instance types .*all g4dn/);
    expect(outcome.output.lint.map((f) => f.ruleId)).toEqual(['spot-too-few-types']);
  });

  it('the Enter-only pool (no types given) is Karpenter’s general-purpose default, and lint has nothing to say', async () => {
    const wizard = scripted({ clusterName: 'demo' });
    const outcome = await runInit(
      request({ region: 'us-east-1', outputDir: outDir() }),
      deps({ prompter: wizard }),
    );
    expect(outcome.output.config).toMatchObject({
      categories: ['c', 'm', 'r'],
      generationAbove: 2,
      instanceTypes: [],
    });
    expect(wizard.summaries[0]).toMatch(/Instance types +any c, m, r type of generation 3 or later/);
    expect(outcome.output.lint.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(wizard.summaries[0]).toContain('spotctl lint: no findings in these files.');
  });

  it('with --yes the wizard is never loaded, and the suggestions are added with a note', async () => {
    const wizard = scripted({});
    const notes: string[] = [];
    const outcome = await runInit(
      request(
        { region: 'us-east-1', clusterName: 'demo', types: ['m5.xlarge'] },
        { yes: true, dryRun: true },
      ),
      deps({ prompter: wizard, notes }),
    );
    expect(wizard.loads).toBe(0);
    expect(outcome.output.addedTypes.length).toBeGreaterThan(0);
    expect(notes[0]).toBe(
      `Adding suggested types: ${outcome.output.addedTypes.join(', ')} (--no-suggested to keep only --types).`,
    );
  });

  it('without a terminal and without --yes fails before loading a catalog', async () => {
    const catalogCalls: string[] = [];
    const failure = await runInit(request({ region: 'us-east-1' }), deps({ catalogCalls })).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'NOT_INTERACTIVE', exitCode: 2 });
    expect(catalogCalls).toEqual([]);
  });
});
