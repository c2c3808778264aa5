import { StagePool } from './stage-pool';
import { StagedBatch, stagedBatches, StageSpec } from './staged-batches';
import { byteChunks as chunks, stagingSpec } from './staging.fixture';

/** Rows with phones in several forms, a quoted cell holding the delimiter and a newline, and an invalid phone. */
function csv(rows: number): Buffer {
  const lines = ['\ufeffName;Phone;Email;Notes'];
  for (let i = 1; i <= rows; i++) {
    const phone =
      i % 7 === 0 ? 'not a phone' : i % 2 ? `+44 7911 ${String(100000 + i)}` : `07911${100000 + i}`;
    lines.push(`Lead ${i};${phone};lead${i}@example.com;"a; b\r\nline ${i}"`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

const spec = (after: number): StageSpec =>
  stagingSpec(['Name', 'Phone', 'Email', 'Notes'], after, { rows: 300, bytes: 1024 * 1024 });

async function all(batches: AsyncIterable<StagedBatch>): Promise<StagedBatch[]> {
  const out: StagedBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe('StagePool', () => {
  const pool = new StagePool(1);
  // The thread loads its TypeScript through ts-node: its first batch may take a minute on a loaded machine.
  beforeAll(async () => {
    await all(pool.batches(chunks(csv(1), 64), spec(0)));
  }, 180_000);
  afterAll(() => pool.close());

  it('reads, cuts and stages an upload on its thread as the import does in place, from any row on', async () => {
    const bytes = csv(1200);
    for (const after of [0, 777]) {
      const here = await all(stagedBatches(chunks(bytes, 4096), spec(after)));
      const there = await all(pool.batches(chunks(bytes, 777), spec(after)));
      expect(there).toEqual(here);
      // Each batch's text comes as the UTF-8 COPY writes, over memory moved from the thread (none shared or pooled).
      for (const { lines } of there) {
        expect(Buffer.isBuffer(lines)).toBe(true);
        expect([lines.byteOffset, lines.buffer.byteLength]).toEqual([0, lines.length]);
      }
      expect(there[0].lastRow).toBe(after + 300);
      expect(there.reduce((n, b) => n + b.rows, 0)).toBe(1200 - after);
    }
  }, 120_000);

  it('reads the upload only as fast as the thread stages it, and stops reading when the import stops', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of chunks(csv(20_000), 16 * 1024)) {
        read++;
        yield chunk;
      }
    }
    const chunkCount = Math.ceil(csv(20_000).length / (16 * 1024));
    const batches = pool.batches(counted(), spec(0));
    const first = await batches.next();
    expect(first.done).toBe(false);
    await batches.return(undefined);
    const after = read;
    expect(after).toBeLessThan(chunkCount / 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(read).toBe(after);
    // The thread serves the next import.
    expect((await all(pool.batches(chunks(csv(10), 64), spec(0)))).map((b) => b.rows)).toEqual([10]);
  }, 120_000);

  it('stages as in place when a fresh pool hands an upload from here to its thread as it loads', async () => {
    const fresh = new StagePool(1);
    try {
      const bytes = csv(3000);
      for (const after of [0, 777]) {
        expect(await all(fresh.batchesNow(() => chunks(bytes, 777), spec(after)))).toEqual(
          await all(stagedBatches(chunks(bytes, 4096), spec(after))),
        );
      }
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('fails the iteration with the reading error of the upload', async () => {
    async function* broken(): AsyncGenerator<Buffer> {
      yield* chunks(csv(5000), 8192);
      throw new Error('connection lost');
    }
    await expect(all(pool.batches(broken(), spec(0)))).rejects.toThrow('connection lost');
  }, 120_000);
});
