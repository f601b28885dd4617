/**
 * `spotctl explain-logs` in this process (real oclif parsing, core and file adapter): files and stdin,
 * --fail-on, the --json contract, and clean errors (one line and a next step, never a stack trace). The
 * built binary's exit codes, stdin piping and the parallel reader are in test/e2e/explain-logs.test.ts.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterAll, describe, expect, it } from 'vitest';

import ExplainLogs from '../../src/commands/explain-logs.js';
import { runCommand } from '../helpers/run-command.js';
import { describeShared, readShared, sharedPath } from '../helpers/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'spotctl-explain-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (argv: string[], options: Parameters<typeof runCommand>[2] = {}) =>
  runCommand(ExplainLogs, argv, options);
const fixture = (file: string) => sharedPath('fixtures/karpenter-logs', file);
const WARNING_ONLY = JSON.stringify({
  level: 'WARN',
  time: '2024-03-05T14:31:57.632Z',
  logger: 'controller.nodeclaim.lifecycle',
  message:
    'at least 5 instance types are recommended when flexible to spot but requesting on-demand, the current provisioning request only has 1 instance type options',
});

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describeShared('explain-logs on real logs', () => {
  it('explains a file and exits 0 without --fail-on', async () => {
    // Given a real Spot quota log; When it is explained
    const result = await run([fixture('awsblog_maxspot_v05.log')]);
    // Then the problem and what Karpenter does about it are printed, without colour off a terminal
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ERROR  Spot vCPU quota exceeded (MaxSpotInstanceCountExceeded)');
    // The line's commit is v0.5.1's, a release that did not cache this code: no fallback to On-Demand.
    expect(result.stdout.replace(/\s+/g, ' ')).toContain(
      'In this version Karpenter does not count MaxSpotInstanceCountExceeded as unavailable capacity',
    );
    expect(result.stdout.replace(/\s+/g, ' ')).toContain('Karpenter does not fall back to On-Demand');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('reads stdin when no file or `-` is given', async () => {
    const input = readShared('fixtures/karpenter-logs/k6643_all_types_unavailable_v037.log');
    for (const args of [[], ['-']]) {
      const result = await run(args, { input });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Read 2 lines \(904 B\) from stdin/);
      expect(result.stdout).toContain('No offering left to try');
    }
  });

  it('honours the --json contract', async () => {
    const result = await run([fixture('k1233_ice_unfulfillable_bold_v054.log'), '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'summary',
        'problems',
        'timeline',
        'blockedOfferings',
        'unrecognized',
        'alternatives',
        'stats',
      ]),
    );
    const problems = json.problems as Array<Record<string, unknown>>;
    const ice = problems.find((p) => p.id === 'insufficient_instance_capacity')!;
    expect(ice).toMatchObject({
      severity: 'warning',
      count: 1,
      firstSeen: '2022-01-28T13:15:43.351Z',
      lastSeen: '2022-01-28T13:15:43.351Z',
      codes: ['InsufficientInstanceCapacity'],
      affected: {
        instanceTypes: ['g4dn.xlarge'],
        zones: ['us-east-1c'],
        capacityTypes: [],
        nodePools: ['provisioner-gpu'],
      },
      example: { lineNumber: 2 },
    });
    expect(typeof ice.explanation).toBe('string');
    expect(Array.isArray(ice.actions)).toBe(true);
    for (const problem of problems) expect(Array.isArray(problem.codes)).toBe(true);
    expect(json.stats).toMatchObject({ lines: 4, bytes: 1233, formats: { 'karpenter-console': 4 } });
    expect(json.unrecognized).toEqual({ lines: [], total: 0, more: 0 });
    expect(result.stderr).toBe('');
  });

  it.each([
    ['error', 'awsblog_maxspot_v05.log', 1],
    ['warning', 'awsblog_maxspot_v05.log', 1],
    ['error', 'k5789_od_fallback_warn_v033.log', 0],
    ['warning', 'k5789_od_fallback_warn_v033.log', 1],
    ['error', 'knative2560_webhook_klog_mixed_v014.log', 0],
    ['warning', 'knative2560_webhook_klog_mixed_v014.log', 0],
  ])('--fail-on %s with %s exits %i, output intact', async (level, file, code) => {
    const result = await run([fixture(file), '--fail-on', level]);
    expect(result.code).toBe(code);
    expect(result.stdout).toMatch(/^Read \d+ lines? /);
  });

  it('--fail-on applies under --json too', async () => {
    const result = await run([fixture('awsblog_maxspot_v05.log'), '--fail-on', 'error', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).summary.counts.error).toBe(1);
  });

  it('reads several files, gzip included, in one diagnosis', async () => {
    const gz = join(dir, 'nth.log.gz');
    writeFileSync(gz, gzipSync(readShared('fixtures/karpenter-logs/nth545_drain_pdb_timeout_v114.log')));
    const result = await run([fixture('awsblog_maxspot_v05.log'), gz, '--json']);
    const json = JSON.parse(result.stdout);
    expect(json.stats.sources).toEqual([
      expect.objectContaining({ gzip: false, lines: 1 }),
      expect.objectContaining({ name: gz, gzip: true, lines: 1 }),
    ]);
    expect(json.problems.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(['spot_quota_exceeded', 'nth_drain_failed', 'pdb_eviction_timeout']),
    );
  });

  it('names alternatives from the bundled catalog with --offline --region, without AWS', async () => {
    const result = await run([
      fixture('k1233_ice_unfulfillable_bold_v054.log'),
      '--offline',
      '--region',
      'us-east-1',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.alternatives[0]).toMatchObject({ instanceType: 'g4dn.xlarge', failedZones: ['us-east-1c'] });
    expect(json.alternatives[0].suggestions.length).toBeGreaterThan(0);
  });
});

describe('explain-logs input handling', () => {
  it('a warning-only log passes --fail-on error and fails --fail-on warning', async () => {
    expect((await run(['--fail-on', 'error'], { input: WARNING_ONLY })).code).toBe(0);
    expect((await run(['--fail-on', 'warning'], { input: WARNING_ONLY })).code).toBe(1);
  });

  it('empty stdin: exit 0 and says nothing was found', async () => {
    const result = await run([], { input: '' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Read 0 lines (0 B) from stdin');
    expect(result.stdout).toContain('No log records found');
  });

  it('input without a log line fails --fail-on as an input error (exit 3), so a failed upstream fails CI', async () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    for (const [argv, input, message] of [
      [['--fail-on', 'error'], '', 'Error: no log lines to check: stdin (empty)'],
      [['--fail-on', 'warning'], '\n\n', 'Error: no log lines to check: stdin (2 lines, none a log record)'],
      [[empty, '--fail-on', 'error'], undefined, `Error: no log lines to check: ${empty} (empty)`],
    ] as const) {
      const result = await run([...argv], { input });
      expect(result.code).toBe(3);
      expect(result.stderr.split('\n')[0]).toBe(message);
      noStack(result.stderr);
    }
    const json = await run(['--fail-on', 'error', '--json'], { input: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'EMPTY_INPUT', exitCode: 3 } });
  });

  it('shortens quoted log lines to the terminal width, else COLUMNS, and keeps them whole when piped', async () => {
    const long = WARNING_ONLY.replace('instance type options', `instance type options ${'x'.repeat(600)}`);
    const file = join(dir, 'long-line.log');
    writeFileSync(file, `${long}\n`);
    const examples = (stdout: string) =>
      stdout
        // eslint-disable-next-line no-control-regex
        .replace(/\u001b\[[0-9;]*m/g, '')
        .split('\n')
        .filter((line) => line.startsWith('  Example'));
    // In a 120-column terminal the example line ends in an ellipsis at the edge
    const tty = examples((await run([file], { tty: { columns: 120 } })).stdout);
    expect(tty).toHaveLength(1);
    expect(tty[0]!.length).toBe(120);
    expect(tty[0]!.endsWith('…')).toBe(true);
    // Piped with COLUMNS set, the same
    const columns = examples((await run([], { input: long, env: { COLUMNS: '100' } })).stdout);
    expect(columns[0]!.length).toBe(100);
    // Piped, the whole line
    const piped = examples((await run([], { input: long })).stdout);
    expect(piped[0]).toContain(long);
  });

  it('binary garbage and invalid UTF-8: exit 0, no stack trace', async () => {
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256));
    const result = await run(['--fail-on', 'error'], { input: bytes });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Read \d+ lines \(64\.0 KB\) from stdin/);
    noStack(result.stderr);
  });

  it.each([
    [['/nonexistent/karpenter.log'], 3, 'Error: cannot read /nonexistent/karpenter.log: no such file'],
    [['/tmp'], 3, 'Error: /tmp is a directory, not a log file'],
    [['--fail-on', 'info'], 2, 'Error: Expected --fail-on=info to be one of: error, warning'],
    [['--karpenter-version', 'latest'], 2, 'Error: --karpenter-version "latest" is not a version'],
    [['-', '-'], 2, 'Error: `-` (stdin) can be given only once'],
  ])('%j exits %i with one line and a next step', async (args, code, message) => {
    const result = await run(args, { input: '' });
    expect(result.code).toBe(code);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stderr).toContain('→ ');
    noStack(result.stderr);
  });

  it('stdin that is a terminal is a usage error, not a wait', async () => {
    // Given a terminal on stdin and no files; When explain-logs runs; Then it stops at once with exit 2
    const result = await run([], { tty: { columns: 100 } });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('Error: no log input: stdin is a terminal');
  });

  // Root reads any file whatever its mode; a write-only kernel setting refuses even root.
  const asRoot = process.getuid?.() === 0;
  const ROOT_UNREADABLE = '/proc/sys/vm/compact_memory';
  it.skipIf(asRoot && !existsSync(ROOT_UNREADABLE))(
    'a file it may not read is an input error naming it (exit 3), checked before reading anything',
    async () => {
      // Given a readable log and one this user may not read
      const readable = join(dir, 'readable.log');
      writeFileSync(readable, `${WARNING_ONLY}\n`);
      const locked = join(dir, 'locked.log');
      writeFileSync(locked, `${WARNING_ONLY}\n`);
      chmodSync(locked, 0o000);
      const unreadable = asRoot ? ROOT_UNREADABLE : locked;
      // When both are explained
      const result = await run([readable, unreadable]);
      // Then it fails with the path and exit 3, and nothing is printed on stdout
      expect(result.code).toBe(3);
      expect(result.stderr.split('\n')[0]).toBe(`Error: cannot read ${unreadable}: permission denied`);
      expect(result.stderr).toContain('→ ');
      expect(result.stdout).toBe('');
    },
  );

  it('errors are JSON under --json', async () => {
    const result = await run(['/nonexistent/karpenter.log', '--json']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'LOG_NOT_READABLE', exitCode: 3 } });
  });

  it('--karpenter-version decides the cache TTL', async () => {
    const line =
      '2022-01-28T13:15:43.351Z\tERROR\tcontroller\tLaunching node, with fleet error(s), InsufficientInstanceCapacity: We currently do not have sufficient m5.large capacity in the Availability Zone you requested (us-east-1c).\n';
    const old = JSON.parse((await run(['--json', '--karpenter-version', 'v0.8.1'], { input: line })).stdout);
    const current = JSON.parse(
      (await run(['--json', '--karpenter-version', '1.6.2'], { input: line })).stdout,
    );
    expect(old.summary).toMatchObject({
      offeringTtlSeconds: 45,
      karpenterVersion: { source: 'flag', range: 'v0.8.1' },
    });
    expect(old.blockedOfferings[0]).toMatchObject({
      key: '*:m5.large:us-east-1c',
      until: '2022-01-28T13:16:28.351Z',
      evidence: 'inferred',
    });
    expect(current.summary.offeringTtlSeconds).toBe(180);
    expect(current.blockedOfferings[0].until).toBe('2022-01-28T13:18:43.351Z');
  });
});
