/**
 * Worker-thread entry: analyse the byte ranges of a log file it claims from the counter it shares with
 * the other threads, with the core's `analyseRange` (see log-ranges.ts), posting each result back.
 */
import { parentPort } from 'node:worker_threads';

import { analyseClaimed, WORKER_CHUNK_BYTES, type RangeJob, type RangeMessage } from './log-ranges.js';

const post = (message: RangeMessage) => parentPort?.postMessage(message);

parentPort?.on('message', ({ job, claims }: { job: RangeJob; claims: SharedArrayBuffer }) => {
  // A range that fails is not posted: the reader of the whole file reads it again.
  const done = () => post({ done: true });
  void analyseClaimed(job, new Int32Array(claims), WORKER_CHUNK_BYTES, (index, analysis) =>
    post({ index, analysis }),
  ).then(done, done);
});
