/**
 * `spotctl init` run in-process as a script would run it (no terminal): the real flag parsing, core,
 * bundled catalog, templates and file writes, with captured streams. The real binary's exit codes,
 * start-up and terminal sessions are in test/e2e/init.test.ts.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

import Init from '../../src/commands/init.js';
import { AwsTestServer } from '../helpers/aws-server.js';
import { installWorld } from '../helpers/aws-world.js';
import { manifestProblems } from '../helpers/crd-schema.js';
import { runCommand } from '../helpers/run-command.js';
import { describeShared, repoRoot } from '../helpers/shared.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'spotctl-init-'));
const docsIn = (path: string) =>
  parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => doc.toJS() as Record<string, unknown>);

const SEED_FLAGS = [
  '--yes',
  '--offline',
  '--region',
  'ap-southeast-1',
  '--cluster-name',
  'karpenter-cluster',
  '--types',
  'g4dn.xlarge,g4dn.2xlarge',
  '--no-suggested',
  '--api',
  'v1alpha5',
  '--inline-provider',
  '--capacity',
  'spot-and-on-demand',
  '--gpu-limit',
  '100',
  '--cpu-limit',
  'none',
  '--memory-limit',
  'none',
  '--interruption',
  'nth-imds',
  // The blog drained on rebalance recommendations; spotctl's default only cordons.
  '--nth-rebalance',
  'drain',
];

/** Relative output paths are the user's working directory: each test gets its own. */
let cwd: string;
let home: string;
beforeEach(() => {
  home = process.cwd();
  cwd = tempDir();
  process.chdir(cwd);
});
afterEach(() => process.chdir(home));

describe('spotctl init without a terminal', () => {
  it('does not wait: exit 2, naming the flags to pass', async () => {
    // Given no terminal and no --yes / When init runs / Then it says what a script must pass
    const result = await runCommand(Init, ['--region', 'us-east-1'], {
      env: { KUBECONFIG: '/nonexistent/kubeconfig' },
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Error: init needs a terminal to ask its questions, or --yes to take the defaults\n' +
        '→ Pass --cluster-name and --yes (the other questions take their defaults; see --help for their flags).\n',
    );
  });

  it('under --json the error is JSON', async () => {
    const result = await runCommand(Init, ['--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'NOT_INTERACTIVE', exitCode: 2 });
  });

  it('--yes takes defaults but cannot invent a cluster name', async () => {
    const result = await runCommand(Init, ['--yes', '--offline', '--region', 'us-east-1'], {
      env: { KUBECONFIG: '/nonexistent/kubeconfig' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^Error: --yes takes defaults, but there is none for the EKS cluster name\n/,
    );
    expect(result.stderr).toContain('→ Pass --cluster-name.');
  });

  it.each([
    [
      ['--interruption', 'nth-queue'],
      2,
      /NTH queue mode needs the URL of its SQS queue\n→ Pass --nth-queue-url/,
    ],
    [
      ['--interruption-queue', 'arn:aws:sqs:us-east-1:123456789012:demo'],
      2,
      /not its ARN\n→ Pass --interruption-queue demo/,
    ],
    [
      ['--types', 'g4dn.xlarg'],
      3,
      /unknown instance type g4dn\.xlarg.*\n→ g4dn\.xlarg: did you mean g4dn\.xlarge/,
    ],
    [
      ['--workload', 'gpu', '--types', 'm5.xlarge'],
      3,
      /a GPU workload needs GPU instance types; m5\.xlarge has none/,
    ],
    [['--pod-gpus', '2'], 3, /a pod needs 2 GPU; it cannot fit on g4dn\.xlarge \(1 GPU\)/],
  ])('rejects %j with exit %i and a next step', async (extra, code, message) => {
    const args = ['--yes', '--offline', '--region', 'us-east-1', '--cluster-name', 'demo', '--no-suggested'];
    if (!extra.includes('--types')) args.push('--types', 'g4dn.xlarge');
    const result = await runCommand(Init, [...args, ...extra]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(existsSync(join(cwd, 'spotctl-output'))).toBe(false);
  });
});

describeShared('spotctl init, scripted', () => {
  // v1alpha5's defaults (ttlSecondsAfterEmpty 30, NTH in IMDS mode) are the seed's: no flag needed for them.
  it('reproduces the seed scenario: --dry-run prints what the blog meant, nothing is written', async () => {
    const result = await runCommand(Init, [...SEED_FLAGS, '--dry-run']);
    expect(result.code).toBe(0);
    expect(existsSync(join(cwd, 'spotctl-output'))).toBe(false);
    // The Provisioner is the whole stream; the NTH values are Helm's, so they are on stderr.
    const provisioner = result.stdout.replace(/^---\n# Source: spotctl-output\/provisioner\.yaml\n/, '');
    const nth = result.stderr.split(/^# spotctl-output\/nth-values\.yaml: Helm values.*\n/m)[1]!;
    const golden = (name: string) =>
      readFileSync(join(repoRoot, 'test/core/emit/golden/seed', name), 'utf8')
        .split('\n')
        .slice(1)
        .join('\n');
    // The first line carries today's date and the data source; the rest is the golden file.
    expect(provisioner.split('\n')[0]).toMatch(
      /^# Generated by spotctl \d+\.\d+\.\d+ on \d{4}-\d{2}-\d{2} from bundled data from \d{4}-\d{2}-\d{2}, ap-southeast-1\.$/,
    );
    expect(provisioner.split('\n').slice(1).join('\n')).toBe(golden('provisioner.yaml'));
    expect(nth.split('\n').slice(1).join('\n')).toBe(golden('nth-values.yaml'));
    expect(result.stderr).toMatch(
      /warning: Karpenter 0\.19 and later handles interruptions natively .* drain loop on rebalance/,
    );
  });

  it('--yes --json writes valid files, prints what was written, and never overwrites without --force', async () => {
    // Given a GPU seed and --yes / When init runs / Then it writes v1 files with the suggestions added
    const args = [
      '--yes',
      '--offline',
      '--region',
      'us-east-1',
      '--cluster-name',
      'demo',
      '--types',
      'g4dn.xlarge,g4dn.2xlarge',
      '--json',
    ];
    const first = await runCommand(Init, args);
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json).toMatchObject({ written: true, dryRun: false, outputDir: 'spotctl-output' });
    expect(json.files.map((f: { path: string }) => f.path)).toEqual([
      'spotctl-output/ec2nodeclass.yaml',
      'spotctl-output/nodepool.yaml',
      'spotctl-output/karpenter-values.yaml',
    ]);
    expect(json.addedTypes.length).toBeGreaterThan(0); // --yes accepts the pre-selected suggestions
    expect(json.nextCommands[0]).toBe(
      'kubectl apply -f spotctl-output/ec2nodeclass.yaml -f spotctl-output/nodepool.yaml',
    );
    for (const name of ['ec2nodeclass.yaml', 'nodepool.yaml']) {
      for (const doc of docsIn(join(cwd, 'spotctl-output', name))) expect(manifestProblems(doc)).toEqual([]);
    }
    const pool = docsIn(join(cwd, 'spotctl-output', 'nodepool.yaml'))[0] as {
      spec: { template: { spec: { requirements: Array<{ values: string[] }> } } };
    };
    expect(pool.spec.template.spec.requirements[1]!.values).toEqual([
      'g4dn.xlarge',
      'g4dn.2xlarge',
      ...json.addedTypes,
    ]);
    expect(parse(readFileSync(join(cwd, 'spotctl-output', 'karpenter-values.yaml'), 'utf8'))).toEqual({
      settings: { clusterName: 'demo', interruptionQueue: 'demo' },
    });

    // When it runs again over the same directory / Then it refuses, naming every file, and keeps them
    const before = readFileSync(join(cwd, 'spotctl-output', 'nodepool.yaml'), 'utf8');
    const base = ['--yes', '--offline', '--region', 'us-east-1', '--cluster-name', 'demo', '--no-suggested'];
    const again = await runCommand(Init, [...base, '--types', 'm5.xlarge']);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(
      /^Error: refusing to overwrite spotctl-output\/ec2nodeclass\.yaml, spotctl-output\/nodepool\.yaml, spotctl-output\/karpenter-values\.yaml\n→ Pass --force/m,
    );
    expect(readFileSync(join(cwd, 'spotctl-output', 'nodepool.yaml'), 'utf8')).toBe(before);

    // When --force is given / Then it replaces them and prints the commands to apply them
    const forced = await runCommand(Init, [...base, '--types', 'm5.xlarge', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, 'spotctl-output', 'nodepool.yaml'), 'utf8')).toContain('m5.xlarge');
    expect(forced.stdout).toContain(
      'Next:\n  kubectl apply -f spotctl-output/ec2nodeclass.yaml -f spotctl-output/nodepool.yaml\n  helm upgrade karpenter',
    );
  });
});

describeShared('spotctl init with live AWS (local endpoint)', () => {
  it('prices and suggests from EC2 and Pricing, and says so in every file', async () => {
    const server = await AwsTestServer.start();
    try {
      installWorld(server);
      const result = await runCommand(
        Init,
        [
          '--yes',
          '--region',
          'us-east-1',
          '--cluster-name',
          'demo',
          '--types',
          'g4dn.xlarge,g4dn.2xlarge',
          '--dry-run',
          '--json',
          '--endpoint-url',
          server.url,
        ],
        { env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } },
      );
      expect(result.stderr).not.toMatch(/Error/);
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout);
      expect(json.source.kind).toBe('live');
      expect(server.count('DescribeSpotPriceHistory')).toBeGreaterThan(0);
      for (const file of json.files as Array<{ path: string; content: string }>) {
        expect(file.content.split('\n')[0]).toMatch(
          new RegExp(
            `^# Generated by spotctl \\S+ on \\d{4}-\\d{2}-\\d{2} from ${json.source.description.replace(/[()]/g, '\\$&')}\\.$`,
          ),
        );
        if (file.path.endsWith('nodepool.yaml') || file.path.endsWith('ec2nodeclass.yaml')) {
          for (const doc of parseAllDocuments(file.content)) expect(manifestProblems(doc.toJS())).toEqual([]);
        }
      }
    } finally {
      await server.close();
    }
  });
});

describe('spotctl init refuses what the API server would reject', () => {
  it('a Windows alias pinned to a version: exit 3 in the server’s words, and no file written', async () => {
    // Given a value the flag's own check lets through but a CEL rule of the v1 EC2NodeClass rejects
    const dir = join(tempDir(), 'out');
    const result = await runCommand(Init, [
      '--yes',
      '--offline',
      '--region',
      'us-east-1',
      '--cluster-name',
      'demo',
      '--types',
      'm5.large',
      '--ami-alias',
      'windows2022@v20240101',
      '-d',
      dir,
    ]);
    // Then init refuses before writing anything
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /the API server would reject EC2NodeClass\/default: spec\.amiSelectorTerms\[0\]\.alias: .*windows families may only specify version 'latest'; nothing was written/,
    );
    expect(existsSync(dir)).toBe(false);
  });
});
