/**
 * The built CLI, spawned with piped stdio (no TTY) and no AWS credentials, as a CI job would run it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { visibleLength } from '../../src/core/format/table.js';
import { spotctl } from '../helpers/spotctl.js';

describe('spotctl suggest (offline, bundled data)', () => {
  it('prints a ranked list, a paste-ready requirement and the data source under the title', async () => {
    const result = await spotctl(['suggest', '--offline', '--region', 'us-east-1', '--types', 'g4dn.xlarge']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 +g4dn\.xlarge \(seed\)/);
    expect(result.stdout).toContain('key: node.kubernetes.io/instance-type');
    expect(result.stdout.split('\n')[1]).toMatch(
      /^Data: bundled data from \d{4}-\d{2}-\d{2} \(.* old; Spot prices are estimates\)$/,
    );
    // No placement score offline, said once; Spot-to-Spot only as a condition
    expect(result.stdout.match(/placement scores come from live AWS only/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/info: If you enable Spot-to-Spot consolidation/);
    expect(result.stdout).not.toContain(String.fromCharCode(27)); // no colour without a TTY
  });

  it('-o yaml is the --json object; the text fits a terminal, -o wide shows every column', async () => {
    const args = [
      'suggest',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'm5.xlarge',
      '--capacity',
      'spot',
    ];
    const now = new Date('2026-12-01T00:00:00Z');
    const json = JSON.parse((await spotctl([...args, '--json'], { now })).stdout);
    expect(parse((await spotctl([...args, '-o', 'yaml'], { now })).stdout)).toEqual(json);
    expect(json.recommended).toHaveLength(21);
    expect(json.placement.status).toBe('offline');

    const narrow = await spotctl(args, { tty: { columns: 60 } });
    expect(narrow.stdout).toMatch(/RANKED AS, SAVINGS.* hidden to fit 60 columns/);
    const wide = await spotctl([...args, '-o', 'wide'], { tty: { columns: 60 } });
    expect(wide.stdout).toMatch(/ RANKED AS +SAVINGS /);
  });

  it('--json prints one object whose recommended list includes the seeds', async () => {
    const result = await spotctl([
      'suggest',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'm5.xlarge',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.recommended.map((t: { instanceType: string }) => t.instanceType)).toContain('m5.xlarge');
    expect(json.recommended[0]).toMatchObject({
      instanceType: expect.any(String),
      rank: 1,
      reasons: expect.any(Array),
    });
    expect(json.requirement.values).toEqual(
      json.recommended.map((t: { instanceType: string }) => t.instanceType),
    );
    expect(json.source.kind).toBe('bundled');
    expect(result.stderr).toBe(''); // --offline chosen: nothing to warn about
  });

  it('falls back to the bundled data without credentials, and says so on stderr', async () => {
    const result = await spotctl(['suggest', '--region', 'us-east-1', '--types', 'g4dn.xlarge', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/using bundled data from \d{4}-\d{2}-\d{2}; prices are estimates/);
    expect(JSON.parse(result.stdout).source.kind).toBe('bundled');
  });

  it('with --live and no credentials, says exactly what is missing (exit 4)', async () => {
    const result = await spotctl(['suggest', '--live', '--region', 'us-east-1', '--types', 'g4dn.xlarge']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^Error: --live needs AWS credentials/);
    expect(result.stderr).toContain('AWS_PROFILE');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('reproduces the seed scenario from a snapshot: g4dn.4xlarge cheaper than g4dn.xlarge is recommended, with why', async () => {
    // Given a snapshot of a market where g4dn.4xlarge's Spot price is below g4dn.xlarge's (as in the blog)
    const bundled = JSON.parse(
      readFileSync(new URL('../../src/data/bundled-snapshot.json', import.meta.url), 'utf8'),
    );
    const zones = ['ap-southeast-1a', 'ap-southeast-1b', 'ap-southeast-1c'];
    const types = ['g4dn.xlarge', 'g4dn.2xlarge', 'g4dn.4xlarge', 'g4dn.8xlarge'];
    const spot = {
      'g4dn.xlarge': 0.2208,
      'g4dn.2xlarge': 0.3156,
      'g4dn.4xlarge': 0.2022,
      'g4dn.8xlarge': 0.61,
    };
    const snapshot = {
      kind: 'spotctl-snapshot',
      schemaVersion: 1,
      generatedAt: '2022-04-12T00:00:00Z',
      generator: 'test',
      sources: [],
      instanceTypes: Object.fromEntries(types.map((t) => [t, bundled.instanceTypes[t]])),
      regions: {
        'ap-southeast-1': {
          zones: zones.map((name) => ({ name })),
          offerings: Object.fromEntries(types.map((t) => [t, zones])),
          spotPrices: Object.fromEntries(
            Object.entries(spot).map(([t, price]) => [
              t,
              zones.map((zone) => ({ zone, price, timestamp: '2022-04-11T00:00:00Z' })),
            ]),
          ),
          onDemandPrices: {
            'g4dn.xlarge': 0.736,
            'g4dn.2xlarge': 1.052,
            'g4dn.4xlarge': 1.685,
            'g4dn.8xlarge': 3.045,
          },
          spotAdvisor: {},
          notes: [],
        },
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-seed-'));
    const file = join(dir, 'market.json');
    writeFileSync(file, JSON.stringify(snapshot));
    // When
    const args = [
      'suggest',
      '--snapshot',
      file,
      '--region',
      'ap-southeast-1',
      '--types',
      'g4dn.xlarge,g4dn.2xlarge',
    ];
    const json = JSON.parse((await spotctl([...args, '--json'])).stdout);
    const human = await spotctl(args);
    // Then
    const fourXl = json.recommended.find((t: { instanceType: string }) => t.instanceType === 'g4dn.4xlarge');
    expect(fourXl).toMatchObject({ rank: 1, seed: false, spotPrice: 0.2022, quotaVcpusPerUnit: 16 });
    expect(fourXl.reasons.join(' ')).toContain('8% below g4dn.xlarge');
    expect(human.stdout).toMatch(
      /g4dn\.4xlarge: Spot \$0\.202\/h = \$0\.202\/GPU-h .* 8% below g4dn\.xlarge/,
    );
    expect(human.stdout).toContain('uses 16 vCPU of the G and VT quota per node — 4× the seeds per GPU');
    expect(json.source.kind).toBe('snapshot');
  });
});

describe('spotctl prices (offline, bundled data)', () => {
  it('prints one row per type of estimates, labelled as such, the price per unit, the grid and the data age', async () => {
    const result = await spotctl([
      'prices',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'g4dn.xlarge,g5.xlarge',
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Estimated Spot prices in us-east-1 \(On-Demand × \(1 − Spot Advisor savings\)/,
    );
    expect(lines[1]).toMatch(/^Data: bundled data from .* old; Spot prices are estimates\)$/);
    expect(lines[3]).toMatch(/^TYPE +ZONE +SPOT EST\. +PER GPU-H +ON-DEMAND +SAVINGS +INTERRUPTION$/);
    expect(lines[4]).toMatch(/^g4dn\.xlarge +5 zones, same price +\$0\.1894 +\$0\.1894 /);
    expect(result.stdout).not.toMatch(/MIN|MEAN|TREND|last 7 days/);
    expect(result.stdout).toContain('Availability by zone');
    expect(result.stdout.match(/Spot placement scores come from live AWS only/g)).toHaveLength(1);
  });

  it('-o wide gives a row per zone; a terminal gets a table that fits it; a pipe gets full lines', async () => {
    const args = ['prices', '--offline', '--region', 'us-east-1', '--types', 'g4dn.xlarge,m5.large'];
    const wide = await spotctl([...args, '-o', 'wide'], { tty: { columns: 40 } });
    expect(wide.stdout.match(/^g4dn\.xlarge +us-east-1[a-f] /gm)).toHaveLength(5);
    expect(wide.stdout).toMatch(/^TYPE +ZONE +SPOT EST\. +PER UNIT-H +ON-DEMAND +SAVINGS +INTERRUPTION$/m);

    const narrow = await spotctl(args, { tty: { columns: 60 } });
    for (const line of narrow.stdout.split('\n')) expect(visibleLength(line)).toBeLessThanOrEqual(60);
    // Prose that does not fit is wrapped with a hanging indent: read it joined.
    expect(narrow.stdout.replace(/\n\s+/g, ' ')).toMatch(/hidden to fit 60 columns; -o wide shows them/);

    const piped = await spotctl(args, { env: { COLUMNS: '40' } });
    expect(piped.stdout).toMatch(/^TYPE +ZONE +SPOT EST\. +PER UNIT-H +ON-DEMAND +SAVINGS +INTERRUPTION$/m);
  });

  it('--sort per-unit puts the cheapest per GPU or vCPU first', async () => {
    const result = await spotctl([
      'prices',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'g5.xlarge,g4dn.xlarge,g6.xlarge',
      '--sort',
      'per-unit',
      '--json',
    ]);
    const json = JSON.parse(result.stdout);
    const perGpu = json.types.map((t: { spotPerGpu: number }) => t.spotPerGpu);
    expect(perGpu).toEqual([...perGpu].sort((a: number, b: number) => a - b));
  });

  it('-o yaml is the JSON object as YAML; -o json is --json, errors included', async () => {
    const args = ['prices', '--offline', '--region', 'us-east-1', '--types', 'm5.large'];
    const now = new Date('2026-12-01T00:00:00Z');
    const json = JSON.parse((await spotctl([...args, '--json'], { now })).stdout);
    expect(parse((await spotctl([...args, '-o', 'yaml'], { now })).stdout)).toEqual(json);
    expect(JSON.parse((await spotctl([...args, '-o', 'json'], { now })).stdout)).toEqual(json);
    expect(json.placement).toMatchObject({ status: 'offline', instanceTypes: ['m5.large'] });
    expect(json.placementScores).toEqual([]);

    const bad = await spotctl([
      'prices',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'nope.large',
      '-o',
      'json',
    ]);
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).error).toMatchObject({ code: 'UNKNOWN_INSTANCE_TYPE' });
  });

  it('--json gives raw numbers per zone', async () => {
    const result = await spotctl([
      'prices',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'm5.large',
      '--json',
    ]);
    const json = JSON.parse(result.stdout);
    expect(json.types[0]).toMatchObject({
      instanceType: 'm5.large',
      vcpus: 2,
      onDemandPrice: expect.any(Number),
    });
    expect(json.types[0].zones[0]).toMatchObject({ latest: expect.any(Number), trend: expect.any(Array) });
  });

  it('says when a region has no price data rather than inventing it', async () => {
    const result = await spotctl(['prices', '--offline', '--region', 'eu-west-1', '--types', 'm5.large']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No price data for eu-west-1');
  });
});

describe('bad input: one line, a next step, a documented exit code', () => {
  it.each([
    [
      ['suggest', '--offline', '--region', 'us-east-1', '--types', 'g4dn.xlarg'],
      3,
      /^Error: unknown instance type g4dn\.xlarg/,
      /did you mean g4dn\.xlarge/,
    ],
    [
      ['prices', '--offline', '--region', 'us-east-9', '--types', 'm5.large'],
      3,
      /^Error: unknown AWS Region "us-east-9"/,
      /Did you mean us-east-1/,
    ],
    [
      ['prices', '--offline', '--region', 'sa-east-1', '--types', 'm5.large'],
      3,
      /has no data for region sa-east-1/,
      /spotctl snapshot --region sa-east-1/,
    ],
    [['prices', '--offline', '--types', 'm5.large'], 2, /^Error: no AWS Region given/, /--region/],
    [['prices', '--offline', '--region', 'us-east-1'], 2, /^Error: Missing required flag types/, /--help/],
    [
      ['prices', '--snapshot', '/nonexistent/snap.json', '--region', 'us-east-1', '--types', 'm5.large'],
      3,
      /cannot read snapshot \/nonexistent\/snap\.json: no such file/,
      /spotctl snapshot/,
    ],
    [
      ['suggest', '--offline', '--region', 'us-east-1'],
      2,
      /give seed instance types or requirements/,
      /--types g4dn\.xlarge/,
    ],
  ])('%j → exit %i', async (args, code, message, hint) => {
    const result = await spotctl(args as string[]);
    expect(result.code).toBe(code);
    const [first, ...rest] = result.stderr.trim().split('\n');
    expect(first).toMatch(message);
    expect(rest.join('\n')).toMatch(hint);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed snapshot file names the file and the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spotctl-bad-'));
    const file = join(dir, 'snap.json');
    writeFileSync(file, '{"kind":"spotctl-snapshot","schemaVersion":1,');
    const result = await spotctl([
      'prices',
      '--snapshot',
      file,
      '--region',
      'us-east-1',
      '--types',
      'm5.large',
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(new RegExp(`^Error: ${file}: not valid JSON`));
  });

  it('errors under --json are JSON too', async () => {
    const result = await spotctl([
      'prices',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'nope.large',
      '--json',
    ]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'UNKNOWN_INSTANCE_TYPE', exitCode: 3 });
  });
});
