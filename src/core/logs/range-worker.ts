/**
 * Worker-thread entry: analyse one byte range of a log file (see parallel.ts) and post its partial
 * analysis back.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

import { LogAnalyzer } from './analyzer.js';
import { WORKER_CHUNK_BYTES, type RangeTask } from './parallel.js';
import { RecordAssembler } from './records.js';

const task = workerData as RangeTask;
const analyzer = new LogAnalyzer({}, true);
const assembler = new RecordAssembler(analyzer, task.name);
const read = await analyzer.readInto(
  createReadStream(task.path, {
    start: task.start,
    end: task.end === undefined ? undefined : task.end - 1,
    highWaterMark: WORKER_CHUNK_BYTES,
  }),
  assembler,
  task.name,
  true,
);
const endedOpen = assembler.open;
assembler.end();
parentPort?.postMessage(analyzer.exportPartial(read, assembler.startsClean ?? true, endedOpen));
