import { FIRST_BATCH_ROWS, importBatches, rowWeight } from './import-batches';
import type { DataRow } from './import-source';

async function* source(rows: DataRow[]): AsyncGenerator<DataRow> {
  yield* rows;
}

/** Each row's line is its number: the batches as the row numbers they hold, checked against their counts. */
async function cut(rows: DataRow[], after: number, limits: { rows: number; bytes: number }) {
  const batches: number[][] = [];
  for await (const batch of importBatches(source(rows), after, limits, (d) => `${d.row}\n`)) {
    const numbers = batch.lines.toString().split('\n').slice(0, -1).map(Number);
    expect(batch.rows).toBe(numbers.length);
    expect(batch.lastRow).toBe(numbers[numbers.length - 1]);
    batches.push(numbers);
  }
  return batches;
}

/** `n` rows of `width` cells of `chars` characters. */
const wide = (n: number, width: number, chars: number): DataRow[] =>
  Array.from({ length: n }, (_, i) => ({
    row: i + 1,
    record: Array.from({ length: width }, () => 'x'.repeat(chars)),
  }));

describe('importBatches', () => {
  it('weighs a row as its characters plus what each cell costs', () => {
    expect(rowWeight({ row: 1, record: ['abc', '', 'de'] })).toBe(3 + 32 + 8 + 2 + 32);
    expect(rowWeight({ row: 1, error: 'a quoted field is never closed' })).toBe(256);
  });

  it('cuts narrow rows by count', async () => {
    expect(await cut(wide(7, 3, 10), 0, { rows: 3, bytes: 1024 * 1024 })).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7],
    ]);
  });

  it('closes a batch before a row would take it past the byte budget', async () => {
    // 80 cells of 22 characters weigh 80 * 54 = 4320: three rows fit in 13,000, a fourth does not.
    const rows = wide(10, 80, 22);
    expect(rowWeight(rows[0])).toBe(4320);
    expect(await cut(rows, 0, { rows: 20_000, bytes: 13_000 })).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10],
    ]);
  });

  it('puts a row heavier than the budget in a batch of its own', async () => {
    const rows: DataRow[] = [
      { row: 1, record: ['a'] },
      { row: 2, record: ['x'.repeat(5000)] },
      { row: 3, record: ['b'] },
    ];
    expect(await cut(rows, 0, { rows: 100, bytes: 1000 })).toEqual([[1], [2], [3]]);
  });

  it('skips the rows an earlier run committed and cuts the rest by the same rules', async () => {
    expect(await cut(wide(10, 80, 22), 4, { rows: 20_000, bytes: 13_000 })).toEqual([
      [5, 6, 7],
      [8, 9, 10],
    ]);
    expect(await cut(wide(10, 80, 22), 10, { rows: 20_000, bytes: 13_000 })).toEqual([]);
  });

  it('starts with small batches, doubling up to the limit, and starts again so after a resume', async () => {
    const sizes = async (after: number) =>
      (await cut(wide(40_000, 2, 5), after, { rows: 20_000, bytes: 16 * 1024 * 1024 })).map((b) => b.length);
    const f = FIRST_BATCH_ROWS;
    expect(await sizes(0)).toEqual([f, 2 * f, 4 * f, 8 * f, 16 * f, 40_000 - 31 * f]);
    expect(await sizes(39_000)).toEqual([f]);
    expect(await sizes(38_500)).toEqual([f, 500]);
  });

  it('closes a batch at exactly its row limit and its weight limit, not a row earlier', async () => {
    // Three rows of 4320 weigh 12,960: a budget of exactly that holds them, one less does not.
    expect(await cut(wide(7, 80, 22), 0, { rows: 20_000, bytes: 12_960 })).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7],
    ]);
    expect(await cut(wide(7, 80, 22), 0, { rows: 20_000, bytes: 12_959 })).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7],
    ]);
    expect(await cut(wide(7, 80, 22), 0, { rows: 3, bytes: 12_960 })).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('makes each row its line as it is read, before the next row is read, across a batch of many lines', async () => {
    let read = 0;
    async function* counted(): AsyncGenerator<DataRow> {
      for (const data of wide(2500, 2, 5)) {
        read = data.row;
        yield data;
      }
    }
    const lined: number[] = [];
    const texts: string[] = [];
    for await (const batch of importBatches(counted(), 100, { rows: 1500, bytes: 1 << 20 }, (d) => {
      expect(read).toBe(d.row);
      lined.push(d.row);
      return `${d.row},`;
    }))
      texts.push(batch.lines.toString());
    expect(lined).toEqual(Array.from({ length: 2400 }, (_, i) => i + 101));
    // 1000 rows, then 1400 (the limit is 1500): each batch's text is its lines in order, whatever the parts joined.
    expect(texts).toEqual(
      [lined.slice(0, 1000), lined.slice(1000)].map((rows) => rows.map((r) => `${r},`).join('')),
    );
  });
});
