/**
 * Worker-thread entry: analyse the byte ranges of a log file it is sent, one at a time, with the core's
 * `analyseRange` (see log-ranges.ts), posting each result back.
 */
import { parentPort } from 'node:worker_threads';

import { analyseRange } from '../../core/explain-logs/analyse.js';
import { readRangeSync, WORKER_CHUNK_BYTES, type RangeTask } from './log-ranges.js';

parentPort?.on('message', (task: RangeTask) => {
  void analyseRange(task.name, readRangeSync(task.path, task.start, task.end, WORKER_CHUNK_BYTES)).then(
    (analysis) => parentPort?.postMessage(analysis),
    () => parentPort?.postMessage(undefined),
  );
});
