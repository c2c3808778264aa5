import { LeadEntity, SqlRunner, tenantQuery } from '@app/db';
import type { MessagingChannel, ReplyClassification } from '@app/providers';
import type { EntityManager } from 'typeorm';
import { optKeyword } from '../inbound/opt-out-keywords';
import type { Engagement } from './lead-scoring';

/** The inbound message to classify, with what classifying and scoring it need. */
export interface ReplyRow {
  id: string;
  lead_id: string | null;
  conversation_id: string;
  channel: MessagingChannel;
  direction: 'inbound' | 'outbound';
  content: string | null;
  subject: string | null;
  provider: string;
  provider_message_id: string | null;
  created_at: Date;
  lead_timezone: string | null;
  lead_timezones: string[] | null;
  tenant_timezone: string;
  tenant_settings: Record<string, unknown>;
  /** From the recorded webhook event, when there is one: the sender's address, when it was received, its id. */
  event_id: string | null;
  sender: string | null;
  received_at: string | null;
}

export async function loadReply(
  sql: SqlRunner,
  tenantId: string,
  messageId: string,
): Promise<ReplyRow | undefined> {
  const [row] = await tenantQuery<ReplyRow>(
    sql,
    tenantId,
    `SELECT m.id, m.lead_id, m.conversation_id, m.channel, m.direction, m.content, m.subject, m.provider,
            m.provider_message_id, m.created_at, l.timezone AS lead_timezone, l.timezones AS lead_timezones,
            t.timezone AS tenant_timezone, t.settings AS tenant_settings,
            w.id AS event_id, w.payload->'message'->>'from' AS sender,
            w.payload->'message'->>'received_at' AS received_at
       FROM messages m
       JOIN tenants t ON t.id = m.tenant_id
       LEFT JOIN leads l ON l.tenant_id = m.tenant_id AND l.id = m.lead_id
       LEFT JOIN webhook_events w
         ON w.tenant_id = m.tenant_id AND w.provider = m.provider
        AND w.event_key = 'inbound:' || m.provider_message_id AND m.direction = 'inbound'
      WHERE m.tenant_id = $1 AND m.id = $2`,
    [messageId],
  );
  return row;
}

/** The stored class of a message, if it was classified before. */
export async function storedLabel(
  sql: SqlRunner,
  tenantId: string,
  messageId: string,
): Promise<string | undefined> {
  const [row] = await tenantQuery<{ label: string }>(
    sql,
    tenantId,
    `SELECT label FROM reply_classifications WHERE tenant_id = $1 AND message_id = $2`,
    [messageId],
  );
  return row?.label;
}

/**
 * The lead, its row locked until the transaction ends (a PATCH or another classification waits). FOR NO KEY UPDATE,
 * as the lead's UPDATE takes: a send of a sequence the class stops holds its enrollment, then its message takes a
 * key-share on the lead, which FOR UPDATE would refuse (a deadlock).
 */
export function lockLead(tx: EntityManager, tenantId: string, leadId: string): Promise<LeadEntity | null> {
  return tx.getRepository(LeadEntity).findOne({
    where: { id: leadId, tenantId },
    lock: { mode: 'for_no_key_update' },
  });
}

/** One row per message: a reclassification overwrites it. */
export async function upsertClassification(
  tx: SqlRunner,
  tenantId: string,
  reply: ReplyRow & { lead_id: string },
  result: ReplyClassification,
  interactionId: string | null,
): Promise<void> {
  await tenantQuery(
    tx,
    tenantId,
    `INSERT INTO reply_classifications AS r
       (tenant_id, message_id, lead_id, conversation_id, label, confidence, reason, return_date, referral, language,
        interaction_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)
     ON CONFLICT (tenant_id, message_id) DO UPDATE
        SET label = EXCLUDED.label, confidence = EXCLUDED.confidence, reason = EXCLUDED.reason,
            return_date = EXCLUDED.return_date, referral = EXCLUDED.referral, language = EXCLUDED.language,
            interaction_id = EXCLUDED.interaction_id, updated_at = now()
      WHERE r.tenant_id = $1
     RETURNING r.id`,
    [
      reply.id,
      reply.lead_id,
      reply.conversation_id,
      result.label,
      result.confidence,
      result.reason,
      result.return_date,
      result.referral ? JSON.stringify(result.referral) : null,
      result.language,
      interactionId,
    ],
  );
}

/** What the lead did: its messages with text, the emails it opened and the ones it clicked through. */
export async function engagementOf(tx: SqlRunner, tenantId: string, leadId: string): Promise<Engagement> {
  const [row] = await tenantQuery<Engagement>(
    tx,
    tenantId,
    `SELECT count(*) FILTER (WHERE direction = 'inbound' AND btrim(coalesce(content, '')) <> '')::int AS replies,
            count(*) FILTER (WHERE direction = 'outbound' AND opened_at IS NOT NULL)::int AS email_opens,
            count(*) FILTER (WHERE direction = 'outbound' AND clicked_at IS NOT NULL)::int AS clicks
       FROM messages WHERE tenant_id = $1 AND lead_id = $2`,
    [leadId],
  );
  return row;
}

/**
 * Whether the lead opted back in on the channel (START / UNSTOP) after this message: an opt-out read from an
 * older message (a slow classification, a reclassification) must not close the channel again.
 */
export async function optedInSince(tx: SqlRunner, tenantId: string, reply: ReplyRow): Promise<boolean> {
  const later = await tenantQuery<{ content: string | null }>(
    tx,
    tenantId,
    `SELECT content FROM messages
      WHERE tenant_id = $1 AND lead_id = $2 AND channel = $3 AND direction = 'inbound'
        AND (created_at, id) > (SELECT o.created_at, o.id FROM messages o WHERE o.tenant_id = $1 AND o.id = $4)
        AND length(content) <= 16`,
    [reply.lead_id, reply.channel, reply.id],
  );
  return later.some((m) => optKeyword(m.content)?.kind === 'opt_in');
}

/** The lead's address on the channel, when the message came without a recorded webhook event. */
export async function leadAddress(
  tx: SqlRunner,
  tenantId: string,
  lead: LeadEntity,
  channel: MessagingChannel,
): Promise<string | null> {
  if (channel === 'email') return lead.email;
  if (channel !== 'telegram') return lead.phoneNormalized;
  const [row] = await tenantQuery<{ address: string }>(
    tx,
    tenantId,
    `SELECT address FROM lead_identities WHERE tenant_id = $1 AND lead_id = $2 AND channel = 'telegram' LIMIT 1`,
    [lead.id],
  );
  return row?.address ?? null;
}

/** An enrollment the out-of-office reply had stopped, with the zone of its campaign. */
export interface StoppedEnrollment {
  id: string;
  campaign_id: string;
  campaign_status: string;
  campaign_timezone: string | null;
}

/**
 * The instant the reply was applied at, as stopOnReply stamped the enrollments it stopped (`replied_at`): the
 * conversation's last inbound time, while this is its latest inbound message. Null when a later message came
 * (a later reply: what this one stopped is not taken back).
 */
export async function replyStamp(
  tx: SqlRunner,
  tenantId: string,
  reply: ReplyRow & { lead_id: string },
): Promise<Date | null> {
  const [row] = await tenantQuery<{ last_inbound_at: Date | null }>(
    tx,
    tenantId,
    `SELECT v.last_inbound_at FROM conversations v
      WHERE v.tenant_id = $1 AND v.id = $2
        AND NOT EXISTS (SELECT 1 FROM messages m
                         WHERE m.tenant_id = $1 AND m.conversation_id = $2 AND m.direction = 'inbound'
                           AND (m.created_at, m.id) > (SELECT o.created_at, o.id FROM messages o
                                                        WHERE o.tenant_id = $1 AND o.id = $3))`,
    [reply.conversation_id, reply.id],
  );
  return row?.last_inbound_at ?? null;
}

/**
 * The lead's enrollments a reply applied at `stamp` stopped as `replied`, locked, with their campaign's zone (a
 * cancelled campaign's too: its cancel left them `replied`, and an out-of-office is no reply).
 * Their campaigns' rows are held too, so `campaign_status` stays true until commit: a resume moves an enrollment
 * back to acting, and takes turns with its campaign's completion (EnrollmentsRepository.completeIfDone).
 */
export async function enrollmentsStoppedAt(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
  stamp: Date,
): Promise<StoppedEnrollment[]> {
  return tenantQuery<StoppedEnrollment>(
    tx,
    tenantId,
    `SELECT e.id, e.campaign_id, c.status AS campaign_status, c.timezone AS campaign_timezone
       FROM campaign_enrollments e
       JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
      WHERE e.tenant_id = $1 AND e.lead_id = $2 AND e.status = 'replied' AND e.stop_reason IS NULL
        AND e.replied_at = $3 AND c.status IN ('active', 'paused', 'completed', 'cancelled') AND c.archived_at IS NULL
      ORDER BY e.id
      FOR UPDATE OF e FOR NO KEY UPDATE OF c`,
    [leadId, stamp],
  );
}

/**
 * Back to `waiting` at the step it stood at, due `at` or when the step was due before the reply, whichever is
 * later; a completed campaign is active again. It keeps the reply's instant (`replied_at`): a reclassification of
 * the reply as a real one finds it by that and stops it again.
 */
export async function resumeEnrollment(
  tx: SqlRunner,
  tenantId: string,
  enrollment: StoppedEnrollment,
  at: Date,
  now: Date,
): Promise<boolean> {
  const rows = await tenantQuery(
    tx,
    tenantId,
    `UPDATE campaign_enrollments
        SET status = 'waiting', updated_at = $4, due_before_reply = NULL,
            next_action_at = GREATEST($3::timestamptz, due_before_reply)
      WHERE tenant_id = $1 AND id = $2 AND status = 'replied'
      RETURNING id`,
    [enrollment.id, at, now],
  );
  if (rows.length && enrollment.campaign_status === 'completed') {
    await tenantQuery(
      tx,
      tenantId,
      `UPDATE campaigns SET status = 'active', completed_at = NULL, updated_at = $3
        WHERE tenant_id = $1 AND id = $2 AND status = 'completed'
        RETURNING id`,
      [enrollment.campaign_id, now],
    );
  }
  return rows.length === 1;
}

/**
 * An enrollment of a cancelled campaign the out-of-office reply had stopped: stopped as the cancel stopped every
 * sequence still going (`cancelled`), since the auto-reply stopped nothing. It keeps the reply's instant, as a
 * resumed one does.
 */
export async function stopAsCancelled(
  tx: SqlRunner,
  tenantId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const rows = await tenantQuery(
    tx,
    tenantId,
    `UPDATE campaign_enrollments
        SET status = 'stopped', stop_reason = 'cancelled', due_before_reply = NULL, next_action_at = NULL,
            updated_at = $3
      WHERE tenant_id = $1 AND id = $2 AND status = 'replied'
      RETURNING id`,
    [id, now],
  );
  return rows.length === 1;
}

/**
 * The lead's sequences a reply does not stop (their campaign's `stop_on_reply` is off) that wait for their next
 * step, locked, with their campaign's zone: an out-of-office reply still holds them until the return.
 */
export async function enrollmentsGoingOn(
  tx: SqlRunner,
  tenantId: string,
  leadId: string,
): Promise<{ id: string; campaign_id: string; campaign_timezone: string | null }[]> {
  return tenantQuery(
    tx,
    tenantId,
    `SELECT e.id, e.campaign_id, c.timezone AS campaign_timezone
       FROM campaign_enrollments e
       JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
      WHERE e.tenant_id = $1 AND e.lead_id = $2 AND e.status = 'waiting' AND NOT c.stop_on_reply
        AND c.status IN ('active', 'paused') AND c.archived_at IS NULL
      ORDER BY e.id
      FOR UPDATE OF e`,
    [leadId],
  );
}

/** A waiting enrollment's next step no sooner than `at` (a later one keeps its own day). */
export async function postponeEnrollment(tx: SqlRunner, tenantId: string, id: string, at: Date, now: Date) {
  const rows = await tenantQuery(
    tx,
    tenantId,
    `UPDATE campaign_enrollments SET next_action_at = GREATEST(next_action_at, $3::timestamptz), updated_at = $4
      WHERE tenant_id = $1 AND id = $2 AND status = 'waiting' AND next_action_at < $3::timestamptz
      RETURNING id`,
    [id, at, now],
  );
  return rows.length === 1;
}

/** Whether a classified opt-out of this message was recorded (a retried job confirms it). */
export async function classifiedOptOutRecorded(
  sql: SqlRunner,
  tenantId: string,
  messageId: string,
): Promise<boolean> {
  const [row] = await tenantQuery<{ n: number }>(
    sql,
    tenantId,
    `SELECT count(*)::int AS n FROM activity_log
      WHERE tenant_id = $1 AND type = 'lead.opted_out' AND data->>'message_id' = $2`,
    [messageId],
  );
  return row.n > 0;
}
