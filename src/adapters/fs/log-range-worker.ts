/**
 * Worker-thread entry: analyse the byte ranges of a log file it claims from the counter it shares with
 * the other threads, with the core's `analyseRange` (see log-ranges.ts), posting each result back. A worker
 * given its file when started (range-prestart.ts) cuts the file itself and starts at once; any other waits
 * to be sent its job.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { analyseClaimed, rangeStarts, type RangeJob, type RangeMessage } from './log-ranges.js';
import { cutPoints } from './range-plan.js';
import type { PrestartData } from './range-prestart.js';

const post = (message: RangeMessage) => parentPort?.postMessage(message);

function analyse(job: RangeJob, claims: Int32Array): void {
  // A range that fails is not posted: the reader of the whole file reads it again.
  const done = () => post({ done: true });
  void analyseClaimed(job, claims, (index, analysis) =>
    post({ index, start: job.cuts[index]!, end: job.cuts[index + 1], analysis }),
  ).then(done, done);
}

const given = workerData as PrestartData | undefined;
if (given?.prestart) {
  const { path, size, threads } = given.prestart;
  void rangeStarts(path, size, cutPoints(size, threads)).then(
    (cuts) => analyse({ path, name: path, cuts }, new Int32Array(given.claims)),
    () => post({ done: true }),
  );
} else {
  parentPort?.on('message', ({ job, claims }: { job: RangeJob; claims: SharedArrayBuffer }) =>
    analyse(job, new Int32Array(claims)),
  );
}
