/**
 * "What is spotctl waiting for?" — one line on stderr while it waits (on AWS, on a large log, on the
 * wizard's analysis): shown only on a terminal, only after ~300 ms (quick steps never flicker), never
 * with --json/-o json|yaml, --quiet or in CI. A spinner redrawn in place; under NO_COLOR or TERM=dumb a
 * plain line per wait instead. Notes printed meanwhile clear the line first, so nothing is overdrawn.
 */
import { beginActivity, onActivity, type Activity } from '../adapters/activity.js';
import type { CommandIo } from './io.js';

/** Waits shorter than this show nothing: a spinner that flashes is noise. */
export const PROGRESS_DELAY_MS = 300;
const FRAME_MS = 100;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProgressLine {
  /** Write to stderr without tearing the progress line. */
  around(write: () => void): void;
  stop(): void;
}

const NONE: ProgressLine = { around: (write) => write(), stop: () => undefined };

/** Whether a progress line may be shown at all for this run. */
export const progressAllowed = (io: Pick<CommandIo, 'stderr' | 'env'>, quiet: boolean): boolean =>
  Boolean(io.stderr.isTTY) && !quiet && io.env.CI === undefined;

/** Show the adapters' activities (see adapters/activity.ts) until stopped. */
export function startProgress(io: Pick<CommandIo, 'stderr' | 'env'>, enabled: boolean): ProgressLine {
  if (!enabled || !progressAllowed(io, false)) return NONE;
  const { stderr } = io;
  const plain = io.env.NO_COLOR !== undefined || io.env.TERM === 'dumb';
  let current: Activity | undefined;
  let since = 0;
  let frame = 0;
  let drawn = false;
  let announced: string | undefined;
  const clear = () => {
    if (drawn && !plain) stderr.write('\r\u001b[2K');
    drawn = false;
  };
  const draw = () => {
    if (!current || Date.now() - since < PROGRESS_DELAY_MS) return clear();
    if (plain) {
      // One line per wait, no redrawing.
      if (announced !== current.label) stderr.write(`${current.label}…\n`);
      announced = current.label;
      return;
    }
    const width = (stderr.columns ?? 80) - 1;
    const text = `${FRAMES[frame++ % FRAMES.length]} ${current.label}${current.detail ? ` — ${current.detail}` : ''}…`;
    stderr.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    drawn = true;
  };
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  const unsubscribe = onActivity((activity) => {
    if (activity && !current) since = Date.now();
    current = activity;
    if (!activity) clear();
  });
  return {
    around(write) {
      clear();
      write();
      draw();
    },
    stop() {
      clearInterval(timer);
      unsubscribe();
      clear();
    },
  };
}

export type Wait = <T>(label: string, work: () => Promise<T>) => Promise<T>;

/**
 * Say what `work` waits for, for a step that is not an AWS call of its own (the wizard's analysis). For
 * commands that draw no progress line of their own while prompting (a spinner would overdraw a prompt).
 */
export function progress(io: CommandIo, options: { quiet: boolean }): Wait {
  if (!progressAllowed(io, options.quiet)) return (_label, work) => work();
  let active = false;
  return async (label, work) => {
    // One line at a time: a wait inside another (the catalog inside the analysis) shows nothing more.
    if (active) return work();
    active = true;
    const line = startProgress(io, true);
    const activity = beginActivity(label, { headline: true });
    try {
      return await work();
    } finally {
      active = false;
      activity.end();
      line.stop();
    }
  };
}
