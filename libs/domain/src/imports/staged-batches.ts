import type { CsvDelimiter, CsvEncoding } from './csv-format';
import { BatchLimits, importBatches } from './import-batches';
import { dataRows } from './import-source';
import { stagedLine } from './stage-batch';
import type { StageContext } from './staged-row';

/** How an import's stored upload is read, cut and staged (the same wherever it runs). */
export interface StageSpec {
  context: StageContext;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** Rows an earlier run committed: they are skipped by number. */
  after: number;
  limits: BatchLimits;
}

/** A batch of data rows as the COPY text of the staging table, with what its commit records. */
export interface StagedBatch {
  /** The COPY text, as UTF-8 (BatchText): what COPY sends, as it is. */
  lines: Buffer;
  /** Data rows in the batch. */
  rows: number;
  /** The number of its last row. */
  lastRow: number;
}

/**
 * The upload's bytes read as CSV (dataRows), each row staged as it is read (stagedLine) and cut into batches
 * (importBatches): what a run commits, batch by batch. A staging thread (stage.thread.ts) runs it on the bytes the
 * main thread sends it, a small import runs it in place.
 */
export async function* stagedBatches(
  source: AsyncIterable<Buffer>,
  spec: StageSpec,
): AsyncGenerator<StagedBatch> {
  const rows = dataRows(source, spec.encoding, spec.delimiter);
  yield* importBatches(rows, spec.after, spec.limits, (data) => stagedLine(data, spec.context));
}
