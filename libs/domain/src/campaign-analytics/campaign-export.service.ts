import { assertTenantId } from '@app/db';
import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { LAST_CALL } from '../campaigns/campaigns.repository';
import { TenantStatistics } from '../system/tenant-statistics';
import { CampaignAnalyticsService } from './campaign-analytics.service';
import { CAMPAIGN_KPI_COUNTS, type CampaignAnalytics } from './campaign-analytics.types';
import { csvFromCursor } from '../exports/csv-cursor';
import { csvCell } from '../leads/lead-csv';
import { campaignFileName, campaignHeader, snippet } from './campaign-header';
import { ENROLLMENT_REPLIED_AT, isReply, KPI_TENANT_TABLES, lastTouchCampaign } from './campaign-kpi.sql';

export const CAMPAIGN_EXPORT_COLUMNS = [
  'lead_id',
  'name',
  'phone',
  'email',
  'enrollment_status',
  'current_step',
  'last_message_status',
  'last_call_disposition',
  'replied_at',
  'snippet',
] as const;

/**
 * `part=kpis`: one row, the figures of GET campaigns/:id/analytics (seed 002's "performance KPIs"): the campaign,
 * the counts its KPI rows sum, then the rates derived from them.
 */
export const CAMPAIGN_KPI_COLUMNS = [
  'campaign_id',
  'name',
  'status',
  'start_time',
  'end_time',
  ...CAMPAIGN_KPI_COUNTS,
  'open_rate',
  'reply_rate',
] as const satisfies readonly (keyof CampaignAnalytics)[];

/** `part=funnel`: one row per step, the funnel the PDF draws. */
export const CAMPAIGN_FUNNEL_COLUMNS = [
  'position',
  'type',
  'sent',
  'delivered',
  'read',
  'opened',
  'replied',
  'failed',
] as const satisfies readonly (keyof CampaignAnalytics['funnel'][number])[];

/** What a CSV export holds: its enrolled leads (streamed), its KPIs, or its per-step funnel. */
export const CAMPAIGN_EXPORT_PARTS = ['leads', 'kpis', 'funnel'] as const;
export type CampaignExportPart = (typeof CAMPAIGN_EXPORT_PARTS)[number];

/**
 * One row per enrollment, oldest first. `replied_at`: the enrollment's while it is `replied`, else the lead's first
 * reply (isReply: no out-of-office auto-reply) that answers this campaign (lastTouchCampaign, as the analytics
 * count); `snippet`: the lead's last inbound text since it was enrolled. Each lateral look-up is an
 * index probe (`ix_messages_tenant_lead`) inside the one streamed statement.
 */
const EXPORT_SQL = `
  SELECT l.id AS lead_id, NULLIF(trim(concat_ws(' ', l.first_name, l.last_name)), '') AS name, l.phone, l.email,
         e.status AS enrollment_status, e.current_step, last_out.status AS last_message_status,
         last_call.disposition AS last_call_disposition,
         coalesce(${ENROLLMENT_REPLIED_AT}, reply.first_reply) AS replied_at, last_in.content AS snippet
    FROM campaign_enrollments e
    JOIN leads l ON l.tenant_id = $1 AND l.id = e.lead_id
    LEFT JOIN LATERAL (
      SELECT m.status FROM messages m
       WHERE m.tenant_id = $1 AND m.lead_id = e.lead_id AND m.campaign_id = $2 AND m.direction = 'outbound'
       ORDER BY m.created_at DESC, m.id DESC LIMIT 1) last_out ON true
    LEFT JOIN LATERAL (${LAST_CALL}) last_call ON true
    LEFT JOIN LATERAL (
      SELECT min(i.created_at) AS first_reply FROM messages i
       WHERE ${ENROLLMENT_REPLIED_AT} IS NULL AND i.tenant_id = $1 AND i.lead_id = e.lead_id
         AND i.direction = 'inbound' AND ${isReply('i')}
         AND ${lastTouchCampaign({ lead: 'e.lead_id', before: 'i.created_at' })} = $2) reply ON true
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

  constructor(
    private readonly db: DataSource,
    private readonly analytics: CampaignAnalyticsService,
    private readonly statistics: TenantStatistics,
  ) {}

  /** 404 before anything streams when the campaign is not the tenant's. */
  async csv(tenantId: string, campaignId: string, part: CampaignExportPart = 'leads'): Promise<CampaignCsv> {
    return part === 'leads'
      ? this.leadsCsv(tenantId, campaignId)
      : this.figuresCsv(tenantId, campaignId, part);
  }

  /** The KPIs (one row) or the funnel (a row per step): bounded, so written whole, as the spreadsheet reads them. */
  private async figuresCsv(
    tenantId: string,
    campaignId: string,
    part: 'kpis' | 'funnel',
  ): Promise<CampaignCsv> {
    const figures = await this.analytics.campaign(tenantId, campaignId);
    const records =
      part === 'kpis'
        ? [CAMPAIGN_KPI_COLUMNS.map((c) => csvCell(c, figures[c]))]
        : figures.funnel.map((step) => CAMPAIGN_FUNNEL_COLUMNS.map((c) => csvCell(c, step[c])));
    const columns = part === 'kpis' ? CAMPAIGN_KPI_COLUMNS : CAMPAIGN_FUNNEL_COLUMNS;
    const text = stringify(records, { header: true, columns: [...columns], bom: true });
    return {
      file_name: campaignFileName({ id: figures.campaign_id, name: figures.name }, 'csv', part),
      stream: Readable.from([text]),
    };
  }

  private async leadsCsv(tenantId: string, campaignId: string): Promise<CampaignCsv> {
    assertTenantId(tenantId);
    const campaign = await campaignHeader(this.db, tenantId, campaignId);
    // Each lead's reply is read by its last campaign message: a new tenant's messages analyzed first (see the KPIs).
    await this.statistics.refresh(tenantId, KPI_TENANT_TABLES);
    const stream = await csvFromCursor(
      this.db,
      { sql: EXPORT_SQL, params: [tenantId, campaignId] },
      CAMPAIGN_EXPORT_COLUMNS,
      (column, value) => csvCell(column, column === 'snippet' ? snippet(value as string | null) : value),
      {
        logger: this.logger,
        context: { tenant_id: tenantId, campaign_id: campaignId },
        what: 'Campaign export ended early',
      },
    );
    return { file_name: campaignFileName(campaign, 'csv'), stream };
  }
}
