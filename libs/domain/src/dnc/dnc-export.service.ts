import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AuthContext } from '@app/tenancy';
import { DataSource } from 'typeorm';
import { csvFromCursor } from '../exports/csv-cursor';
import { csvCell } from '../leads/lead-csv';
import { DncFilter, DncRepository } from './dnc.repository';

/** The columns of an exported do-not-contact list: what POST /api/dnc/import reads back, and when each was added. */
export const DNC_EXPORT_COLUMNS = ['phone', 'email', 'channel', 'reason', 'created_at'] as const;

/**
 * Streams the tenant's do-not-contact list (the filters of GET /api/dnc) as CSV, oldest first, from a server-side
 * cursor: a national list of millions of numbers never sits in memory.
 */
@Injectable()
export class DncExportService {
  private readonly logger = new Logger(DncExportService.name);

  constructor(
    private readonly entries: DncRepository,
    private readonly db: DataSource,
  ) {}

  exportCsv(auth: AuthContext, filter: DncFilter): Promise<Readable> {
    const [sql, params] = this.entries
      .filtered(auth.tenantId, filter)
      .select([
        'd.phone_normalized AS "phone"',
        'd.email AS "email"',
        'd.channel AS "channel"',
        'd.reason AS "reason"',
        'd.created_at AS "created_at"',
      ])
      .orderBy('d.created_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getQueryAndParameters();
    return csvFromCursor(this.db, { sql, params }, DNC_EXPORT_COLUMNS, csvCell, {
      logger: this.logger,
      context: { tenant_id: auth.tenantId },
      what: 'Do-not-contact export ended early',
    });
  }
}
