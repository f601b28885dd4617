/**
 * Text from a user's files never becomes a GitHub Actions workflow command or a terminal escape sequence,
 * in any output format of any command that prints it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { spotctl } from '../helpers/spotctl.js';

const HOSTILE_NAME = 'x\n::error::boom\n::add-mask::secret';

const pool = (name: string) => `apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata:
  name: ${JSON.stringify(name)}
spec:
  requirements:
    - key: karpenter.sh/capacity-type
      operator: In
      values: ["On-demand"]
    - key: node.kubernetes.io/instance-type
      operator: In
      values: ["m5.large"]
  limits:
    resources:
      cpu: 100
`;

const file = (name: string, content: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'spotctl-hostile-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** Lines GitHub would run, other than spotctl's own annotations (which start `::error file=` etc.). */
const injected = (output: string) =>
  output.split('\n').filter((line) => /^\s*::/.test(line) && !/^::(?:error|warning|notice) file=/.test(line));

describe('a NodePool named "x\\n::error::boom"', () => {
  const manifest = file('pool.yaml', pool(HOSTILE_NAME));

  it.each([[[]], [['--format', 'github']], [['--format', 'sarif']], [['--json']]])(
    'lint %j starts no workflow command',
    async (extra) => {
      const { stdout, stderr } = await spotctl(['lint', manifest, '--offline', ...extra]);
      expect(stdout.length + stderr.length).toBeGreaterThan(0);
      expect(injected(stdout)).toEqual([]);
      expect(injected(stderr)).toEqual([]);
    },
  );

  it('quota-check under GITHUB_ACTIONS=true starts no workflow command but its own', async () => {
    const { stdout, stderr } = await spotctl(
      ['quota-check', manifest, '--offline', '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9'],
      {
        env: {
          GITHUB_ACTIONS: 'true',
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'y',
          SPOTCTL_AWS_TIMEOUT_MS: '1000',
        },
      },
    );
    expect(injected(stdout)).toEqual([]);
    expect(injected(stderr)).toEqual([]);
  });

  it('convert (the refusal naming it) starts no workflow command', async () => {
    // Given the hostile name, which v1 refuses: it is named on stderr, inert
    const { code, stderr } = await spotctl(['convert', manifest]);
    expect(code).toBe(1);
    expect(stderr).toContain('not converted:');
    expect(injected(stderr)).toEqual([]);
  });

  it('convert (notes and manifests) starts no workflow command', async () => {
    // Given a pool that converts, carrying the hostile text in an annotation (any value is allowed there)
    const text = pool('web').replace(
      'spec:\n',
      `spec:\n  annotations:\n    note: ${JSON.stringify(HOSTILE_NAME)}\n  providerRef: {name: web}\n`,
    );
    const { code, stdout, stderr } = await spotctl(['convert', file('pool.yaml', text)]);
    expect(code).toBe(0);
    expect(stdout).toContain('kind: NodePool');
    // And the value is printed faithfully, as one double-quoted line
    expect(stdout).toContain('note: "x\\n::error::boom\\n::add-mask::secret"');
    expect(injected(stdout)).toEqual([]);
    expect(injected(stderr)).toEqual([]);
  });
});

describe('a Karpenter log carrying workflow commands', () => {
  // An error record whose message and error hold escaped newlines, and a text line that is one
  const log = file(
    'karpenter.log',
    [
      JSON.stringify({
        level: 'ERROR',
        time: '2025-01-01T00:00:00Z',
        logger: 'controller',
        message: `zorp${HOSTILE_NAME}`,
        error: HOSTILE_NAME,
      }),
      '::error file=a.yaml::boom',
    ].join('\n'),
  );

  it.each([[[]], [['-o', 'wide']], [['--json']], [['-o', 'yaml']]])(
    'explain-logs %j under GITHUB_ACTIONS=true starts no workflow command',
    async (extra) => {
      const { code, stdout, stderr } = await spotctl(['explain-logs', log, ...extra], {
        env: { GITHUB_ACTIONS: 'true' },
      });
      expect(code).toBe(0);
      // The hostile record is reported (as unrecognised), so its text did reach the output
      expect(stdout).toContain('zorp');
      // explain-logs makes no annotations of its own: no line may start a workflow command at all
      const commands = (text: string) => text.split('\n').filter((line) => /^\s*::/.test(line));
      expect(commands(stdout)).toEqual([]);
      expect(commands(stderr)).toEqual([]);
    },
  );
});

describe('terminal escape sequences in YAML values', () => {
  it('are shown as escapes, never written raw', async () => {
    const manifest = file('pool.yaml', pool('title\u001b]0;pwned\u0007\u001b[2J'));
    const { stdout, stderr } = await spotctl(['lint', manifest, '--offline']);
    expect(stdout + stderr).not.toContain('\u001b');
    expect(stdout + stderr).not.toContain('\u0007');
  });
});
