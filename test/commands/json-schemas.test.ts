/**
 * Every command's --json output is a contract: it carries `schemaVersion` and validates against its
 * schema in schemas/ (generated from the types the commands return); so does the error object.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AwsTestServer } from '../helpers/aws-server.js';
import { installWorld } from '../helpers/aws-world.js';
import { describeShared, repoRoot, sharedPath } from '../helpers/shared.js';
import { spotctl } from '../helpers/spotctl.js';
import { nodePoolYaml } from '../fixtures/nodepools.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ReturnType<Ajv['compile']>>();
const validator = (id: string) => {
  let validate = compiled.get(id);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(repoRoot, 'schemas', `${id}.schema.json`), 'utf8')));
    compiled.set(id, validate);
  }
  return validate;
};

function expectValid(id: string, stdout: string) {
  const json = JSON.parse(stdout) as { schemaVersion?: number };
  const validate = validator(id);
  const valid = validate(json);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  expect(json.schemaVersion).toBe(1);
}

const dir = mkdtempSync(join(tmpdir(), 'spotctl-schemas-'));
const pool = join(dir, 'pool.yaml');
writeFileSync(
  pool,
  nodePoolYaml({
    capacity: ['spot'],
    types: ['g4dn.xlarge'],
    gpuTaint: true,
    limits: { 'nvidia.com/gpu': 8 },
  }),
);
const OFFLINE = ['--offline', '--region', 'us-east-1'];

describe('--json outputs against schemas/', () => {
  it.each([
    ['prices', ['prices', ...OFFLINE, '--types', 'm5.large']],
    ['suggest', ['suggest', ...OFFLINE, '--types', 'g4dn.xlarge']],
    ['lint', ['lint', pool, '--offline']],
    ['quota-check', ['quota-check', pool, ...OFFLINE, '--quota', 'L-3819A6DF=8']],
    ['convert', ['convert', pool]],
    ['init', ['init', '--yes', ...OFFLINE, '--cluster-name', 'demo', '--types', 'g4dn.xlarge', '--dry-run']],
    ['monitoring', ['monitoring', '--dry-run']],
    ['version', ['version']],
  ])('%s', async (id, args) => {
    const { stdout } = await spotctl([...args, '--json']);
    expectValid(id, stdout);
  });

  it('an error, from any command', async () => {
    const { code, stdout } = await spotctl(['prices', ...OFFLINE, '--types', 'm5.lrge', '--json']);
    expect(code).toBe(3);
    expectValid('error', stdout);
  });

  it('the check can fail: a wrong type is caught', () => {
    const validate = validator('version');
    expect(validate({ schemaVersion: 1, version: 1, node: 'v20', platform: 'x', bundledData: {} })).toBe(
      false,
    );
  });
});

describeShared('--json outputs against schemas/ on real data', () => {
  let server: AwsTestServer;
  beforeAll(async () => {
    server = await AwsTestServer.start();
    installWorld(server);
  });
  afterAll(() => server.close());

  it('explain-logs', async () => {
    const log = sharedPath('fixtures/karpenter-logs/awsblog_maxspot_v05.log');
    expectValid('explain-logs', (await spotctl(['explain-logs', log, '--json'])).stdout);
  });

  it('snapshot', async () => {
    const { stdout } = await spotctl(
      [
        'snapshot',
        '--region',
        'us-east-1',
        '--types',
        'm5.large',
        '--output-file',
        join(dir, 's.json'),
        '--endpoint-url',
        server.url,
        '--json',
      ],
      { env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } },
    );
    expectValid('snapshot', stdout);
  });
});
