import { describe, expect, it } from 'vitest';

import { outputFromArgv, tableWidth } from '../../src/runtime/output-format.js';

describe('outputFromArgv', () => {
  it.each([
    [['-o', 'json'], 'json'],
    [['--output', 'yaml'], 'yaml'],
    [['--output=wide'], 'wide'],
    [['-ojson'], 'json'],
    [['-o=json'], 'json'],
    [['--types', 'm5.large', '-o', 'table'], 'table'],
    [['-o', 'xml'], undefined],
    [['--', '-o', 'json'], undefined],
    [['--types', 'm5.large'], undefined],
  ])('%j → %s', (argv, format) => {
    expect(outputFromArgv(argv)).toBe(format);
  });
});

describe('tableWidth', () => {
  it.each([
    [{ isTTY: true, columns: 100 }, {}, 100],
    [{ isTTY: true }, { COLUMNS: '72' }, 72],
    [{ isTTY: true }, {}, undefined],
    // Piped output keeps full lines whatever COLUMNS says
    [{}, { COLUMNS: '72' }, undefined],
  ])('%j with %j → %s', (stdout, env, width) => {
    expect(tableWidth({ stdout: { write: () => true, ...stdout }, env })).toBe(width);
  });
});
