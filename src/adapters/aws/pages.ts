/**
 * Collect every page of a paginated SDK call under an idle deadline: if no page arrives within the
 * deadline the call is aborted and reported as a network failure — a dead or silent endpoint ends in a
 * clear error instead of a hang. Failures come out as AwsCallError.
 */
import { AwsCallError } from '../../core/aws/ports.js';
import { beginActivity } from '../activity.js';
import { toAwsCallError } from './call-errors.js';

export interface PageOptions {
  /** No page for this long → abort. */
  idleTimeoutMs: number;
}

/**
 * @param pages starts the SDK paginator (or a single call) with the abort signal to pass to `send`.
 * @param items the records of one page.
 */
export async function collectPages<Page, Item>(
  operation: string,
  pages: (abortSignal: AbortSignal) => AsyncIterable<Page>,
  items: (page: Page) => Item[] | undefined,
  options: PageOptions,
): Promise<Item[]> {
  const collected: Item[] = [];
  await forEachPage(operation, pages, (page) => void collected.push(...(items(page) ?? [])), options);
  return collected;
}

/**
 * Hand each page to `onPage` as it arrives, under the same idle deadline: for callers that fold pages
 * into something smaller than the pages themselves. `onPage` returning false stops paging.
 */
export async function forEachPage<Page>(
  operation: string,
  pages: (abortSignal: AbortSignal) => AsyncIterable<Page>,
  onPage: (page: Page) => boolean | void,
  options: PageOptions,
): Promise<void> {
  const controller = new AbortController();
  const seconds = Math.round(options.idleTimeoutMs / 100) / 10;
  const timeout = () =>
    new AwsCallError(operation, 'network', 'TimeoutError', `no answer within ${seconds} s`);
  let timer: NodeJS.Timeout | undefined;
  let rejectIdle: (error: AwsCallError) => void = () => undefined;
  const idle = new Promise<never>((_, reject) => (rejectIdle = reject));
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      controller.abort();
      rejectIdle(timeout());
    }, options.idleTimeoutMs);
  };
  // The SDK may not notice an abort during a retry back-off; racing the deadline returns on time anyway.
  idle.catch(() => undefined);
  const iterator = pages(controller.signal)[Symbol.asyncIterator]();
  const activity = beginActivity(operation);
  let read = 0;
  try {
    arm();
    for (;;) {
      let next: IteratorResult<Page>;
      try {
        next = await Promise.race([iterator.next(), idle]);
      } catch (error) {
        if (controller.signal.aborted) throw timeout();
        throw toAwsCallError(operation, error);
      }
      if (next.done) break;
      read += 1;
      activity.update(`${read} page${read === 1 ? '' : 's'} read`);
      // The caller's own failures pass through as they are.
      if (onPage(next.value) === false) break;
      arm();
    }
  } finally {
    clearTimeout(timer);
    activity.end();
  }
}

/** One unpaginated call as a one-page iterable, so it gets the same deadline and error handling. */
export async function* onePage<Page>(call: () => Promise<Page>): AsyncIterable<Page> {
  yield await call();
}
