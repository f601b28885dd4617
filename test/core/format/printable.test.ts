import { describe, expect, it } from 'vitest';

import { noWorkflowCommand, noWorkflowCommands, printable } from '../../../src/core/format/printable.js';

describe('printable', () => {
  it.each([
    { input: 'x\n::error::boom', expected: 'x\\n::error::boom' },
    { input: 'title\u001b]0;pwned\u0007', expected: 'title\\e]0;pwned\\u0007' },
    { input: 'red\u001b[31m', expected: 'red\\e[31m' },
    { input: 'a\rb', expected: 'a\\rb' },
    { input: 'evil\u202etxt.yaml', expected: 'evil\\u202etxt.yaml' },
    { input: 'tab\tand ünïcödé stay', expected: 'tab\tand ünïcödé stay' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(printable(input)).toBe(expected);
  });
});

describe('noWorkflowCommand', () => {
  it('escapes a line that GitHub would run, and leaves others alone', () => {
    expect(noWorkflowCommand('::error file=a::boom')).toBe('%3A%3Aerror file=a::boom');
    expect(noWorkflowCommand('  ::add-mask::secret')).toBe('  %3A%3Aadd-mask::secret');
    expect(noWorkflowCommand('a.yaml:1:2 error x::y')).toBe('a.yaml:1:2 error x::y');
    expect(noWorkflowCommands('ok\n::warning::x\nok')).toBe('ok\n%3A%3Awarning::x\nok');
  });
});
