import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { handOver } from './hand-over';
import { StagedBatch, stagedBatches, StageSpec } from './staged-batches';

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

/** What the main thread tells a staging thread of one import's run (`id`). */
export type ToThread =
  | { type: 'open'; id: number; spec: StageSpec }
  /** The next chunk of the upload the thread pulled; null at its end. */
  | { type: 'chunk'; id: number; data: ArrayBuffer | null }
  /** The main thread took the last batch sent: the thread may send the next. */
  | { type: 'took'; id: number }
  | { type: 'close'; id: number };

/** What a staging thread tells the main thread. */
export type FromThread =
  /** The thread has loaded its modules. */
  | { type: 'loaded' }
  | { type: 'pull'; id: number }
  | { type: 'batch'; id: number; batch: StagedBatch }
  | { type: 'end'; id: number }
  | { type: 'error'; id: number; error: string };

/** One import's run on a thread, as the main thread sees it. */
interface Session {
  worker: Worker;
  chunks: AsyncIterator<Buffer>;
  /** The thread's batches not yet read, and its end or failure. */
  batches: StagedBatch[];
  end?: { error?: Error };
  /** The reader waiting for the next of them. */
  wake?: () => void;
}

/** The bytes as an ArrayBuffer the thread can be given (moved, not copied, when the Buffer has one to itself). */
function transferable(data: Buffer): ArrayBuffer {
  if (
    data.byteOffset === 0 &&
    data.byteLength === data.buffer.byteLength &&
    data.buffer instanceof ArrayBuffer
  )
    return data.buffer;
  const copy = new ArrayBuffer(data.byteLength);
  new Uint8Array(copy).set(data);
  return copy;
}

/**
 * A batch as it comes from a thread: its text arrives as a Uint8Array (a message drops Buffer's class) over the memory
 * the thread moved here, which COPY writes as it is.
 */
function received(batch: StagedBatch): StagedBatch {
  const { lines } = batch;
  return { ...batch, lines: Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength) };
}

/**
 * Worker threads that read imports' uploads as CSV and stage their batches (stage.thread.ts): parsing and normalising
 * (phones above all) use another core and never stall the event loop that drives the merges, and the main thread
 * handles each chunk of bytes and each batch's COPY text once, never a row: both are moved between the threads, not
 * copied, and the text comes as the UTF-8 COPY sends. Threads start on first use and are not kept alive by the pool.
 */
export class StagePool {
  private readonly workers: Worker[] = [];
  private readonly sessions = new Map<number, Session>();
  /** Threads that have loaded their modules. */
  private readonly loaded = new WeakSet<Worker>();
  private seq = 0;

  constructor(private readonly size: number) {}

  /**
   * The staged batches of an upload (stagedBatches, run on a thread), from the bytes of `source`, which is read
   * only as fast as the thread parses it. Ending the iteration early stops the thread's work on it.
   */
  batches(source: AsyncIterable<Buffer>, spec: StageSpec): AsyncGenerator<StagedBatch> {
    return this.staged(this.pick(), source, spec);
  }

  /**
   * `batches`, staged here on the calling thread until the thread has loaded its modules, then on the thread. A
   * thread's first load (its CSV parser, phone metadata and the staging files, no lib index: stage-thread-modules.spec)
   * takes about 0.2 s of CPU, during which Postgres would wait for an import's first batch; staged here, that batch is
   * merged meanwhile.
   * The thread then reads the upload again from its start (`open`) and goes on after the last row staged here.
   */
  batchesNow(open: () => AsyncIterable<Buffer>, spec: StageSpec): AsyncGenerator<StagedBatch> {
    const worker = this.pick();
    return handOver(
      stagedBatches(open(), spec),
      spec.after,
      () => this.loaded.has(worker),
      (after) => this.staged(worker, open(), { ...spec, after }),
    );
  }

  private async *staged(
    worker: Worker,
    source: AsyncIterable<Buffer>,
    spec: StageSpec,
  ): AsyncGenerator<StagedBatch> {
    const id = ++this.seq;
    const session: Session = { worker, chunks: source[Symbol.asyncIterator](), batches: [] };
    this.sessions.set(id, session);
    const send = (message: ToThread, transfer?: ArrayBuffer[]) => worker.postMessage(message, transfer);
    send({ type: 'open', id, spec });
    try {
      for (;;) {
        const batch = session.batches.shift();
        if (batch) {
          send({ type: 'took', id });
          yield batch;
          continue;
        }
        if (session.end) {
          if (session.end.error) throw session.end.error;
          return;
        }
        await new Promise<void>((resolve) => (session.wake = resolve));
      }
    } finally {
      this.sessions.delete(id);
      if (!session.end) send({ type: 'close', id });
      await session.chunks.return?.();
    }
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private pick(): Worker {
    if (this.workers.length < this.size) this.workers.push(this.spawn());
    return this.workers[this.seq % this.workers.length];
  }

  private settle(session: Session, end?: Session['end']): void {
    if (end) session.end ??= end;
    const wake = session.wake;
    session.wake = undefined;
    wake?.();
  }

  /** The thread asks for the next chunk of an upload. */
  private pull(id: number, session: Session): void {
    session.chunks.next().then(
      (next) => {
        if (!this.sessions.has(id)) return;
        if (next.done) session.worker.postMessage({ type: 'chunk', id, data: null } satisfies ToThread);
        else {
          const data = transferable(next.value);
          session.worker.postMessage({ type: 'chunk', id, data } satisfies ToThread, [data]);
        }
      },
      (err: Error) => this.settle(session, { error: err }),
    );
  }

  private spawn(): Worker {
    const ext = extname(__filename);
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { file: join(__dirname, `stage.thread${ext}`), typescript: ext === '.ts' },
      // A batch's COPY text is a few tens of MB at most (batches are cut by weight to fit: import-batches.ts): a small
      // heap makes the thread collect early instead of growing the worker process's memory. Rows are staged as they
      // are read, so what a row allocates dies young: with a young generation of 32 MB a row costs about 7% less CPU
      // than with 16 (bench/import-stage-cpu's rows on a thread, medians of 7 alternating rounds: 31.2 vs 33.4 us);
      // 8 MB cost 6% more, 64 MB no less. It costs memory: bench:import's worker peak RSS read 308 MB with 32 MB,
      // 278 MB with 16 (one run each; 305 MB before rows were staged as read), well under its 400 MB goal.
      resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    worker.on('message', (m: FromThread) => {
      if (m.type === 'loaded') {
        this.loaded.add(worker);
        return;
      }
      const session = this.sessions.get(m.id);
      if (!session) return;
      if (m.type === 'pull') this.pull(m.id, session);
      else if (m.type === 'batch') {
        session.batches.push(received(m.batch));
        this.settle(session);
      } else if (m.type === 'end') this.settle(session, {});
      else this.settle(session, { error: new Error(`Staging failed: ${m.error}`) });
    });
    const fail = (err: Error) => {
      const index = this.workers.indexOf(worker);
      if (index >= 0) this.workers.splice(index, 1);
      for (const session of this.sessions.values())
        if (session.worker === worker) this.settle(session, { error: err });
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`Staging thread exited with code ${code}`)));
    return worker;
  }
}
