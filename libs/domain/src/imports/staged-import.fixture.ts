import type { DataSource } from 'typeorm';
import { mapColumns } from './header-mapping';
import type { BatchScope } from './import-batch';
import { importLeadIdPrefix } from './import-lead-ids';
import { stageBatch } from './stage-batch';

/**
 * For the merge's int-specs: a running import of `tenantId` (its on_duplicate as given) and `records` (first name,
 * email, phone, numbers read as GB) staged as one batch's lines, as the import runner stages a chunk of the file.
 */
export async function stagedImportBatch(
  db: DataSource,
  tenantId: string,
  records: string[][],
  onDuplicate: BatchScope['onDuplicate'] = 'skip',
): Promise<{ importId: string; lines: ReturnType<typeof stageBatch> }> {
  const [{ id: importId }] = (await db.query(
    `INSERT INTO lead_imports (tenant_id, status, columns, options, encoding, delimiter, started_at)
     VALUES ($1, 'running', '[]', jsonb_build_object('on_duplicate', $2::text), 'utf-8', ',', now())
     RETURNING id`,
    [tenantId, onDuplicate],
  )) as { id: string }[];
  const lines = stageBatch(
    records.map((record, i) => ({ row: i + 1, record })),
    {
      columns: mapColumns(['First Name', 'Email', 'Phone']).columns,
      countries: ['GB', null],
      tags: [],
      idPrefix: importLeadIdPrefix(importId, new Date()),
    },
  );
  return { importId, lines };
}
