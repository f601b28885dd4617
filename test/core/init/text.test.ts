/**
 * What `spotctl init` prints without --json once it has finished: a dry run, a write, a run stopped at the
 * confirmation.
 */
import { describe, expect, it } from 'vitest';

import { ansiStyle, plainStyle } from '../../../src/core/format/style.js';
import { buildInitConfig } from '../../../src/core/init/build-config.js';
import type { InitOutcome } from '../../../src/core/init/plan.js';
import { renderInitOutcome } from '../../../src/core/init/text.js';
import type { InitAnswers } from '../../../src/core/init/types.js';
import { factsFor } from '../emit/fixtures.js';

const ANSWERS: InitAnswers = { region: 'us-east-1', clusterName: 'demo', types: ['g4dn.xlarge'] };

async function outcome(state: { written: boolean; dryRun: boolean }): Promise<InitOutcome> {
  const { config } = buildInitConfig(ANSWERS, await factsFor(ANSWERS.types!));
  const file = (path: string, role: 'manifest' | 'karpenter-values', parts: string[]) => ({
    path,
    role,
    parts,
    content: parts.join('---\n'),
  });
  const files = [
    file('out/ec2nodeclass.yaml', 'manifest', ['# header\nkind: EC2NodeClass\n']),
    file('out/nodepool.yaml', 'manifest', ['# header\nkind: NodePool\n', 'kind: NodePool\n']),
    file('out/karpenter-values.yaml', 'karpenter-values', ['# header\nsettings: {}\n']),
  ];
  return {
    output: {
      ...state,
      outputDir: 'out',
      files: files.map((file) => ({
        path: file.path,
        role: file.role,
        bytes: file.content.length,
      })),
      nextCommands: ['kubectl apply -f out/ec2nodeclass.yaml -f out/nodepool.yaml'],
      warnings: ['the queue must exist', 'a config note'],
      config,
      addedTypes: [],
      source: { kind: 'bundled', description: 'bundled data', generatedAt: '2025-01-01T00:00:00Z' },
      lint: [],
    },
    files,
    fileWarnings: ['the queue must exist'],
  };
}

const styles = { stdout: plainStyle, stderr: plainStyle };

describe('renderInitOutcome', () => {
  it('a dry run: Kubernetes objects only on stdout, each under # Source; warnings and Helm values on stderr', async () => {
    // Given a dry run of two manifest files and a values file / When displayed / Then stdout is what
    // `kubectl apply -f -` takes, and the values never enter it
    expect(renderInitOutcome(await outcome({ written: false, dryRun: true }), styles)).toEqual({
      stdout:
        '---\n# Source: out/ec2nodeclass.yaml\n# header\nkind: EC2NodeClass\n' +
        '---\n# Source: out/nodepool.yaml\n# header\nkind: NodePool\n' +
        '---\n# Source: out/nodepool.yaml\nkind: NodePool',
      stderr: [
        'warning: the queue must exist',
        '# out/karpenter-values.yaml: Helm values, not for kubectl (helm upgrade karpenter … -f out/karpenter-values.yaml)\n# header\nsettings: {}',
      ],
    });
  });

  it('a write: the files written and the commands that apply them (warnings were shown before writing)', async () => {
    expect(renderInitOutcome(await outcome({ written: true, dryRun: false }), styles)).toEqual({
      stderr: [],
      stdout:
        'Wrote out/ec2nodeclass.yaml, out/nodepool.yaml, out/karpenter-values.yaml\n\nNext:\n  kubectl apply -f out/ec2nodeclass.yaml -f out/nodepool.yaml',
    });
  });

  it('a run the user stopped at the confirmation prints nothing more', async () => {
    expect(renderInitOutcome(await outcome({ written: false, dryRun: false }), styles)).toEqual({
      stderr: [],
    });
  });

  it('styles each stream with its own style', async () => {
    const written = renderInitOutcome(await outcome({ written: true, dryRun: false }), {
      stdout: ansiStyle,
      stderr: plainStyle,
    });
    expect(written.stdout).toContain(ansiStyle.bold('Next:'));
    const dry = renderInitOutcome(await outcome({ written: false, dryRun: true }), {
      stdout: plainStyle,
      stderr: ansiStyle,
    });
    expect(dry.stderr[0]).toBe(ansiStyle.yellow('warning: the queue must exist'));
    expect(dry.stdout).not.toContain('\u001b');
  });
});
