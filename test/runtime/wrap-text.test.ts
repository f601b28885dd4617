import { describe, expect, it } from 'vitest';

import { fitToWidth, visibleLength } from '../../src/runtime/wrap-text.js';

describe('fitToWidth', () => {
  it('wraps a long line at spaces with a hanging indent', () => {
    const text = `  g4dn.xlarge: ${'word '.repeat(20).trim()}`;
    const lines = fitToWidth(text, 40).split('\n');
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    expect(lines[0]).toMatch(/^ {2}g4dn\.xlarge: word/);
    expect(lines.slice(1).every((line) => line.startsWith('    word'))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(text.trim());
  });

  it('leaves lines that fit, and counts colour codes as taking no room', () => {
    const coloured = `\u001b[31m${'x'.repeat(38)}\u001b[39m`;
    expect(visibleLength(coloured)).toBe(38);
    expect(fitToWidth(`short\n${coloured}`, 40)).toBe(`short\n${coloured}`);
  });
});
