import { describe, expect, it } from 'vitest';

import { layoutTable, renderTable, type Column } from '../../../src/core/format/table.js';

const columns: Column[] = [
  { header: 'TYPE' },
  { header: 'PRICE', align: 'right' },
  { header: 'TREND', drop: 3 },
  { header: 'NOTE', drop: 1 },
  { header: 'MAX', align: 'right', drop: 2 },
];
const rows = [
  ['g4dn.xlarge', '$0.1894', '▁▂▃▄▅▆▇█', 'cheapest', '$0.2000'],
  ['m5.large', '$0.0326', '▄▄▄▄▄▄▄▄', '', '$0.0400'],
];
const widthOf = (text: string) => Math.max(...text.split('\n').map((line) => [...line].length));

describe('layoutTable', () => {
  it('keeps every column without a width, like piped output', () => {
    const { text, hidden } = layoutTable(columns, rows);
    expect(hidden).toEqual([]);
    expect(text.split('\n')[0]).toBe('TYPE           PRICE  TREND     NOTE          MAX');
  });

  it.each([
    [60, []],
    [40, ['TREND']],
    [30, ['TREND', 'MAX']],
    [10, ['TREND', 'NOTE', 'MAX']],
  ])('at %i columns drops the least important first: %j', (width, dropped) => {
    const { text, hidden } = layoutTable(columns, rows, { maxWidth: width });
    expect(hidden).toEqual(dropped);
    // Columns without `drop` stay even when the table still does not fit
    if (width >= 22) expect(widthOf(text)).toBeLessThanOrEqual(width);
    expect(text).toContain('g4dn.xlarge');
    expect(text).toContain('$0.1894');
  });

  it('measures styled cells by what shows, and renderTable keeps its old signature', () => {
    const styled = [['\u001b[32mg4dn.xlarge\u001b[39m', '$1']];
    const text = renderTable([{ header: 'TYPE' }, { header: 'P', align: 'right' }], styled);
    expect(text.split('\n')[1]).toBe('\u001b[32mg4dn.xlarge\u001b[39m  $1');
  });
});
