/**
 * What the wizard learns from the catalog while it asks, on the bundled data: an answer the config would
 * reject later is rejected now, with the reason, so the question is asked again instead of failing.
 */
import { describe, expect, it } from 'vitest';

import { loadBundledCatalog } from '../../../src/adapters/fs/snapshot-files.js';
import { plainStyle } from '../../../src/core/format/style.js';
import { wizardServices } from '../../../src/core/init/wizard-services.js';

const services = () =>
  wizardServices({
    given: {},
    hints: {},
    wait: (_label, work) => work(),
    catalogFor: () => loadBundledCatalog(),
    show: () => {},
    now: new Date('2026-08-25T12:00:00Z'),
    style: plainStyle,
    maxSuggestions: 10,
    days: 7,
  });

describe('the wizard’s checks against the catalog', () => {
  it.each([
    [
      'a GPU workload with a type that has no GPU',
      { workload: 'gpu' as const },
      ['m5.xlarge'],
      /^a GPU workload needs GPU instance types; m5\.xlarge has none — Choose GPU types/,
    ],
    ['a typo', {}, ['g4dn.xlarg'], /unknown instance type g4dn\.xlarg .* did you mean g4dn\.xlarge/],
    [
      'a pod too big for a type',
      { workload: 'gpu' as const, podGpus: 2 },
      ['g4dn.xlarge'],
      /a pod needs 2 GPU; it cannot fit on g4dn\.xlarge \(1 GPU\)/,
    ],
  ])('rejects %s, saying why', async (_, answers, types, reason) => {
    // Given earlier answers / When the seeds are checked / Then the reason to ask again
    expect(await services().checkSeeds({ region: 'us-east-1', ...answers }, { types, families: [] })).toMatch(
      reason,
    );
  });

  it('accepts GPU types for a GPU workload', async () => {
    expect(
      await services().checkSeeds(
        { region: 'us-east-1', workload: 'gpu' },
        { types: ['g4dn.xlarge', 'g5.xlarge'], families: [] },
      ),
    ).toBeUndefined();
  });

  it('says when the data has nothing for a Region', async () => {
    expect(await services().checkRegion('eu-north-1')).toMatch(/has no data for eu-north-1: choose one of/);
    expect(await services().checkRegion('us-east-1')).toBeUndefined();
  });

  it('without types, describes the default pool instead of a price table', async () => {
    const { table, suggestions } = await services().analyse({ region: 'us-east-1' });
    expect(table).toMatch(
      /^Karpenter will choose from any c, m, r type of generation 3 or later: \d+ instance types/,
    );
    expect(suggestions).toEqual([]);
  });

  it('a big family fits on a screen: one row per type when zones agree, then where to see the rest', async () => {
    // Given two families of dozens of types each / When the wizard shows their prices / Then at most
    // a screenful, each type once, and the command that shows everything
    const { table } = await services().analyse({ region: 'us-east-1', families: ['m6i', 'm7i'] });
    const lines = table.split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    const rows = lines.filter((line) => /^m[67]i\./.test(line));
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((row) => row.split(' ')[0])).size).toBe(rows.length);
    expect(table).toMatch(/^… \d+ more \(see `spotctl prices --region us-east-1 --families m6i,m7i`\)$/m);
  });
});

describe('the wizard shows AWS’s Spot placement score for the list', () => {
  const requests: string[][] = [];
  const scoring = {
    port: async () => ({
      getSpotPlacementScores: async (input: { InstanceTypes: string[] }) => {
        requests.push(input.InstanceTypes);
        return [{ Region: 'us-east-1', Score: 8 }];
      },
    }),
  };
  const withCatalog = (live: boolean) =>
    wizardServices({
      given: {},
      hints: {},
      wait: (_label, work) => work(),
      // The bundled data standing in for live AWS, as far as the wizard can tell.
      catalogFor: async () => {
        const catalog = await loadBundledCatalog();
        return live
          ? Object.create(catalog, { info: { value: { ...catalog.info, kind: 'live' } } })
          : catalog;
      },
      show: () => {},
      now: new Date('2026-08-25T12:00:00Z'),
      style: plainStyle,
      maxSuggestions: 4,
      days: 7,
      placement: scoring,
    });

  it('live: one request for the whole list shown, and its score under the table', async () => {
    requests.length = 0;
    const { table, suggestions } = await withCatalog(true).analyse({
      region: 'us-east-1',
      types: ['g4dn.xlarge', 'g4dn.2xlarge'],
    });
    expect(requests).toEqual([
      ['g4dn.xlarge', 'g4dn.2xlarge', ...suggestions.map((s) => s.instanceType)].sort(),
    ]);
    expect(table).toMatch(/Spot placement score \(AWS: 10 instances, a fleet over every zone of us-east-1\)/);
    expect(table).toMatch(/these \d+ types: 8\/10/);
  });

  it('bundled data: no request and no score', async () => {
    requests.length = 0;
    const { table } = await withCatalog(false).analyse({ region: 'us-east-1', types: ['g4dn.xlarge'] });
    expect(requests).toEqual([]);
    expect(table).not.toMatch(/placement score/);
  });
});
