/**
 * `-o, --output table|wide|json|yaml` on every command: json is --json, yaml is the same object as YAML,
 * and errors follow the format asked for.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { outputFormatOf } from '../../src/runtime/base-command.js';
import { spotctl } from '../helpers/spotctl.js';

const PRICES = ['prices', '--offline', '--region', 'us-east-1', '--types', 'm5.large'];
const NOW = { now: new Date('2026-08-01T00:00:00Z') };

describe('-o / --output', () => {
  it('json is the --json object', async () => {
    const viaFlag = await spotctl([...PRICES, '-o', 'json'], NOW);
    const viaJson = await spotctl([...PRICES, '--json'], NOW);
    expect(viaFlag.code).toBe(0);
    expect(JSON.parse(viaFlag.stdout)).toEqual(JSON.parse(viaJson.stdout));
  });

  it('yaml is the same object as YAML', async () => {
    const yaml = await spotctl([...PRICES, '--output=yaml'], NOW);
    const json = await spotctl([...PRICES, '--json'], NOW);
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).not.toMatch(/^\s*\{/);
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
  });

  it('an error under -o yaml is YAML too', async () => {
    const result = await spotctl([
      'prices',
      '--offline',
      '--region',
      'us-east-1',
      '--types',
      'm5.lrge',
      '-oyaml',
    ]);
    expect(result.code).toBe(3);
    expect(parse(result.stdout)).toMatchObject({ error: { code: 'UNKNOWN_INSTANCE_TYPE', exitCode: 3 } });
  });

  it('an unknown format is a usage error', async () => {
    const result = await spotctl([...PRICES, '-o', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Expected --output=xml to be one of: table, wide, json, yaml/);
  });

  it.each([
    [['-o', 'wide'], 'wide'],
    [['--output', 'yaml'], 'yaml'],
    [['-ojson'], 'json'],
    [['--json', '-o', 'yaml'], 'json'],
    [['--', '-o', 'yaml'], 'table'],
    [[], 'table'],
  ])('%j → %s', (argv, format) => {
    expect(outputFormatOf(argv)).toBe(format);
  });
});
