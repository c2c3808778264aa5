interface Waiting<I, O> {
  items: I[];
  resolve: (results: O[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Runs concurrent callers' items together (group commit): while `maxInFlight` runs are in progress, what callers
 * submit waits and goes in the next run, so under load one run carries many callers' items and at rest each
 * goes at once, with no added delay. `run` answers one result per item, in order; each caller gets its own
 * items' results. A run that fails fails every caller in it. Per process, and holds nothing between runs.
 * With `minIntervalMs`, a run starts at least that long after the previous one started: what arrives sooner waits
 * for it (one run for many callers, when each run is a round trip of its own). Given as a function, it is asked
 * each time a run is due, so the spacing can follow what the previous runs found.
 */
export class Coalescer<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private lastStart = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxInFlight = 1,
    private readonly maxItems = 500,
    private readonly minIntervalMs: number | (() => number) = 0,
  ) {}

  /** Whether submitted items wait for a run not started yet: items submitted now would go in that same run. */
  get hasWaiting(): boolean {
    return this.waiting.length > 0;
  }

  submit(items: readonly I[]): Promise<O[]> {
    if (!items.length) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      this.waiting.push({ items: [...items], resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length && !this.timer) {
      const interval = typeof this.minIntervalMs === 'function' ? this.minIntervalMs() : this.minIntervalMs;
      if (interval) {
        const wait = this.lastStart + interval - Date.now();
        if (wait > 0) {
          this.timer = setTimeout(() => {
            this.timer = undefined;
            this.pump();
          }, wait);
          return;
        }
        this.lastStart = Date.now();
      }
      const batch: Waiting<I, O>[] = [];
      let count = 0;
      while (this.waiting.length && (!count || count + this.waiting[0].items.length <= this.maxItems)) {
        const next = this.waiting.shift()!;
        batch.push(next);
        count += next.items.length;
      }
      this.inFlight += 1;
      void this.start(batch);
    }
  }

  private async start(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.run(batch.flatMap((w) => w.items));
      let at = 0;
      for (const w of batch) {
        w.resolve(results.slice(at, at + w.items.length));
        at += w.items.length;
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }
}
