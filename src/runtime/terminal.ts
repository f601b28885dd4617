import { ansiStyle, plainStyle, type Style } from '../core/format/style.js';

export interface Terminal {
  /** stdin and stdout are both TTYs: prompting is allowed. */
  interactive: boolean;
  stdoutStyle: Style;
  stderrStyle: Style;
}

interface ProcessLike {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean };
  stderr: { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** Colour only on a TTY, never with NO_COLOR (any value) or TERM=dumb; FORCE_COLOR forces it. */
export function terminal(proc: ProcessLike): Terminal {
  const noColor = proc.env.NO_COLOR !== undefined || proc.env.TERM === 'dumb';
  const force = proc.env.FORCE_COLOR !== undefined && proc.env.FORCE_COLOR !== '0';
  const colour = (tty?: boolean) => (!noColor && (tty || force) ? ansiStyle : plainStyle);
  return {
    interactive: Boolean(proc.stdin.isTTY && proc.stdout.isTTY),
    stdoutStyle: colour(proc.stdout.isTTY),
    stderrStyle: colour(proc.stderr.isTTY),
  };
}
