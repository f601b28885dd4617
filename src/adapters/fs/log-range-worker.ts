/**
 * Worker-thread entry: analyse one byte range of a log file with the core's `analyseRange` (see
 * log-ranges.ts) and post the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { analyseRange } from '../../core/explain-logs/analyse.js';
import { readRange, WORKER_CHUNK_BYTES, type RangeTask } from './log-ranges.js';

const task = workerData as RangeTask;
const analysis = await analyseRange(
  task.name,
  readRange(task.path, task.start, task.end, WORKER_CHUNK_BYTES),
);
parentPort?.postMessage(analysis);
