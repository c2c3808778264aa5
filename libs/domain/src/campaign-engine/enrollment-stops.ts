import { SqlRunner, tenantQuery } from '@app/db';
import { stepChannelSql } from '../campaigns/campaign-steps';
import { queuedCampaignSends } from './queued-sends';

const ACTIVE = `('pending', 'queued', 'in_progress', 'waiting')`;

/**
 * A lead's reply stops its sequences (`stop_on_reply`, on by default) and marks them replied (issue 5 item 4),
 * in the transaction that records the reply; a waiting one keeps when its next step was due, for an out-of-office
 * resume. A campaign not started yet (a draft, or scheduled for later) has sent the lead nothing to reply to: its
 * sequence goes on. A sequence whose last step is written but still queued (a throttled backlog, a pause, the
 * window's close) is not over for the lead: it is marked replied too, and the sender's gate drops that message.
 * Answers the campaigns whose enrollment it stopped.
 */
export async function stopOnReply(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
  at: Date,
): Promise<string[]> {
  const rows = await tenantQuery<{ campaign_id: string }>(
    tx,
    tenantId,
    `UPDATE campaign_enrollments e
        SET status = 'replied', replied_at = $3, next_action_at = NULL, updated_at = $3,
            due_before_reply = CASE WHEN e.status IN ('pending', 'waiting') THEN e.next_action_at END
       FROM campaigns c
      WHERE e.tenant_id = $1 AND e.lead_id = $2
        AND (e.status IN ${ACTIVE}
          OR (e.status = 'completed' AND ${queuedCampaignSends('$1', 'e.campaign_id', '$2')}))
        AND c.tenant_id = $1 AND c.id = e.campaign_id AND c.stop_on_reply
        AND c.status NOT IN ('draft', 'scheduled')
      RETURNING e.campaign_id`,
    [leadId, at],
  );
  return rows.map((r) => r.campaign_id);
}

/**
 * A reply first read as out-of-office, now read as something else (a reclassification): the sequences the
 * out-of-office reading resumed (still stamped with the reply's instant) stop again as the reply stopped them.
 * Answers the campaigns whose enrollment stopped.
 */
export async function stopAgainOnReply(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
  repliedAt: Date,
  now: Date,
): Promise<string[]> {
  const rows = await tenantQuery<{ campaign_id: string }>(
    tx,
    tenantId,
    `UPDATE campaign_enrollments e
        SET status = 'replied', next_action_at = NULL, updated_at = $4,
            due_before_reply = CASE WHEN e.status IN ('pending', 'waiting') THEN e.next_action_at END
      WHERE e.tenant_id = $1 AND e.lead_id = $2 AND e.status IN ${ACTIVE} AND e.replied_at = $3
      RETURNING e.campaign_id`,
    [leadId, repliedAt, now],
  );
  return rows.map((r) => r.campaign_id);
}

/**
 * An opt-out on a channel stops the lead's enrollments in campaigns that contact it on that channel (DESIGN §7.1),
 * in the transaction that records the opt-out. Answers the campaigns whose enrollment it stopped. `repliedAt`:
 * the opt-out was read from a reply after it was applied (issue 7's classifier), so the enrollments that reply
 * stopped as `replied` at that instant are opted out too, as a STOP keyword would have left them. `reason`: why the
 * channel is closed to the lead (`bounced`: their email address does not exist).
 */
export async function stopOnOptOut(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
  channel: string,
  at: Date,
  repliedAt: Date | null = null,
  reason: 'opted_out' | 'bounced' = 'opted_out',
): Promise<string[]> {
  const rows = await tenantQuery<{ campaign_id: string }>(
    tx,
    tenantId,
    `UPDATE campaign_enrollments e
        SET status = 'stopped', stop_reason = $6, next_action_at = NULL, updated_at = $4,
            replied_at = CASE WHEN e.status = 'replied' THEN NULL ELSE e.replied_at END
      WHERE e.tenant_id = $1 AND e.lead_id = $2
        AND (e.status IN ${ACTIVE} OR (e.status = 'replied' AND e.stop_reason IS NULL AND e.replied_at = $5))
        AND EXISTS (SELECT 1 FROM campaign_steps s
                     WHERE s.tenant_id = $1 AND s.campaign_id = e.campaign_id AND ${stepChannelSql('s')} = $3)
      RETURNING e.campaign_id`,
    [leadId, channel, at, repliedAt, reason],
  );
  return rows.map((r) => r.campaign_id);
}

/**
 * A lead who asked for a meeting leaves every sequence still going (issue 7 item 2), whatever the campaign's
 * `stop_on_reply` (a campaign that sends on after replies has not reached a person who asked to talk): stopped,
 * `meeting_requested`. Answers the campaigns whose enrollment it stopped.
 */
export async function stopOnMeetingRequest(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
  at: Date,
): Promise<string[]> {
  const rows = await tenantQuery<{ campaign_id: string }>(
    tx,
    tenantId,
    `UPDATE campaign_enrollments e
        SET status = 'stopped', stop_reason = 'meeting_requested', next_action_at = NULL, updated_at = $3
      WHERE e.tenant_id = $1 AND e.lead_id = $2 AND e.status IN ${ACTIVE}
      RETURNING e.campaign_id`,
    [leadId, at],
  );
  return rows.map((r) => r.campaign_id);
}
