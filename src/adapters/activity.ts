/**
 * What the adapters are waiting on right now (an AWS call and its page, a log's bytes), for whoever wants
 * to show it — the CLI's progress line on a terminal. Adapters only report; nothing here prints.
 */
export interface Activity {
  /** What is being waited on, e.g. `DescribeSpotPriceHistory (us-east-1)` or `karpenter.log`. */
  label: string;
  /** How far it has got, e.g. `page 3` or `120 MB of 300 MB`. */
  detail?: string;
}

type Listener = (activity: Activity | undefined) => void;

const listeners = new Set<Listener>();
const running = new Map<number, Activity & { headline: boolean }>();
let nextId = 0;

function publish(): void {
  // The newest call that says how far it has got (a paged read), else the newest call; under a headline
  // (a step of the command, such as "Reading Spot prices"), the call becomes its detail.
  const all = [...running.values()];
  const calls = all.filter((a) => !a.headline);
  const call = calls.filter((a) => a.detail).at(-1) ?? calls.at(-1);
  const headline = all.filter((a) => a.headline).at(-1);
  const shown: Activity | undefined = headline
    ? {
        label: headline.label,
        ...(call ? { detail: `${call.label}${call.detail ? `, ${call.detail}` : ''}` } : {}),
      }
    : call && { label: call.label, ...(call.detail ? { detail: call.detail } : {}) };
  for (const listener of listeners) listener(shown);
}

/**
 * Start an activity; the returned handle updates and ends it. A `headline` is a step of the command
 * (shown with the call it is waiting on as detail); anything else is a call.
 */
export function beginActivity(
  label: string,
  options: { headline?: boolean } = {},
): { update(detail: string): void; end(): void } {
  const id = nextId++;
  const headline = Boolean(options.headline);
  running.set(id, { label, headline });
  publish();
  return {
    update(detail) {
      if (!running.has(id)) return;
      running.set(id, { label, detail, headline });
      publish();
    },
    end() {
      if (running.delete(id)) publish();
    },
  };
}

/** Hear of every change: the newest running activity, or undefined when nothing is running. */
export function onActivity(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
