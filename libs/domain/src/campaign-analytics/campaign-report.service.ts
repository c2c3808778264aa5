import { Clock } from '@app/common';
import { tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CampaignAnalyticsService } from './campaign-analytics.service';
import type { CampaignAnalytics } from './campaign-analytics.types';
import { campaignFileName, snippet } from './campaign-header';
import { drawCampaignReport } from './campaign-report.pdf';

export interface CampaignStatusCount {
  status: string;
  count: number;
}

export interface CampaignSnippet {
  lead_name: string | null;
  channel: string;
  at: Date;
  text: string;
}

/** Everything the PDF shows; all of it bounded (statuses, 20 snippets), so it is gathered before drawing. */
export interface CampaignReport {
  analytics: CampaignAnalytics;
  lead_statuses: CampaignStatusCount[];
  enrollment_statuses: CampaignStatusCount[];
  snippets: CampaignSnippet[];
  generated_at: Date;
}

export const CAMPAIGN_REPORT_SNIPPETS = 20;

/** The PDF report of a campaign: KPIs, the funnel as a bar chart, lead statuses and conversation snippets. */
@Injectable()
export class CampaignReportService {
  constructor(
    private readonly db: DataSource,
    private readonly analytics: CampaignAnalyticsService,
    private readonly clock: Clock,
  ) {}

  /** 404 when the campaign is not the tenant's; otherwise a PDF stream (`%PDF-...`). */
  async pdf(tenantId: string, campaignId: string): Promise<{ file_name: string; stream: Readable }> {
    const report = await this.report(tenantId, campaignId);
    const { campaign_id: id, name } = report.analytics;
    return { file_name: campaignFileName({ id, name }, 'pdf'), stream: await drawCampaignReport(report) };
  }

  async report(tenantId: string, campaignId: string): Promise<CampaignReport> {
    const analytics = await this.analytics.campaign(tenantId, campaignId);
    const statuses = await tenantQuery<CampaignStatusCount & { kind: 'lead' | 'enrollment' }>(
      this.db,
      tenantId,
      `SELECT 'lead' AS kind, l.status, count(*)::int AS count
         FROM campaign_enrollments e JOIN leads l ON l.tenant_id = $1 AND l.id = e.lead_id
        WHERE e.tenant_id = $1 AND e.campaign_id = $2 GROUP BY l.status
       UNION ALL
       SELECT 'enrollment', e.status, count(*)::int FROM campaign_enrollments e
        WHERE e.tenant_id = $1 AND e.campaign_id = $2 GROUP BY e.status
       ORDER BY 1, 3 DESC, 2`,
      [campaignId],
    );
    const texts = await tenantQuery<{ lead_name: string | null; channel: string; at: Date; content: string }>(
      this.db,
      tenantId,
      `SELECT NULLIF(trim(concat_ws(' ', l.first_name, l.last_name)), '') AS lead_name,
              i.channel, i.created_at AS at, i.content
         FROM campaign_enrollments e
         JOIN leads l ON l.tenant_id = $1 AND l.id = e.lead_id
         CROSS JOIN LATERAL (
           SELECT x.channel, x.created_at, x.content FROM messages x
            WHERE x.tenant_id = $1 AND x.lead_id = e.lead_id AND x.direction = 'inbound'
              AND x.content IS NOT NULL AND x.created_at >= e.created_at
            ORDER BY x.created_at DESC, x.id DESC LIMIT 1) i
        WHERE e.tenant_id = $1 AND e.campaign_id = $2
        ORDER BY i.created_at DESC LIMIT ${CAMPAIGN_REPORT_SNIPPETS}`,
      [campaignId],
    );
    const pick = (kind: string) =>
      statuses.filter((s) => s.kind === kind).map(({ status, count }) => ({ status, count }));
    return {
      analytics,
      lead_statuses: pick('lead'),
      enrollment_statuses: pick('enrollment'),
      snippets: texts.flatMap(({ content, ...rest }) => {
        const text = snippet(content, 300);
        return text ? [{ ...rest, text }] : [];
      }),
      generated_at: this.clock.now(),
    };
  }
}
