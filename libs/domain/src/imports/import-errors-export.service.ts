import type { ImportKind } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { csvFromCursor } from '../exports/csv-cursor';
import { csvCell } from '../leads/lead-csv';
import { ImportsService } from './imports.service';

/** The columns of an import's error file: the 1-based data row, the field, the value as sent, and why. */
export const IMPORT_ERROR_COLUMNS = ['row', 'field', 'value', 'reason'] as const;

/**
 * An import's row errors as one CSV, by row (what HubSpot-style importers hand back as the "errors file"): fixed in
 * a spreadsheet, the rows can be imported again. Streamed, however many there are; cells guarded against formulas
 * as every export is.
 */
@Injectable()
export class ImportErrorsExportService {
  private readonly logger = new Logger(ImportErrorsExportService.name);

  constructor(
    private readonly db: DataSource,
    private readonly imports: ImportsService,
  ) {}

  async exportCsv(auth: AuthContext, importId: string, kind: ImportKind): Promise<Readable> {
    await this.imports.mustExist(auth, importId, kind);
    return csvFromCursor(
      this.db,
      {
        sql: `SELECT row, field, value, error AS reason FROM lead_import_errors
               WHERE tenant_id = $1 AND import_id = $2 ORDER BY row, field`,
        params: [auth.tenantId, importId],
      },
      IMPORT_ERROR_COLUMNS,
      // Every cell is text as the file had it: a value is guarded whatever column it was (a lead's `value` or
      // phone column is not exempt here: "+1 (555)" or "=SUM()" in the error file are only what was sent).
      (_column, value) => csvCell('text', value),
      {
        logger: this.logger,
        context: { tenant_id: auth.tenantId, import_id: importId },
        what: 'Import error file ended early',
      },
    );
  }
}
