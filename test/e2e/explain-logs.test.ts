/**
 * The built CLI as CI runs it: exit codes of the real binary, a log piped on stdin, and a large file read
 * in parallel byte ranges by worker threads. Behaviour is tested in process in
 * test/commands/explain-logs.test.ts.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { routineLine } from '../../scripts/bench/v1-log.mjs';
import { runCli } from '../helpers/cli.js';
import { describeShared, readShared, sharedPath } from '../helpers/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'spotctl-explain-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fixture = (file: string) => sharedPath('fixtures/karpenter-logs', file);
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describeShared('explain-logs, the binary', () => {
  it('reads a log piped on stdin', async () => {
    const input = readShared('fixtures/karpenter-logs/k6643_all_types_unavailable_v037.log');
    const result = await runCli(['explain-logs'], { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Read 2 lines \(904 B\) from stdin/);
    expect(result.stdout).toContain('No offering left to try');
  });

  it('exits 1 on --fail-on with findings, keeping its output', async () => {
    const result = await runCli(['explain-logs', fixture('awsblog_maxspot_v05.log'), '--fail-on', 'error']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Read 1 line /);
  });
});

describe('explain-logs, the binary, on bad input', () => {
  it.each([
    [['explain-logs', '/nonexistent/karpenter.log'], 3],
    [['explain-logs', '--karpenter-version', 'latest'], 2],
  ])('%j exits %i without a stack trace', async (args, code) => {
    const result = await runCli(args, { input: '' });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain('→ ');
    noStack(result.stderr);
  });
});

/** About `bytes` of the routine lines a busy v1 controller writes: provisioning, launches, disruptions. */
function routineLines(block: number, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    const n = block * 100_000 + i;
    const line = routineLine(new Date(Date.UTC(2025, 0, 1) + n * 50).toISOString(), n);
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

describeShared('explain-logs on a large file', () => {
  it('gives the same diagnosis from a file read in parallel ranges as from the same bytes on stdin', async () => {
    // Given a log large enough to be read in ranges (~70 MB): a v1 controller's routine lines with every
    // fixture (pretty-printed records, stack traces, NTH, other formats) between each 2 MB of them, so
    // that every range holds problems and cuts fall anywhere
    const all = readdirSync(sharedPath('fixtures/karpenter-logs'))
      .filter((file) => file.endsWith('.log'))
      .sort()
      .map((file) => readShared('fixtures/karpenter-logs', file).replace(/\n?$/, '\n'))
      .join('');
    const text = Array.from(
      { length: 35 },
      (_, block) => `${routineLines(block, 2 * 1024 * 1024)}${all}`,
    ).join('');
    const file = join(dir, 'large.log');
    writeFileSync(file, text);
    // When it is explained as a file and as stdin
    const fromFile = await runCli(['explain-logs', file, '--json'], { timeoutMs: 60_000 });
    const fromStdin = await runCli(['explain-logs', '--json'], { input: text, timeoutMs: 60_000 });
    // Then both diagnoses are the same but for the source's name
    expect(fromFile.code).toBe(fromStdin.code);
    expect(fromFile.stdout.length).toBeGreaterThan(1000);
    expect(fromFile.stdout.split(JSON.stringify(file)).join('"stdin"')).toBe(fromStdin.stdout);
  }, 120_000);
});
