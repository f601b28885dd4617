import { describe, expect, it } from 'vitest';

import { terminal } from '../../src/runtime/terminal.js';

const proc = (tty: boolean, env: Record<string, string> = {}) => ({
  stdin: { isTTY: tty },
  stdout: { isTTY: tty },
  stderr: { isTTY: tty },
  env,
});

describe('terminal', () => {
  it.each([
    ['a TTY', proc(true), true, true],
    ['a pipe', proc(false), false, false],
    ['a TTY with NO_COLOR', proc(true, { NO_COLOR: '' }), true, false],
    ['a TTY with TERM=dumb', proc(true, { TERM: 'dumb' }), true, false],
    ['a pipe with FORCE_COLOR', proc(false, { FORCE_COLOR: '1' }), false, true],
    ['FORCE_COLOR beaten by NO_COLOR', proc(false, { FORCE_COLOR: '1', NO_COLOR: '1' }), false, false],
  ])('%s', (_name, p, interactive, colour) => {
    const t = terminal(p);
    expect(t.interactive).toBe(interactive);
    expect(t.stdoutStyle.red('x') !== 'x').toBe(colour);
  });

  it('is not interactive when only stdout is a TTY (piped input)', () => {
    expect(terminal({ ...proc(true), stdin: { isTTY: false } }).interactive).toBe(false);
  });
});
