import { BatchText } from './batch-text';
import type { DataRow } from './import-source';
import { StageContext, stageRecord } from './staged-row';
import { stagingLine } from './staging-line';

/** A data row, checked and normalised, as its COPY text line of the staging table. */
export function stagedLine(data: DataRow, context: StageContext): string {
  return stagingLine(
    'error' in data
      ? {
          row: data.row,
          fields: {},
          emailKey: null,
          errors: [{ field: 'row', value: null, error: data.error }],
        }
      : stageRecord(data.record, data.row, context),
    context.idPrefix,
  );
}

/** A batch of data rows, checked and normalised, as the COPY text of the staging table (UTF-8, as a batch's). */
export function stageBatch(rows: DataRow[], context: StageContext): Buffer {
  const text = new BatchText();
  for (const data of rows) text.add(stagedLine(data, context));
  return text.take();
}
