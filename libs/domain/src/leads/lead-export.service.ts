import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { pipeline, Readable, Transform } from 'node:stream';
import type { AuthContext } from '@app/tenancy';
import { DataSource } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { csvCell, LEAD_EXPORT_COLUMNS } from './lead-csv';
import { LeadFilter, LeadsRepository } from './leads.repository';

const BATCH_ROWS = 1000;

/**
 * Streams the filtered leads as CSV straight from a server-side cursor: a million rows never sit in memory,
 * and the connection goes back to the pool when the stream ends, fails or the client goes away.
 */
@Injectable()
export class LeadExportService {
  private readonly logger = new Logger(LeadExportService.name);

  constructor(
    private readonly leads: LeadsRepository,
    private readonly db: DataSource,
  ) {}

  async exportCsv(auth: AuthContext, filter: LeadFilter): Promise<Readable> {
    const query = this.leads.filtered(auth.tenantId, {
      ...filter,
      sort: filter.sort ?? 'created_at',
      order: filter.order ?? 'asc',
    });
    query.select(LEAD_EXPORT_COLUMNS.map((c) => `l.${c} AS "${c}"`));
    const [sql, params] = query.getQueryAndParameters();
    const runner = this.db.createQueryRunner('slave') as PostgresQueryRunner;
    const client = (await runner.connect()) as PoolClient;
    const rows = client.query(new QueryStream(sql, params, { batchSize: BATCH_ROWS }));
    const toRecord = new Transform({
      objectMode: true,
      transform(row: Record<string, unknown>, _encoding, done) {
        done(
          null,
          LEAD_EXPORT_COLUMNS.map((c) => csvCell(c, row[c])),
        );
      },
    });
    const csv = stringify({ header: true, columns: [...LEAD_EXPORT_COLUMNS], bom: true });
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      void runner.release().catch(() => undefined);
    };
    return pipeline(rows, toRecord, csv, (err) => {
      if (err) this.logger.warn({ err, tenant_id: auth.tenantId }, 'Lead export ended early');
      release();
    });
  }
}
