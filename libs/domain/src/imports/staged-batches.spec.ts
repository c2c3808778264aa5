import { DataRow, dataRows } from './import-source';
import { stageBatch } from './stage-batch';
import { StagedBatch, stagedBatches, StageSpec } from './staged-batches';
import { byteChunks as chunks, stagingSpec } from './staging.fixture';

/** Rows with phones in several forms, quoted cells holding the delimiter and a newline, and invalid ones. */
function csv(rows: number): Buffer {
  const lines = ['Name;Phone;Email;Notes;Tags'];
  for (let i = 1; i <= rows; i++) {
    const phone =
      i % 7 === 0 ? 'not a phone' : i % 2 ? `+44 7911 ${String(100000 + i)}` : `07911${100000 + i}`;
    const email = i % 5 === 0 ? '' : `lead${i}@example.com`;
    lines.push(`Lead ${i};${phone};${email};"a; b\r\nline\t${i}";"x,y${i % 3}"`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

const spec = (after: number, limits: StageSpec['limits']): StageSpec =>
  stagingSpec(['Name', 'Phone', 'Email', 'Notes', 'Tags'], after, limits);

describe('stagedBatches', () => {
  it('stages each batch as stageBatch stages its rows, cut by rows or by weight, from the start or mid-file', async () => {
    const bytes = csv(3000);
    const all: DataRow[] = [];
    for await (const data of dataRows(chunks(bytes, 4096), 'utf-8', ';')) all.push(data);
    for (const limits of [
      { rows: 1300, bytes: 16 << 20 },
      { rows: 20_000, bytes: 100_000 },
    ])
      for (const after of [0, 1777]) {
        const batches: StagedBatch[] = [];
        for await (const batch of stagedBatches(chunks(bytes, 777), spec(after, limits))) batches.push(batch);
        expect(batches.length).toBeGreaterThan(1);
        let first = after;
        for (const batch of batches) {
          expect(batch.lastRow).toBe(first + batch.rows);
          expect(batch.lines).toEqual(
            stageBatch(all.slice(first, batch.lastRow), spec(after, limits).context),
          );
          first = batch.lastRow;
        }
        expect(first).toBe(3000);
      }
  });
});
