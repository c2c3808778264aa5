interface Waiting<I, R> {
  input: I;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}

/**
 * Coalesces the calls made within one turn of the event loop into one: the calls of a key (a tenant) made before the
 * loop's next check phase go to `run` together, which answers one result per input, in their order. For a write
 * that concurrent jobs make one row at a time (the sender's mark-sent): each call's own statement cost a round trip
 * and a commit, which bound the jobs' rate. A call waits at most for the I/O of the turn it was made in. When `run`
 * rejects, every call of its batch rejects with that error.
 */
export class TurnBatch<I, R> {
  private readonly waiting = new Map<string, Waiting<I, R>[]>();

  constructor(private readonly run: (key: string, inputs: I[]) => Promise<R[]>) {}

  add(key: string, input: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let batch = this.waiting.get(key);
      if (!batch) {
        batch = [];
        this.waiting.set(key, batch);
        setImmediate(() => void this.flush(key));
      }
      batch.push({ input, resolve, reject });
    });
  }

  private async flush(key: string): Promise<void> {
    const batch = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    try {
      const results = await this.run(
        key,
        batch.map((w) => w.input),
      );
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
