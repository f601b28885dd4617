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
const running = new Map<number, Activity>();
let nextId = 0;

function publish(): void {
  // The newest activity that says how far it has got (a paged read), else the newest.
  const all = [...running.values()];
  const latest = all.filter((a) => a.detail).at(-1) ?? all.at(-1);
  for (const listener of listeners) listener(latest);
}

/** Start an activity; the returned handle updates and ends it. */
export function beginActivity(label: string): { update(detail: string): void; end(): void } {
  const id = nextId++;
  running.set(id, { label });
  publish();
  return {
    update(detail) {
      if (!running.has(id)) return;
      running.set(id, { label, detail });
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
