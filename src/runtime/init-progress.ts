/**
 * "What is spotctl waiting for?": a spinner on stderr for anything that takes longer than a moment, so a
 * terminal is never silent while AWS answers. Nothing at all when stderr is not a terminal, under --json
 * or --quiet, or in CI; a plain line without animation or colour under NO_COLOR or TERM=dumb.
 */
import type { CommandIo } from './io.js';

/** Waits shorter than this show nothing: a spinner that flashes is noise. */
export const PROGRESS_DELAY_MS = 300;

export type Wait = <T>(label: string, work: () => Promise<T>) => Promise<T>;

export function progress(io: CommandIo, options: { quiet: boolean }): Wait {
  const env = io.env;
  const enabled = Boolean(io.stderr.isTTY) && !options.quiet && env.CI === undefined;
  if (!enabled) return (_label, work) => work();
  const plain = env.NO_COLOR !== undefined || env.TERM === 'dumb';
  let active = false;
  return async (label, work) => {
    // One line at a time: a wait inside another (the catalog inside the analysis) shows nothing more.
    if (active) return work();
    active = true;
    let stop = () => {};
    const timer = setTimeout(() => {
      if (plain) {
        io.stderr.write(`${label}…\n`);
        return;
      }
      void import('yocto-spinner').then(({ default: createSpinner }) => {
        if (!active) return;
        const spinner = createSpinner({ text: `${label}…`, stream: io.stderr as NodeJS.WriteStream }).start();
        stop = () => spinner.stop();
      });
    }, PROGRESS_DELAY_MS);
    try {
      return await work();
    } finally {
      active = false;
      clearTimeout(timer);
      stop();
    }
  };
}
