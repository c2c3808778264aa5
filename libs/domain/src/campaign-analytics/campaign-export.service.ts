import { assertTenantId } from '@app/db';
import { Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { pipeline, Readable, Transform } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { csvCell } from '../leads/lead-csv';
import { campaignFileName, campaignHeader, snippet } from './campaign-header';

export const CAMPAIGN_EXPORT_COLUMNS = [
  'lead_id',
  'name',
  'phone',
  'email',
  'enrollment_status',
  'current_step',
  'last_message_status',
  'replied_at',
  'snippet',
] as const;

const BATCH_ROWS = 1000;

/**
 * One row per enrollment, oldest first. `replied_at`: the enrollment's, else the lead's first inbound message after
 * its first campaign send; `snippet`: the lead's last inbound text since it was enrolled. Each lateral look-up is an
 * index probe (`ix_messages_tenant_lead`) inside the one streamed statement.
 */
const EXPORT_SQL = `
  SELECT l.id AS lead_id, NULLIF(trim(concat_ws(' ', l.first_name, l.last_name)), '') AS name, l.phone, l.email,
         e.status AS enrollment_status, e.current_step, last_out.status AS last_message_status,
         coalesce(e.replied_at, reply.first_reply) AS replied_at, last_in.content AS snippet
    FROM campaign_enrollments e
    JOIN leads l ON l.tenant_id = $1 AND l.id = e.lead_id
    LEFT JOIN LATERAL (
      SELECT m.status FROM messages m
       WHERE m.tenant_id = $1 AND m.lead_id = e.lead_id AND m.campaign_id = $2 AND m.direction = 'outbound'
       ORDER BY m.created_at DESC, m.id DESC LIMIT 1) last_out ON true
    LEFT JOIN LATERAL (
      SELECT min(i.created_at) AS first_reply FROM messages i
       WHERE e.replied_at IS NULL AND i.tenant_id = $1 AND i.lead_id = e.lead_id AND i.direction = 'inbound'
         AND i.created_at > (SELECT min(m.created_at) FROM messages m
                              WHERE m.tenant_id = $1 AND m.lead_id = e.lead_id AND m.campaign_id = $2
                                AND m.direction = 'outbound' AND m.status <> 'failed')) reply ON true
    LEFT JOIN LATERAL (
      SELECT i.content FROM messages i
       WHERE i.tenant_id = $1 AND i.lead_id = e.lead_id AND i.direction = 'inbound' AND i.content IS NOT NULL
         AND i.created_at >= e.created_at
       ORDER BY i.created_at DESC, i.id DESC LIMIT 1) last_in ON true
   WHERE e.tenant_id = $1 AND e.campaign_id = $2
   ORDER BY e.created_at, e.id`;

export interface CampaignCsv {
  file_name: string;
  stream: Readable;
}

/** Streams a campaign's leads as CSV from a server-side cursor: rows never pile up in memory. */
@Injectable()
export class CampaignExportService {
  private readonly logger = new Logger(CampaignExportService.name);

  constructor(private readonly db: DataSource) {}

  /** 404 before anything streams when the campaign is not the tenant's. */
  async csv(tenantId: string, campaignId: string): Promise<CampaignCsv> {
    assertTenantId(tenantId);
    const campaign = await campaignHeader(this.db, tenantId, campaignId);
    const runner = this.db.createQueryRunner('slave') as PostgresQueryRunner;
    const client = (await runner.connect()) as PoolClient;
    const rows = client.query(new QueryStream(EXPORT_SQL, [tenantId, campaignId], { batchSize: BATCH_ROWS }));
    const toRecord = new Transform({
      objectMode: true,
      transform(row: Record<string, unknown>, _encoding, done) {
        const values: Record<string, unknown> = { ...row, snippet: snippet(row.snippet as string | null) };
        done(
          null,
          CAMPAIGN_EXPORT_COLUMNS.map((c) => csvCell(c, values[c])),
        );
      },
    });
    const csv = stringify({ header: true, columns: [...CAMPAIGN_EXPORT_COLUMNS], bom: true });
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      void runner.release().catch(() => undefined);
    };
    const stream = pipeline(rows, toRecord, csv, (err) => {
      if (err)
        this.logger.warn(
          { err, tenant_id: tenantId, campaign_id: campaignId },
          'Campaign export ended early',
        );
      release();
    });
    return { file_name: campaignFileName(campaign, 'csv'), stream };
  }
}
