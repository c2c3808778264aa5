import type { FieldIssue } from '@app/common';
import { SqlRunner, tenantQuery } from '@app/db';
import type { CampaignStatus, StepType } from '@app/db';
import { enrollmentChannel } from './campaign-steps';
import {
  ENROLLABLE_STATUSES,
  EnrollmentCounts,
  enrollFrom,
  firstActionAt,
  LEAD_COLUMNS,
  LeadSource,
} from './enrollment-statement';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The leads one import batch's rows stand for (its staging table, inside the batch's transaction): those it
 * inserted (a row left undecided is a new lead with the row's id, import-batch.ts) or updated and the existing live
 * leads it counted as duplicates, each once.
 */
const IMPORT_BATCH_SOURCE: LeadSource = {
  sql: `SELECT b.lead_id AS req, ${LEAD_COLUMNS}
          FROM (SELECT DISTINCT coalesce(lead_id, id) AS lead_id FROM import_batch
                 WHERE lead_id IS NOT NULL OR outcome IS NULL) b
          LEFT JOIN leads l ON l.tenant_id = $1 AND l.id = b.lead_id`,
  params: [],
};

/** Why `campaign_id` cannot take an import's leads, or null when it can (a live campaign of the tenant). */
export async function importCampaignIssue(
  sql: SqlRunner,
  tenantId: string,
  campaignId: string | undefined,
): Promise<FieldIssue | null> {
  if (campaignId === undefined) return null;
  const id = campaignId.trim();
  const [row] = UUID.test(id)
    ? await tenantQuery<{ status: CampaignStatus; archived_at: Date | null }>(
        sql,
        tenantId,
        'SELECT status, archived_at FROM campaigns WHERE tenant_id = $1 AND id = $2',
        [id],
      )
    : [];
  if (!row || row.archived_at) return { field: 'campaign_id', reason: 'is not a campaign of this tenant' };
  if (!ENROLLABLE_STATUSES.includes(row.status)) {
    return { field: 'campaign_id', reason: `names a ${row.status} campaign, which takes no more leads` };
  }
  return null;
}

/**
 * Enrolls the leads of an import batch's rows (inserted, updated or matched as duplicates), in the batch's
 * transaction (so a resumed import enrolls each row's lead once, with the row). A campaign that has since ended or been archived takes none.
 * Answers the counts and the campaign's status, or null when it took none.
 */
export async function enrollImportBatch(
  sql: SqlRunner,
  tenantId: string,
  campaignId: string,
  now: Date,
): Promise<{ counts: EnrollmentCounts; status: CampaignStatus } | null> {
  const [campaign] = await tenantQuery<{
    status: CampaignStatus;
    schedule_start: Date | null;
    archived_at: Date | null;
  }>(
    sql,
    tenantId,
    'SELECT status, schedule_start, archived_at FROM campaigns WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE',
    [campaignId],
  );
  if (!campaign || campaign.archived_at || !ENROLLABLE_STATUSES.includes(campaign.status)) return null;
  const steps = await tenantQuery<{ position: number; type: StepType; options: Record<string, unknown> }>(
    sql,
    tenantId,
    'SELECT position, type, options FROM campaign_steps WHERE tenant_id = $1 AND campaign_id = $2',
    [campaignId],
  );
  const { enrolled, already_enrolled, skipped } = await enrollFrom(
    sql,
    {
      tenantId,
      campaignId,
      channel: enrollmentChannel(steps),
      nextActionAt: firstActionAt({ status: campaign.status, scheduleStart: campaign.schedule_start }, now),
    },
    IMPORT_BATCH_SOURCE,
  );
  return { counts: { enrolled, already_enrolled, skipped }, status: campaign.status };
}
