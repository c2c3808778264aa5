import { BatchText } from './batch-text';
import type { DataRow } from './import-source';
import type { StagedBatch } from './staged-batches';

/** When a batch closes: at `rows` rows, or before a row would take its weight past `bytes`. */
export interface BatchLimits {
  rows: number;
  bytes: number;
}

/**
 * What a cell costs beyond its characters, in the same units. Measured in a staging thread (stage-pool.ts, a 160 MB
 * heap) when it held a batch's cells as strings in arrays, its custom fields and its COPY text at once: about 2.3
 * bytes per character of one-byte (Latin-1) text, twice that for other text, plus about 75 bytes per non-empty cell
 * and 12 per empty one. So a cell weighs its length plus 32 (8 when empty), and a weight of 16 MiB stayed under half
 * the heap for any shape of row: 80 columns of 22 characters, 30 of 100, 1000 of one or of none, the same with text
 * outside Latin-1 (the heap ran out at 65 to 80 MiB of weight with Latin-1 text, at 34 to 44 with other text). Rows
 * are now staged as they are read (importBatches), so a batch's cells are no longer held, only its COPY text: the
 * weights are kept, and batches are cut where they were, with more room (80 columns of 22 characters: at most 75 MB
 * of the heap in use at 16 MiB of weight, 145 MB at 64 MiB, where the heap ran out before).
 */
const CELL_WEIGHT = 32;
const EMPTY_CELL_WEIGHT = 8;
/** A row that could not be read (its reason is short). */
const ERROR_ROW_WEIGHT = 256;
/**
 * The most rows of a run's first batch; each later batch may hold twice as many as the one before, up to
 * `limits.rows`. Postgres waits idle while the first batch is parsed and staged (about 1 s for 20,000 rows): a small
 * first batch starts the merge after a few tens of ms, and the staging of the larger ones overlaps it.
 */
export const FIRST_BATCH_ROWS = 1000;

/** A data row's weight in a batch: its cells' characters plus what each cell costs (see CELL_WEIGHT). */
export function rowWeight(data: DataRow): number {
  if ('error' in data) return ERROR_ROW_WEIGHT;
  let weight = 0;
  for (const cell of data.record) weight += cell.length + (cell.length ? CELL_WEIGHT : EMPTY_CELL_WEIGHT);
  return weight;
}

/**
 * The data rows after row `after` (those an earlier run committed are skipped by number), each as its `line` of COPY
 * text as it is read, in batches of at most `limits.rows` rows (the first ones fewer: FIRST_BATCH_ROWS, doubling)
 * and, unless one row alone weighs more, `limits.bytes` of weight. A batch depends only on the rows it holds;
 * resuming never depends on where an earlier run cut, since each batch commits the number of its last row and a
 * resumed run skips rows up to it.
 */
export async function* importBatches(
  rows: AsyncIterable<DataRow>,
  after: number,
  limits: BatchLimits,
  line: (data: DataRow) => string,
): AsyncGenerator<StagedBatch> {
  const text = new BatchText();
  let count = 0;
  let lastRow = 0;
  let weight = 0;
  let most = Math.min(limits.rows, FIRST_BATCH_ROWS);
  for await (const data of rows) {
    if (data.row <= after) continue;
    const w = rowWeight(data);
    if (count && (count >= most || weight + w > limits.bytes)) {
      yield { lines: text.take(), rows: count, lastRow };
      count = 0;
      weight = 0;
      most = Math.min(limits.rows, most * 2);
    }
    text.add(line(data));
    count++;
    lastRow = data.row;
    weight += w;
  }
  if (count) yield { lines: text.take(), rows: count, lastRow };
}
