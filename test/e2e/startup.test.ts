/**
 * Start-up cost is a feature: help and offline commands must not load the AWS SDK.
 */
import { describe, expect, it } from 'vitest';

import { runCliImports as importsOf } from '../helpers/imports.js';

describe('what start-up loads', () => {
  it.each([
    [['--help']],
    [['suggest', '--help']],
    [['prices', '--help']],
    [['suggest', '--offline', '--region', 'us-east-1', '--types', 'g4dn.xlarge']],
  ])('%j does not load the AWS SDK', async (args) => {
    const { code, modules } = await importsOf(args);
    expect(code).toBe(0);
    expect(modules.some((url) => url.endsWith('/bin/run.js'))).toBe(true); // the hook did record the run
    expect(modules.filter((url) => url.includes('@aws-sdk') || url.includes('@smithy'))).toEqual([]);
  });

  it('a live run does load it (the check above can fail)', async () => {
    const { modules } = await importsOf(['suggest', '--region', 'us-east-1', '--types', 'g4dn.xlarge']);
    expect(modules.some((url) => url.includes('@aws-sdk') || url.includes('@smithy'))).toBe(true);
  });
});
