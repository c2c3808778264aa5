import { parentPort, type TransferListItem } from 'node:worker_threads';
import type { FromThread, ToThread } from './stage-pool';
import { StageSpec, stagedBatches } from './staged-batches';

/** The import stopped reading this thread's batches (its run ended or failed). */
class Closed extends Error {}

/**
 * One import's upload being read by this thread: its bytes come from the main thread a chunk at a time, when the
 * parser asks for them, and each staged batch waits for the main thread to take the one before it, so at most one
 * chunk's text and two batches are held here whatever the speed of the merges.
 */
class Session {
  private chunk?: { resolve(data: ArrayBuffer | null): void; reject(err: Error): void };
  private taken?: { resolve(): void; reject(err: Error): void };
  /** A batch was sent that the main thread has not taken yet. */
  private unread = false;
  closed = false;

  constructor(
    private readonly id: number,
    private readonly post: (message: FromThread, transfer?: TransferListItem[]) => void,
  ) {}

  async run(spec: StageSpec): Promise<void> {
    try {
      for await (const batch of stagedBatches(this.source(), spec)) {
        if (this.unread && !this.closed)
          await new Promise<void>((resolve, reject) => (this.taken = { resolve, reject }));
        if (this.closed) return;
        this.unread = true;
        // Its text's memory is moved to the main thread, not copied (BatchText gives it memory of its own).
        this.post({ type: 'batch', id: this.id, batch }, [batch.lines.buffer as ArrayBuffer]);
      }
      if (!this.closed) this.post({ type: 'end', id: this.id });
    } catch (err) {
      if (this.closed) return;
      this.post({
        type: 'error',
        id: this.id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
    }
  }

  deliver(data: ArrayBuffer | null): void {
    const waiting = this.chunk;
    this.chunk = undefined;
    waiting?.resolve(data);
  }

  took(): void {
    this.unread = false;
    const waiting = this.taken;
    this.taken = undefined;
    waiting?.resolve();
  }

  close(): void {
    this.closed = true;
    const closed = new Closed('closed');
    this.chunk?.reject(closed);
    this.taken?.reject(closed);
    this.chunk = this.taken = undefined;
  }

  private async *source(): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.closed) throw new Closed('closed');
      const data = await new Promise<ArrayBuffer | null>((resolve, reject) => {
        this.chunk = { resolve, reject };
        this.post({ type: 'pull', id: this.id });
      });
      if (!data) return;
      yield Buffer.from(data);
    }
  }
}

/**
 * A stage-pool thread: reads imports' uploads as CSV, cuts them into batches and stages them (phones above all), so
 * the main thread only moves bytes to it and COPY text to Postgres.
 */
const sessions = new Map<number, Session>();
const post = (message: FromThread, transfer?: TransferListItem[]) =>
  parentPort?.postMessage(message, transfer);
parentPort?.on('message', (message: ToThread) => {
  if (message.type === 'open') {
    const session = new Session(message.id, post);
    sessions.set(message.id, session);
    void session.run(message.spec).finally(() => sessions.delete(message.id));
    return;
  }
  const session = sessions.get(message.id);
  if (!session) return;
  if (message.type === 'chunk') session.deliver(message.data);
  else if (message.type === 'took') session.took();
  else session.close();
});
post({ type: 'loaded' });
