import { parentPort } from 'node:worker_threads';
import type { DataRow } from './import-source';
import { stageBatch } from './stage-batch';
import type { StageContext } from './staged-row';

/** A stage-pool thread: normalises batches of rows (phones above all) off the main thread. */
parentPort?.on('message', (task: { id: number; rows: DataRow[]; context: StageContext }) => {
  try {
    parentPort?.postMessage({ id: task.id, lines: stageBatch(task.rows, task.context) });
  } catch (err) {
    parentPort?.postMessage({
      id: task.id,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  }
});
