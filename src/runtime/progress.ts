/**
 * A one-line spinner on stderr while spotctl waits (on AWS, on a large log): shown only on a terminal,
 * only after ~300 ms (quick commands never flicker), never with --json/--output json|yaml or --quiet.
 * Notes printed meanwhile clear the line first, so nothing is overdrawn.
 */
import { onActivity, type Activity } from '../adapters/activity.js';
import type { OutputStream } from './io.js';

const DELAY_MS = 300;
const FRAME_MS = 100;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProgressLine {
  /** Write `text` to stderr without tearing the spinner line. */
  around(write: () => void): void;
  stop(): void;
}

const NONE: ProgressLine = { around: (write) => write(), stop: () => undefined };

export function startProgress(stderr: OutputStream, enabled: boolean): ProgressLine {
  if (!enabled || !stderr.isTTY) return NONE;
  let current: Activity | undefined;
  let since = 0;
  let frame = 0;
  let drawn = false;
  const clear = () => {
    if (drawn) stderr.write('\r\u001b[2K');
    drawn = false;
  };
  const draw = () => {
    if (!current || Date.now() - since < DELAY_MS) return clear();
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
