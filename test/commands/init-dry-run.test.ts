/**
 * `init --dry-run | kubectl apply -f -` must work: stdout is a multi-document YAML stream of Kubernetes
 * objects only, each under `# Source: <file>`, and every object passes the real CRD schemas and rules.
 * The Helm values never enter the stream; they follow on stderr.
 */
import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import Init from '../../src/commands/init.js';
import { manifestProblems } from '../helpers/crd-schema.js';
import { runCommand } from '../helpers/run-command.js';
import { describeShared } from '../helpers/shared.js';

const BASE = ['--yes', '--offline', '--region', 'us-east-1', '--cluster-name', 'demo', '--dry-run'];

/** What `kubectl apply -f -` would read: every document of the stream, and the `# Source` line above it. */
function stream(stdout: string) {
  const docs = parseAllDocuments(stdout);
  const sources = [...stdout.matchAll(/^---\n# Source: (\S+)\n/gm)].map((match) => match[1]);
  expect(sources).toHaveLength(docs.length);
  return docs.map((doc, i) => ({
    errors: doc.errors.map((error) => error.message),
    source: sources[i],
    object: doc.toJS() as Record<string, unknown>,
  }));
}

describeShared('init --dry-run is what kubectl apply -f - takes', () => {
  it.each([
    ['v1, GPU, one pool, native interruptions', ['--types', 'g4dn.xlarge,g4dn.2xlarge']],
    ['v1, weighted Spot and On-Demand pools', ['--types', 'm5.xlarge', '--fallback', 'weighted-pools']],
    [
      'v1, NTH queue mode',
      [
        '--types',
        'm5.xlarge',
        '--interruption',
        'nth-queue',
        '--nth-queue-url',
        'https://sqs.us-east-1.amazonaws.com/123456789012/nth',
      ],
    ],
    ['v1alpha5 with an AWSNodeTemplate', ['--types', 'g4dn.xlarge', '--api', 'v1alpha5']],
    [
      'v1alpha5 with an inline provider, weighted pools',
      ['--types', 'm5.xlarge', '--api', 'v1alpha5', '--inline-provider', '--fallback', 'weighted-pools'],
    ],
    [
      'v1 by families and sizes',
      ['--families', 'm6i,m7i', '--sizes', 'xlarge,2xlarge', '--capacity', 'spot'],
    ],
  ])('%s', async (_, extra) => {
    // Given a scripted dry run / When its stdout is read as kubectl would / Then only valid objects
    const result = await runCommand(Init, [...BASE, ...extra]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('---\n# Source: spotctl-output/')).toBe(true);
    const docs = stream(result.stdout);
    expect(docs.length).toBeGreaterThanOrEqual(2);
    for (const doc of docs) {
      expect(doc.errors).toEqual([]);
      expect(doc.source, JSON.stringify(doc.object).slice(0, 80)).toMatch(/^spotctl-output\/\w+\.yaml$/);
      expect(Object.keys(doc.object)).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata']));
      expect(manifestProblems(doc.object), `${doc.source} ${String(doc.object.kind)}`).toEqual([]);
    }
    // No duplicate keys can hide in one document: each object is one kind with one name.
    expect(
      new Set(docs.map((d) => `${d.object.kind}/${(d.object.metadata as { name: string }).name}`)).size,
    ).toBe(docs.length);
    // The Helm values are on stderr, named, and never in the stream.
    expect(result.stdout).not.toMatch(/settings:|enableSpotInterruptionDraining|queueURL/);
    expect(result.stderr).toMatch(
      /^# spotctl-output\/(karpenter|nth)-values\.yaml: Helm values, not for kubectl/m,
    );
  });
});
