/**
 * `spotctl init` as the real binary: its exit without a terminal (at once, never waiting, loading neither
 * the prompts nor the AWS SDK), one full scripted run, and interactive sessions in a pseudo-terminal
 * (util-linux `script`) answering the real prompts, including Ctrl-C. Everything else about init runs
 * in-process: test/commands/init.test.ts, test/core/init/*.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

import { AwsTestServer } from '../helpers/aws-server.js';
import { installWorld } from '../helpers/aws-world.js';
import { isolatedEnv, runCli } from '../helpers/cli.js';
import { manifestProblems } from '../helpers/crd-schema.js';
import { importEnv, newImportLog, runCliImports } from '../helpers/imports.js';
import { describeShared, hasShared, repoRoot } from '../helpers/shared.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'spotctl-init-'));
const docsIn = (path: string) =>
  parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => doc.toJS() as Record<string, unknown>);

// A wait would last until the test's 5 s kill; a start-up on a loaded 2-core machine takes up to ~1 s.
const STARTUP_BOUND_MS = 2500;

describe('spotctl init without a terminal', () => {
  it('fails fast — at start-up, never waiting — naming the flags to pass', async () => {
    const result = await runCli(['init', '--region', 'us-east-1'], {
      timeoutMs: 5000,
      env: { KUBECONFIG: '/nonexistent/kubeconfig' },
    });
    expect(result.code).toBe(2);
    expect(result.durationMs).toBeLessThan(STARTUP_BOUND_MS);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Error: init needs a terminal to ask its questions, or --yes to take the defaults\n' +
        '→ Pass --cluster-name and --yes (the other questions take their defaults; see --help for their flags).\n',
    );
  });

  it('does not wait on a stdin pipe that stays open (a CI job), and loads neither prompts nor the AWS SDK', async () => {
    const log = newImportLog();
    const child = spawn(process.execPath, [join(repoRoot, 'bin/run.js'), 'init', '--region', 'us-east-1'], {
      env: isolatedEnv(importEnv(log)),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const started = Date.now();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await new Promise((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(Date.now() - started).toBeLessThan(STARTUP_BOUND_MS);
    const modules = readFileSync(log, 'utf8');
    expect(modules).toContain('commands/init.js');
    expect(modules).not.toMatch(/@inquirer|@aws-sdk|@smithy/);
    // Nor the analysis, the YAML library or the lint rules: a run that cannot go on pays for none of them.
    expect(modules).not.toMatch(/node_modules\/yaml\/|core\/init\/plan\.js|core\/lint\//);
  });

  it('fails fast under --json too, with the error as JSON', async () => {
    const result = await runCli(['init', '--json'], { timeoutMs: 5000 });
    expect(result.code).toBe(2);
    expect(result.durationMs).toBeLessThan(STARTUP_BOUND_MS);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'NOT_INTERACTIVE', exitCode: 2 });
  });
});

describeShared('spotctl init, scripted', () => {
  it('a scripted run loads neither the prompts nor (offline) the AWS SDK, and the CEL engine as one module', async () => {
    const result = await runCliImports([
      'init',
      '--yes',
      '--offline',
      '--region',
      'us-east-1',
      '--cluster-name',
      'demo',
      '--types',
      'm5.xlarge',
      '--dry-run',
    ]);
    expect(result.code).toBe(0);
    const modules = result.modules.join('\n');
    expect(modules).toContain('core/emit/init-files.js');
    expect(modules).not.toMatch(/@inquirer|prompts\/init-wizard|@aws-sdk|@smithy/);
    // And the CRD rules it checks its manifests against run on the CEL engine the build inlined into one
    // module, not on the ~440 modules of the package (~60 ms of every init, lint and convert start-up)
    expect(modules).toContain('core/manifests/crd/cel.js');
    expect(modules).not.toMatch(/node_modules\/@bufbuild\//);
  });

  it('one full run: --yes writes valid files in the working directory and names the next commands', async () => {
    // Given a fresh directory / When the real binary runs with --yes / Then exit 0 and valid manifests
    const cwd = tempDir();
    const result = await runCli(
      [
        'init',
        '--yes',
        '--offline',
        '--region',
        'us-east-1',
        '--cluster-name',
        'demo',
        '--types',
        'g4dn.xlarge',
      ],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Wrote spotctl-output\/ec2nodeclass\.yaml, spotctl-output\/nodepool\.yaml, /,
    );
    expect(result.stdout).toContain(
      'kubectl apply -f spotctl-output/ec2nodeclass.yaml -f spotctl-output/nodepool.yaml',
    );
    for (const name of ['ec2nodeclass.yaml', 'nodepool.yaml']) {
      for (const doc of docsIn(join(cwd, 'spotctl-output', name))) expect(manifestProblems(doc)).toEqual([]);
    }
  });
});

/** A pseudo-terminal session: `script` gives the CLI a TTY; we answer prompts as they appear. */
class TerminalSession {
  private output = '';
  private mark = 0;
  private readonly child;
  readonly exited: Promise<number | null>;

  constructor(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
    const command = [process.execPath, join(repoRoot, 'bin/run.js'), ...args].map((a) => `'${a}'`).join(' ');
    this.child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      // No kubectl context of this machine: the cluster name default is then the getting-started one.
      env: isolatedEnv({ TERM: 'xterm', COLUMNS: '200', KUBECONFIG: '/nonexistent/kubeconfig', ...env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const collect = (data: Buffer) => (this.output += data.toString('utf8'));
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('close', resolve));
  }

  /** Wait for a prompt (matched after the last one), then type the answer. */
  async answer(prompt: RegExp, keys: string): Promise<void> {
    await this.waitFor(prompt);
    this.child.stdin.write(keys);
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      // Matched on the text without colour and cursor codes, so a coloured prompt reads the same.
      const match = pattern.exec(this.text.slice(this.mark));
      if (match) {
        this.mark += match.index + match[0].length;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no ${pattern} within ${timeoutMs} ms; screen:\n${this.text.slice(-2000)}`);
  }

  /** The session without terminal control sequences. */
  get text(): string {
    // eslint-disable-next-line no-control-regex
    return this.output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  }
}

const hasScript = spawnSync('script', ['--version']).status === 0;
const ENTER = '\r';
const UP = '\u001b[A';

(hasScript ? describe : describe.skip)('spotctl init in a terminal', () => {
  it('asks every question in order, shows prices and suggestions, writes valid files', async () => {
    const cwd = tempDir();
    const term = new TerminalSession(['init', '--offline', '--region', 'us-east-1'], cwd);
    await term.answer(/\? EKS cluster name/, `demo${ENTER}`);
    await term.answer(/\? Workload/, UP + ENTER);
    await term.answer(/\? GPUs per pod/, ENTER);
    await term.answer(/\? vCPUs per pod/, ENTER);
    await term.answer(/\? Memory per pod/, ENTER);
    await term.answer(/\? Instance types or families/, `g4dn.xlarge,g4dn.2xlarge${ENTER}`);
    await term.waitFor(/Spot prices in us-east-1/);
    await term.waitFor(/TYPE +ZONES +SPOT NOW/);
    // Keep the first suggestion only: the list starts pre-selected, space unselects the rest.
    await term.answer(/\? Add these types too\?/, `i ${ENTER}`);
    await term.answer(/\? Capacity strategy/, ENTER);
    await term.answer(/\? How should On-Demand back up Spot\?/, `\u001b[B${ENTER}`);
    await term.answer(/\? Pool limit: total vCPUs/, ENTER);
    await term.answer(/\? Pool limit: total memory/, ENTER);
    await term.answer(/\? Pool limit: total GPUs/, `\u0015200${ENTER}`);
    await term.answer(/\? Karpenter API version/, ENTER);
    await term.answer(/\? Interruption handling/, ENTER);
    await term.answer(
      /\? Interruption queue NAME/,
      `\u0015arn:aws:sqs:us-east-1:123456789012:demo-q${ENTER}`,
    );
    await term.waitFor(/Karpenter wants the queue’s name, not its ARN: use demo-q/);
    // Clear the line and type the name the error suggested.
    await term.answer(/./, `\u0015demo-q${ENTER}`);
    await term.answer(/\? Output directory/, ENTER);
    await term.waitFor(/Summary/);
    await term.answer(/\? Write these files\?/, ENTER);
    expect(await term.exited).toBe(0);

    expect(term.text).toMatch(
      /NodePools +gpu-spot \(spot, weight 100\); gpu-on-demand \(on-demand, weight 1\)/,
    );
    expect(term.text).toContain(
      'kubectl apply -f spotctl-output/ec2nodeclass.yaml -f spotctl-output/nodepool.yaml',
    );
    const pools = docsIn(join(cwd, 'spotctl-output', 'nodepool.yaml'));
    expect(pools.map((p) => (p.metadata as { name: string }).name)).toEqual(['gpu-spot', 'gpu-on-demand']);
    // Schema validation reads the real CRDs in ../shared; without them the wizard flow is still tested.
    if (hasShared) {
      for (const doc of [...pools, ...docsIn(join(cwd, 'spotctl-output', 'ec2nodeclass.yaml'))]) {
        expect(manifestProblems(doc)).toEqual([]);
      }
    }
    const spot = pools[0] as {
      spec: { limits: object; template: { spec: { requirements: Array<{ values: string[] }> } } };
    };
    expect(spot.spec.limits).toEqual({ cpu: 1000, memory: '1000Gi', 'nvidia.com/gpu': 200 });
    expect(spot.spec.template.spec.requirements[1]!.values).toHaveLength(3); // two seeds + the one suggestion kept
    expect(parse(readFileSync(join(cwd, 'spotctl-output', 'karpenter-values.yaml'), 'utf8'))).toMatchObject({
      settings: { interruptionQueue: 'demo-q' },
    });
  }, 90_000); // a whole terminal session: generous on a busy machine

  it('Enter alone, from a fresh directory, writes a valid general-purpose Spot pool', async () => {
    // Given a new user with no Region, no cluster and no types in mind / When every question gets Enter /
    // Then files are written, and they pass the CRDs
    const cwd = tempDir();
    const term = new TerminalSession(['init', '--offline'], cwd);
    for (const prompt of [
      /\? AWS Region of the cluster/,
      /\? EKS cluster name/,
      /\? Workload/,
      /\? vCPUs per pod/,
      /\? Memory per pod/,
      /\? Instance types or families/,
      /\? Capacity strategy/,
      /\? How should On-Demand back up Spot\?/,
      /\? Pool limit: total vCPUs/,
      /\? Pool limit: total memory/,
      /\? Karpenter API version/,
      /\? Interruption handling/,
      /\? Interruption queue NAME/,
      /\? Output directory/,
      /\? Write these files\?/,
    ]) {
      await term.answer(prompt, ENTER);
    }
    expect(await term.exited).toBe(0);
    expect(term.text).toMatch(/Instance types +any c, m, r type of generation 3 or later/);
    expect(term.text).toContain('spotctl lint: no findings in these files.');
    const pool = docsIn(join(cwd, 'spotctl-output', 'nodepool.yaml'))[0] as {
      spec: { template: { spec: { requirements: Array<{ key: string; values: string[] }> } } };
    };
    expect(pool.spec.template.spec.requirements).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['2'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
    ]);
    const nodeClass = docsIn(join(cwd, 'spotctl-output', 'ec2nodeclass.yaml'))[0] as {
      spec: { role: string };
    };
    expect(nodeClass.spec.role).toBe('KarpenterNodeRole-karpenter-demo');
    if (hasShared) {
      for (const doc of [pool, nodeClass]) expect(manifestProblems(doc)).toEqual([]);
    }
  }, 90_000); // a whole terminal session: generous on a busy machine

  it('a bad answer is asked again with the reason, not fatal', async () => {
    // Given a GPU workload / When the user names a type without a GPU / Then the question comes back
    const cwd = tempDir();
    const term = new TerminalSession(
      ['init', '--offline', '--region', 'us-east-1', '--cluster-name', 'demo'],
      cwd,
    );
    await term.answer(/\? Workload/, UP + ENTER);
    await term.answer(/\? GPUs per pod/, ENTER);
    await term.answer(/\? vCPUs per pod/, ENTER);
    await term.answer(/\? Memory per pod/, ENTER);
    await term.answer(/\? Instance types or families/, `m5.xlarge${ENTER}`);
    await term.answer(
      /a GPU workload needs GPU instance types; m5\.xlarge has none/,
      `\u0015g4dn.xlargee${ENTER}`,
    );
    await term.answer(/did you mean g4dn\.xlarge/, `\u0015g4dn.xlarge${ENTER}`);
    await term.answer(/\? Add these types too\?/, '\u0003');
    expect(await term.exited).toBe(130);
    expect(term.text).not.toMatch(/Error|at .*\.js:\d+/);
  }, 90_000); // a whole terminal session: generous on a busy machine

  // The local AWS endpoint replays real responses from ../shared.
  it.skipIf(!hasShared)(
    'says what it is waiting for while AWS answers the seed analysis',
    async () => {
      // Given live AWS that takes its time / When the wizard prices the types / Then a spinner says so
      const server = await AwsTestServer.start({ latencyMs: 150 });
      try {
        installWorld(server);
        const cwd = tempDir();
        const term = new TerminalSession(
          ['init', '--region', 'us-east-1', '--cluster-name', 'demo', '--endpoint-url', server.url],
          cwd,
          { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: undefined },
        );
        await term.answer(/\? Workload/, ENTER);
        await term.answer(/\? vCPUs per pod/, ENTER);
        await term.answer(/\? Memory per pod/, ENTER);
        await term.answer(/\? Instance types or families/, `g4dn.xlarge${ENTER}`);
        await term.waitFor(
          /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Reading Spot prices and ranking other types(?: — [^…\n]*)?…/,
          30_000,
        );
        await term.answer(/\? Add these types too\?/, '\u0003');
        expect(await term.exited).toBe(130);
      } finally {
        await server.close();
      }
    },
    90_000,
  ); // a whole terminal session: generous on a busy machine

  it('Ctrl-C exits 130, quietly, writing nothing', async () => {
    const cwd = tempDir();
    const term = new TerminalSession(['init', '--offline', '--region', 'us-east-1'], cwd);
    await term.answer(/\? EKS cluster name/, 'dem\u0003');
    expect(await term.exited).toBe(130);
    expect(term.text).not.toMatch(/Error|at .*\.js:\d+/);
    expect(existsSync(join(cwd, 'spotctl-output'))).toBe(false);
  }, 90_000); // a whole terminal session: generous on a busy machine
});
