import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AuthContext } from '@app/tenancy';
import { DataSource } from 'typeorm';
import { csvFromCursor } from '../exports/csv-cursor';
import { csvCell, LEAD_EXPORT_COLUMNS } from './lead-csv';
import { LeadFilter, LeadsRepository } from './leads.repository';

/** Streams the filtered leads as CSV from a server-side cursor (`csvFromCursor`): any number of rows. */
@Injectable()
export class LeadExportService {
  private readonly logger = new Logger(LeadExportService.name);

  constructor(
    private readonly leads: LeadsRepository,
    private readonly db: DataSource,
  ) {}

  exportCsv(auth: AuthContext, filter: LeadFilter): Promise<Readable> {
    const query = this.leads.filtered(auth.tenantId, {
      ...filter,
      sort: filter.sort ?? 'created_at',
      order: filter.order ?? 'asc',
    });
    query.select(LEAD_EXPORT_COLUMNS.map((c) => `l.${c} AS "${c}"`));
    const [sql, params] = query.getQueryAndParameters();
    return csvFromCursor(this.db, { sql, params }, LEAD_EXPORT_COLUMNS, csvCell, {
      logger: this.logger,
      context: { tenant_id: auth.tenantId },
      what: 'Lead export ended early',
    });
  }
}
