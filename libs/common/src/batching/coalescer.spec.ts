import { Coalescer } from './coalescer';

/** A run that waits until released, recording the items of each call. */
function gatedRun() {
  const runs: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (items: number[]) => {
    runs.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (items.includes(-1)) throw new Error('bad item');
    return items.map((i) => i * 10);
  };
  const release = async () => {
    gates.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { runs, run, release };
}

describe('Coalescer', () => {
  it('runs at once at rest, and gathers what arrives meanwhile into the next run', async () => {
    const { runs, run, release } = gatedRun();
    const c = new Coalescer(run, 1);
    const a = c.submit([1]);
    const b = c.submit([2, 3]);
    const d = c.submit([4]);
    expect(runs).toEqual([[1]]);
    await release();
    expect(runs).toEqual([[1], [2, 3, 4]]);
    await release();
    expect(await a).toEqual([10]);
    expect(await b).toEqual([20, 30]);
    expect(await d).toEqual([40]);
  });

  it('keeps up to maxInFlight runs going and caps a run at maxItems (a caller is never split)', async () => {
    const { runs, run, release } = gatedRun();
    const c = new Coalescer(run, 2, 3);
    const all = [c.submit([1]), c.submit([2]), c.submit([3, 4]), c.submit([5]), c.submit([6, 7, 8, 9])];
    expect(runs).toEqual([[1], [2]]);
    await release();
    expect(runs).toEqual([[1], [2], [3, 4, 5]]);
    await release();
    // Larger than maxItems on its own: it still goes, alone.
    expect(runs).toEqual([[1], [2], [3, 4, 5], [6, 7, 8, 9]]);
    await release();
    await release();
    expect(await Promise.all(all)).toEqual([[10], [20], [30, 40], [50], [60, 70, 80, 90]]);
  });

  it('fails every caller of a failed run, and the next run still goes', async () => {
    const { runs, run, release } = gatedRun();
    const c = new Coalescer(run, 1);
    const first = c.submit([1]);
    // Both callers' failures are awaited from the start: a rejection nobody handles yet would end the process.
    const bad = expect(c.submit([-1])).rejects.toThrow('bad item');
    const sameRun = expect(c.submit([2])).rejects.toThrow('bad item');
    await release();
    await release();
    await bad;
    await sameRun;
    expect(await first).toEqual([10]);
    const later = c.submit([5]);
    await release();
    expect(await later).toEqual([50]);
    expect(runs).toEqual([[1], [-1, 2], [5]]);
  });

  it('with minIntervalMs, starts a run no sooner than that after the previous one started', async () => {
    // jest-light-runner's fake timers fake setImmediate too: runs here settle at once, promises are awaited.
    jest.useFakeTimers();
    try {
      const runs: number[][] = [];
      const c = new Coalescer(
        async (items: number[]) => {
          runs.push(items);
          return items.map((i) => i * 10);
        },
        1,
        500,
        10,
      );
      expect(await c.submit([1])).toEqual([10]);
      // Within 10 ms of the first run's start: both wait, then go together.
      const b = c.submit([2]);
      const d = c.submit([3]);
      jest.advanceTimersByTime(9);
      expect(runs).toEqual([[1]]);
      jest.advanceTimersByTime(1);
      expect(runs).toEqual([[1], [2, 3]]);
      expect(await b).toEqual([20]);
      expect(await d).toEqual([30]);
      // 10 ms after the last start: at once.
      jest.advanceTimersByTime(10);
      const e = c.submit([4]);
      expect(runs).toEqual([[1], [2, 3], [4]]);
      expect(await e).toEqual([40]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('says whether items wait for a run not started yet', async () => {
    const { runs, run, release } = gatedRun();
    const c = new Coalescer(run, 1);
    expect(c.hasWaiting).toBe(false);
    const a = c.submit([1]);
    // Started at once: nothing waits.
    expect(c.hasWaiting).toBe(false);
    const b = c.submit([2]);
    expect(c.hasWaiting).toBe(true);
    await release();
    // [2] started in its own run: nothing waits again.
    expect(runs).toEqual([[1], [2]]);
    expect(c.hasWaiting).toBe(false);
    await release();
    expect(await Promise.all([a, b])).toEqual([[10], [20]]);
  });

  it('answers an empty submit without a run', async () => {
    const { runs, run } = gatedRun();
    expect(await new Coalescer(run).submit([])).toEqual([]);
    expect(runs).toEqual([]);
  });
});
