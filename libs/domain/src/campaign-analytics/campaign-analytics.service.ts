import { AppError } from '@app/common';
import type { PageWindow } from '@app/common';
import { tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReportRange } from '../reporting/report-range';
import { TenantStatistics } from '../system/tenant-statistics';
import { CAMPAIGN_REPORT_SQL, CAMPAIGNS_KPI_SQL, KPI_TENANT_TABLES } from './campaign-kpi.sql';
import {
  CampaignAnalytics,
  CampaignKpiRow,
  CampaignsAnalytics,
  CampaignFunnelStep,
  sumCampaignKpis,
  withKpiRates,
} from './campaign-analytics.types';

type KpiSqlRow = Omit<CampaignKpiRow, 'open_rate' | 'reply_rate' | 'start_time' | 'end_time'> & {
  started_at: Date | null;
  ended_at: Date | null;
};

function toRow({ started_at, ended_at, ...counts }: KpiSqlRow): CampaignKpiRow {
  return { ...withKpiRates(counts), start_time: started_at, end_time: ended_at };
}

/**
 * Campaign KPIs and the per-step funnel (issue 5 item 7), each report one statement aggregated in Postgres, run
 * read-only with JIT off (its per-lead look-ups make the planner's estimate large enough to compile, and compiling
 * cost seconds where running costs a fraction of that) and room for its aggregates in memory. Measured: about
 * 0.7 s for a campaign of 50,000 enrollments and 110,000 messages on this machine. A tenant the statistics of its
 * messages do not know yet (its first campaign, before autovacuum's next ANALYZE) has them analyzed first: planned
 * as if it had none, a 15,000-lead campaign's report read all its messages per reply, 35 s.
 */
@Injectable()
export class CampaignAnalyticsService {
  constructor(
    private readonly db: DataSource,
    private readonly statistics: TenantStatistics,
  ) {}

  private async report<T>(tenantId: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    await this.statistics.refresh(tenantId, KPI_TENANT_TABLES);
    return this.db.transaction(async (tx) => {
      await tx.query(`SET TRANSACTION READ ONLY`);
      await tx.query(`SET LOCAL jit = off`);
      await tx.query(`SET LOCAL work_mem = '32MB'`);
      return work(tx);
    });
  }

  /** One campaign of the tenant (an archived one too), else 404. */
  async campaign(tenantId: string, campaignId: string): Promise<CampaignAnalytics> {
    const [row] = await this.report(tenantId, (tx) =>
      tenantQuery<KpiSqlRow & { funnel: CampaignFunnelStep[] }>(tx, tenantId, CAMPAIGN_REPORT_SQL, [
        campaignId,
      ]),
    );
    if (!row) throw AppError.notFound('Campaign');
    const { funnel, ...kpis } = row;
    return { ...toRow(kpis), funnel };
  }

  /**
   * Every campaign of the tenant whose `started_at` is inside the range (no bound: every campaign, drafts too),
   * newest start first: the totals over all of them and one page of rows.
   */
  async campaigns(tenantId: string, range: ReportRange, window: PageWindow): Promise<CampaignsAnalytics> {
    const rows = (
      await this.report(tenantId, (tx) =>
        tenantQuery<KpiSqlRow>(tx, tenantId, CAMPAIGNS_KPI_SQL, [range.from, range.to]),
      )
    ).map(toRow);
    return {
      date_from: range.from,
      date_to: range.to,
      campaign_count: rows.length,
      totals: sumCampaignKpis(rows),
      campaigns: rows.slice(window.offset, window.offset + window.limit),
    };
  }
}
