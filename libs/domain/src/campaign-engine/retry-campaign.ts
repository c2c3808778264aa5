/**
 * SQL of a failed send's retry, shared by its two ways (the enrollment taken back to the step, EnrollmentsRepository
 * .retry; the message written again, CampaignResends), with the tenant as `$1` and the campaign as `$2`.
 */

/**
 * CTE `campaign`: the campaign a retry may go on in (running, or completed by this enrollment's end; not archived;
 * its schedule not ended at `now`), its row held from before the retry is written (see `completeIfDone`).
 */
export const retryCampaign = (now: string): string =>
  `campaign AS (
         SELECT id, status FROM campaigns
          WHERE tenant_id = $1 AND id = $2 AND status IN ('active', 'paused', 'completed') AND archived_at IS NULL
            AND (schedule_end IS NULL OR schedule_end > ${now})
          FOR NO KEY UPDATE)`;

/**
 * CTE `reopened`: a campaign that completed meanwhile (this enrollment was its last) is active again when the CTE
 * `written` wrote the retry: a retry is never left waiting in a completed campaign.
 */
export const reopenedCampaign = (written: string, now: string): string =>
  `reopened AS (
         UPDATE campaigns c SET status = 'active', completed_at = NULL, updated_at = ${now}
           FROM campaign
          WHERE c.tenant_id = $1 AND c.id = campaign.id AND campaign.status = 'completed'
            AND EXISTS (SELECT 1 FROM ${written})
          RETURNING c.id)`;
