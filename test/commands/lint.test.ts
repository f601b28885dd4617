import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { spotctl } from '../helpers/spotctl.js';
import { describeShared, readShared, sharedPath } from '../helpers/shared.js';

const temp = () => mkdtempSync(join(tmpdir(), 'spotctl-lint-'));

describeShared('spotctl lint on real manifests', () => {
  const seed = sharedPath('fixtures/seed/provisioner.v1alpha5.yaml');

  it('reports the seed’s two errors as file:line:col severity rule-id message and exits 1', async () => {
    const { code, stdout, stderr } = await spotctl(['lint', seed, '--offline', '--region', 'ap-southeast-1']);
    expect(code).toBe(1);
    const lines = stdout.split('\n').filter((line) => line.startsWith(seed));
    expect(lines).toContain(
      `${seed}:9:22 error capacity-type-value capacity type "On-demand" is not one Karpenter accepts, so it selects nothing`,
    );
    expect(lines).toContain(
      `${seed}:18:6 error limit-resource-name limit "gpu" is not a resource Karpenter counts, so this limit never applies (did you mean nvidia.com/gpu?)`,
    );
    expect(stderr).toMatch(/2 errors, 3 warnings, 1 info in 1 file; 2 fixable with --fix/);
  });

  it('--json gives {findings:[{file,line,column,ruleId,severity,message,fix}]}', async () => {
    const { code, stdout } = await spotctl(['lint', seed, '--offline', '--json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as {
      findings: Array<Record<string, unknown>>;
      summary: { counts: { error: number } };
    };
    expect(json.summary.counts.error).toBe(2);
    expect(json.findings.find((f) => f.ruleId === 'capacity-type-value')).toEqual({
      file: seed,
      line: 9,
      column: 22,
      ruleId: 'capacity-type-value',
      severity: 'error',
      message: 'capacity type "On-demand" is not one Karpenter accepts, so it selects nothing',
      fix: 'Write "on-demand".',
      fixable: true,
    });
  });

  it('--fix rewrites only the two values, keeps every other byte, and then passes', async () => {
    const dir = temp();
    const file = join(dir, 'provisioner.yaml');
    const original = `# the blog's Provisioner\n${readShared('fixtures/seed/provisioner.v1alpha5.yaml')}`;
    writeFileSync(file, original);
    const { code, stderr } = await spotctl(['lint', file, '--offline', '--fix']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/fixed 2 problems in/);
    expect(readFileSync(file, 'utf8')).toBe(
      original.replace('"On-demand"', '"on-demand"').replace(' gpu: 100', ' nvidia.com/gpu: 100'),
    );
  });

  it('--format sarif writes a SARIF 2.1.0 log', async () => {
    const { code, stdout } = await spotctl(['lint', seed, '--offline', '--format', 'sarif']);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string; level: string }> }>;
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.filter((r) => r.level === 'error').map((r) => r.ruleId)).toEqual([
      'capacity-type-value',
      'limit-resource-name',
    ]);
  });

  it('the upstream v1 examples lint without errors (only advice) and exit 0, and the transition rules are a note', async () => {
    const { code, stdout, stderr } = await spotctl([
      'lint',
      sharedPath('reference/karpenter-crds/examples-v1-v1.14.1'),
      '--offline',
      '--region',
      'us-west-2',
      '--json',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { findings: Array<{ ruleId: string }>; notes: string[] };
    // Linted together, the Spot-only examples have the On-Demand pools of the others as fallback.
    expect([...new Set(json.findings.map((f) => f.ruleId))]).toEqual(['limits-missing']);
    expect(stderr).toMatch(/^3 transition rules of these CRDs \(oldSelf\) not checked: /m);
    expect(json.notes.filter((n) => n.includes('Deployment'))).toHaveLength(2);
    // Skipped documents are said on stderr too, so stdout stays pure JSON.
    expect(stderr).toMatch(
      /workload-spot\.yaml: Deployment \(apps\/v1\) is not a Karpenter manifest, skipped/,
    );
  });

  it('reads stdin with -', async () => {
    const { code, stdout } = await spotctl(['lint', '-', '--offline', '--json'], {
      input: readShared('fixtures/seed/provisioner.v1alpha5.yaml'),
    });
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { findings: Array<{ file: string }> }).findings[0]!.file).toBe('-');
  });
});

describe('spotctl lint bad input', () => {
  it('malformed YAML is an error finding at its position', async () => {
    const dir = temp();
    writeFileSync(
      join(dir, 'bad.yaml'),
      'apiVersion: karpenter.sh/v1\nkind: NodePool\nspec:\n  limits: {cpu: 10\n',
    );
    const { code, stdout } = await spotctl(['lint', dir, '--offline']);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^${join(dir, 'bad.yaml')}:\\d+:\\d+ error yaml-syntax `, 'm'));
  });

  it('an alias bomb is refused quickly', async () => {
    const dir = temp();
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      rows.push(
        `${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10)
          .fill(`*${'abcdefgh'[i - 1]}`)
          .join(', ')}]`,
      );
    writeFileSync(join(dir, 'bomb.yaml'), `${rows.join('\n')}\n`);
    const { code, stdout, durationMs } = await spotctl(['lint', join(dir, 'bomb.yaml'), '--offline']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/:1:1 error yaml-alias-limit YAML aliases expand past 100 references/);
    expect(durationMs).toBeLessThan(10_000);
  });

  it.each([
    {
      name: 'a missing path',
      setup: (dir: string) => join(dir, 'nope.yaml'),
      code: 3,
      stderr: /no such file or directory/,
    },
    {
      name: 'only non-Karpenter documents',
      setup: (dir: string) => {
        writeFileSync(
          join(dir, 'deploy.yaml'),
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
        );
        writeFileSync(join(dir, 'notes.txt'), 'hello');
        return dir;
      },
      code: 3,
      stderr: /Deployment \(apps\/v1\) is not a Karpenter manifest, skipped[\s\S]*no Karpenter manifests/,
    },
    {
      name: 'an empty file',
      setup: (dir: string) => {
        writeFileSync(join(dir, 'empty.yaml'), '');
        return join(dir, 'empty.yaml');
      },
      code: 3,
      stderr: /empty file, nothing to read/,
    },
  ])('$name → exit $code with a clear message', async ({ setup, code, stderr }) => {
    const result = await spotctl(['lint', setup(temp()), '--offline']);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(stderr);
    expect(result.stderr).toMatch(/→ /);
  });

  it('an unknown --disable rule is a usage error with the nearest id', async () => {
    const { code, stderr } = await spotctl(['lint', '-', '--disable', 'capacity-type-valu'], {
      input: 'kind: x',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/Did you mean capacity-type-value\?/);
  });
});
