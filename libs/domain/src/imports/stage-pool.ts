import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DataRow } from './import-source';
import type { StageContext } from './staged-row';

/**
 * Loads the thread's module: compiled JavaScript in a build, TypeScript (through ts-node, as the process itself
 * runs) in development and tests.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.typescript) {
  require('ts-node').register({ transpileOnly: true, swc: true });
  require('tsconfig-paths/register');
}
require(workerData.file);
`;

interface Task {
  resolve(lines: string): void;
  reject(err: Error): void;
  worker: Worker;
}

/**
 * Worker threads that stage import batches (stage.thread.ts), so normalising phones uses another core and never
 * stalls the event loop that drives the merges. Threads start on first use and are not kept alive by the pool.
 */
export class StagePool {
  private readonly workers: Worker[] = [];
  private readonly tasks = new Map<number, Task>();
  private seq = 0;

  constructor(private readonly size: number) {}

  stage(rows: DataRow[], context: StageContext): Promise<string> {
    const worker = this.pick();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.tasks.set(id, { resolve, reject, worker });
      worker.postMessage({ id, rows, context });
    });
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pick(): Worker {
    if (this.workers.length < this.size) this.workers.push(this.spawn());
    return this.workers[this.seq % this.workers.length];
  }

  private spawn(): Worker {
    const ext = extname(__filename);
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { file: join(__dirname, `stage.thread${ext}`), typescript: ext === '.ts' },
      // A batch in and its COPY text out are a few tens of MB (batches are cut by weight to fit: import-batches.ts):
      // a small heap makes the thread collect early instead of growing the worker process's memory.
      resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 },
    });
    worker.unref();
    worker.on('message', (m: { id: number; lines?: string; error?: string }) => {
      const task = this.tasks.get(m.id);
      if (!task) return;
      this.tasks.delete(m.id);
      if (m.error !== undefined) task.reject(new Error(`Staging failed: ${m.error}`));
      else task.resolve(m.lines ?? '');
    });
    const fail = (err: Error) => {
      const index = this.workers.indexOf(worker);
      if (index >= 0) this.workers.splice(index, 1);
      for (const [id, task] of this.tasks) {
        if (task.worker !== worker) continue;
        this.tasks.delete(id);
        task.reject(err);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Staging thread exited with code ${code}`)));
    return worker;
  }
}
