import { describe, expect, it } from 'vitest';

import { outputFormatOf } from '../../src/runtime/base-command.js';
import { tableWidth } from '../../src/runtime/output-format.js';

describe('outputFormatOf', () => {
  it.each([
    [['-o', 'json'], 'json'],
    [['--output', 'yaml'], 'yaml'],
    [['--output=wide'], 'wide'],
    [['-ojson'], 'json'],
    [['-o=json'], 'json'],
    [['--types', 'm5.large', '-o', 'table'], 'table'],
    [['-o', 'xml'], 'table'],
    [['--', '-o', 'json'], 'table'],
    [['--types', 'm5.large'], 'table'],
  ])('%j → %s', (argv, format) => {
    expect(outputFormatOf(argv)).toBe(format);
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
