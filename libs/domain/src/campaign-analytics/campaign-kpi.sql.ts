/**
 * The SQL behind campaign analytics, shared by the per-campaign and the cross-campaign reports. Every statement
 * binds the tenant as $1 and filters every table on it; messages are read through `ix_messages_tenant_campaign`
 * (tenant_id, campaign_id, step_id) and aggregated with FILTER clauses, once per statement, never per lead.
 *
 * Definitions (the DTOs repeat them):
 * - a message of the campaign: an outbound message carrying its `campaign_id` (a manual message sent from the
 *   campaign's conversation view included; the funnel counts step sends only);
 * - sent: the provider took it (sent, delivered or read); delivered: delivered or read; read: WhatsApp read;
 * - failed: the provider refused it or could not deliver it; withdrawn: failed without being tried (WITHDRAWN);
 * - open base: email messages the server accepted (email reports no delivery, so sent counts as delivered) or
 *   opened, and WhatsApp messages delivered or read; opened: email `opened_at` set, WhatsApp read;
 * - a lead's first send: its earliest campaign message that did not fail;
 * - a lead's inbound message answers the campaign of the last campaign message (that did not fail) sent to the lead
 *   before it, whichever campaign that was (last touch): a lead in several campaigns is credited to one;
 * - a reply: an inbound message, unless the classifier read it as an out-of-office auto-reply (issue 7: the engine
 *   then resumes the sequence, putting the enrollment back to waiting with its `replied_at` kept);
 * - replied: the enrollment is `replied` (its `replied_at` the reply time), or the lead sent a reply that answers
 *   this campaign; reached: the enrollment got a message the provider took, or replied;
 * - opted out: the enrollment was stopped (or refused) with `stop_reason = opted_out`, or the lead is now opted
 *   out of a channel on which this campaign sent it the last campaign message (the contact policy refuses a send on
 *   an opted-out channel, so that opt-out came after the send);
 * - calls of the campaign: its CALL steps' and voice broadcast's calls to leads (kinds dialer and broadcast, not the
 *   agents' legs); placed: the provider took it (it has a call sid); answered, voicemail, abandoned, no answer, busy,
 *   failed (refused when placed, or failed on the network): by disposition;
 *   an enrollment whose lead picked up (answered or abandoned) is reached too;
 * - completed: enrollments that went through every step; enrollments failed: those the campaign could not go on
 *   with (no step's channel had an address, no common window, a step's send or error ended it);
 * - qualified: the lead's status is qualified or converted, or scoring qualified it (`qualification_status`
 *   qualified or meeting_requested).
 */

const SENT = `('sent', 'delivered', 'read')`;

/**
 * Failed message `m` was never tried at the provider: the platform withdrew it (a cancel, the schedule's end, a
 * reply or an opt-out since it was made: `campaign:*`, `policy:*`; a human took the conversation over: `ai:*`; its
 * lead erased). Counted as `withdrawn`, not `failed`, which is what the provider refused or could not deliver.
 */
export const WITHDRAWN = (m: string) =>
  `(coalesce(${m}.error_code, '') LIKE ANY (ARRAY['campaign:%', 'policy:%', 'ai:%', 'lead_erased']))`;

/**
 * The tables these statements read per lead by the tenant's key, whose statistics must know the tenant for the
 * look-ups to use the key (the reports and the live progress totals refresh them first).
 */
export const KPI_TENANT_TABLES = ['messages', 'reply_classifications'] as const;

/** Per (campaign, lead): the message counts and what the enrollment rules need. Needs CTE `c` (the campaigns). */
const LEAD_SENDS = `
  lead_sends AS (
    SELECT m.campaign_id, m.lead_id,
           count(*) FILTER (WHERE m.status IN ${SENT}) AS sent,
           count(*) FILTER (WHERE m.status IN ('delivered', 'read')) AS delivered,
           count(*) FILTER (WHERE m.status = 'read' OR m.read_at IS NOT NULL) AS read,
           count(*) FILTER (WHERE m.status = 'failed' AND NOT ${WITHDRAWN('m')}) AS failed,
           count(*) FILTER (WHERE m.status = 'failed' AND ${WITHDRAWN('m')}) AS withdrawn,
           count(*) FILTER (WHERE m.status = 'unknown') AS unknown,
           count(*) FILTER (WHERE (m.channel = 'email' AND (m.status IN ${SENT} OR m.opened_at IS NOT NULL))
                               OR (m.channel = 'whatsapp' AND (m.status IN ('delivered', 'read') OR m.read_at IS NOT NULL))
                           ) AS open_base,
           count(*) FILTER (WHERE (m.channel = 'email' AND m.opened_at IS NOT NULL)
                               OR (m.channel = 'whatsapp' AND (m.status = 'read' OR m.read_at IS NOT NULL))
                           ) AS opened,
           min(m.created_at) FILTER (WHERE m.status <> 'failed') AS first_at,
           array_agg(m.channel::text) AS channels
      FROM messages m
     WHERE m.tenant_id = $1 AND m.campaign_id IN (SELECT id FROM c) AND m.direction = 'outbound'
     GROUP BY m.campaign_id, m.lead_id
  )`;

/** Per (campaign, lead): its calls by outcome, read through `ix_calls_tenant_campaign`. Needs CTE `c`. */
const LEAD_CALLS = `
  lead_calls AS (
    SELECT k.campaign_id, k.lead_id,
           count(*) FILTER (WHERE k.call_sid IS NOT NULL) AS placed,
           count(*) FILTER (WHERE k.disposition = 'answered') AS answered,
           count(*) FILTER (WHERE k.disposition = 'voicemail') AS voicemail,
           count(*) FILTER (WHERE k.disposition = 'abandoned') AS abandoned,
           count(*) FILTER (WHERE k.disposition = 'no_answer') AS no_answer,
           count(*) FILTER (WHERE k.disposition = 'busy') AS busy,
           count(*) FILTER (WHERE k.disposition = 'failed') AS failed
      FROM calls k
     WHERE k.tenant_id = $1 AND k.campaign_id IN (SELECT id FROM c) AND k.kind IN ('dialer', 'broadcast')
     GROUP BY k.campaign_id, k.lead_id
  )`;

/**
 * Inbound message `alias` is a reply: not an out-of-office auto-reply (its classification, one per message, read
 * on `uq_reply_classifications_message`). A message not classified yet counts. Binds the tenant as $1.
 */
export function isReply(alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM reply_classifications rc
                       WHERE rc.tenant_id = $1 AND rc.message_id = ${alias}.id AND rc.label = 'out_of_office')`;
}

/**
 * When enrollment `e` replied, as the engine recorded it: `replied_at` while it is `replied` (an out-of-office
 * reading resumes it and keeps the stamp, which is then no reply).
 */
export const ENROLLMENT_REPLIED_AT = `CASE WHEN e.status = 'replied' THEN e.replied_at END`;

/** A campaign message sent to the lead (not failed): what a later reply or opt-out is credited to. */
const TOUCH = `m.tenant_id = $1 AND m.direction = 'outbound' AND m.campaign_id IS NOT NULL AND m.status <> 'failed'`;

/**
 * The campaign of the last campaign message sent to `lead` (before `before`, on `channel` when given): the one a reply
 * or an opt-out is credited to (last touch). A backwards probe on `ix_messages_tenant_lead`; binds the tenant as $1.
 * Shared by the KPIs, the export and the live progress totals.
 */
export function lastTouchCampaign(where: { lead: string; before?: string; channel?: string }): string {
  return `(SELECT m.campaign_id FROM messages m
            WHERE ${TOUCH} AND m.lead_id = ${where.lead}${where.before ? ` AND m.created_at < ${where.before}` : ''}${
              where.channel ? ` AND m.channel = ${where.channel}` : ''
            }
            ORDER BY m.created_at DESC, m.id DESC LIMIT 1)`;
}

/** Message `alias` is a reply of its lead: inbound, and a reply (isReply). Binds the tenant as $1. */
const replyMessage = (alias: string) =>
  `${alias}.tenant_id = $1 AND ${alias}.direction = 'inbound' AND ${isReply(alias)}`;

/** The campaign that reply `alias` answers: the last campaign message sent to its lead before it (last touch). */
export const answeredCampaign = (alias: string) =>
  lastTouchCampaign({ lead: `${alias}.lead_id`, before: `${alias}.created_at` });

/**
 * Lead `lead` sent a reply that answers campaign `campaign` (the analytics' `replied`, beside an enrollment marked
 * replied): a probe of the lead's messages on `ix_messages_tenant_lead`, each inbound one's last touch read backwards.
 * Binds the tenant as $1. The live progress totals count `replied` with it, as the KPIs' `replies` do.
 */
export function repliedTo(where: { lead: string; campaign: string }): string {
  return `EXISTS (SELECT 1 FROM messages i
                   WHERE i.lead_id = ${where.lead} AND ${replyMessage('i')} AND ${answeredCampaign('i')} = ${where.campaign})`;
}

/**
 * Per (campaign, lead): the lead's first reply (isReply) that answers the campaign (the last campaign message before
 * it is the campaign's, read backwards on `ix_messages_tenant_lead`). Needs `lead_sends`.
 */
const REPLIES = `
  replies AS (
    SELECT t.campaign_id, i.lead_id, min(i.created_at) AS reply_at
      FROM (SELECT DISTINCT lead_id FROM lead_sends) ll
      JOIN messages i ON i.lead_id = ll.lead_id AND ${replyMessage('i')}
     CROSS JOIN LATERAL (SELECT ${answeredCampaign('i')} AS campaign_id) t
     WHERE t.campaign_id IN (SELECT id FROM c)
     GROUP BY t.campaign_id, i.lead_id
  )`;

/**
 * Per enrollment: reply time, replied, reached, opted out. Needs `c`, `lead_sends`, `lead_calls`, `replies`. Opted
 * out of a channel: a backwards probe of the lead's messages per channel it is opted out of (most leads, none), as
 * the live progress totals count it; a scan of the campaign's last touches per enrollment made a 13,500-lead
 * campaign's report take 7.8 s.
 */
const ENROLLMENTS = `
  enr AS (
    SELECT e.campaign_id, e.lead_id, e.status, r.reply_at,
           (l.status IN ('qualified', 'converted')
             OR l.qualification_status IN ('qualified', 'meeting_requested')) AS qualified,
           (e.status = 'replied' OR r.reply_at IS NOT NULL) AS replied,
           (coalesce(ls.sent, 0) > 0 OR coalesce(lc.answered + lc.abandoned, 0) > 0 OR e.status = 'replied'
             OR r.reply_at IS NOT NULL) AS reached,
           ((e.status IN ('stopped', 'dnc') AND e.stop_reason = 'opted_out')
             OR (l.opted_out_channels <> '{}' AND EXISTS (
                   SELECT 1 FROM unnest(l.opted_out_channels) ch
                    WHERE ${lastTouchCampaign({ lead: 'e.lead_id', channel: 'ch' })} = e.campaign_id))) AS opted_out
      FROM campaign_enrollments e
      JOIN leads l ON l.tenant_id = $1 AND l.id = e.lead_id
      LEFT JOIN lead_sends ls ON ls.campaign_id = e.campaign_id AND ls.lead_id = e.lead_id
      LEFT JOIN lead_calls lc ON lc.campaign_id = e.campaign_id AND lc.lead_id = e.lead_id
      LEFT JOIN replies x ON x.campaign_id = e.campaign_id AND x.lead_id = e.lead_id
      CROSS JOIN LATERAL (SELECT coalesce(${ENROLLMENT_REPLIED_AT}, x.reply_at) AS reply_at) r
     WHERE e.tenant_id = $1 AND e.campaign_id IN (SELECT id FROM c)
  )`;

const KPI_COLUMNS = `
  c.id AS campaign_id, c.name, c.status, c.started_at, coalesce(c.completed_at, c.cancelled_at) AS ended_at,
  coalesce(p.total_leads, 0)::int AS total_leads, coalesce(p.qualified_count, 0)::int AS qualified_count,
  coalesce(s.sent, 0)::int AS sent, coalesce(s.delivered, 0)::int AS delivered, coalesce(s.read, 0)::int AS read,
  coalesce(s.failed, 0)::int AS failed, coalesce(s.withdrawn, 0)::int AS withdrawn,
  coalesce(s.unknown, 0)::int AS unknown,
  coalesce(s.open_base, 0)::int AS open_base, coalesce(s.opened, 0)::int AS opened,
  coalesce(p.reached, 0)::int AS reached, coalesce(p.replied, 0)::int AS replied,
  coalesce(p.opted_out, 0)::int AS opted_out, coalesce(p.queued, 0)::int AS queued,
  coalesce(p.completed, 0)::int AS completed, coalesce(p.enrollments_failed, 0)::int AS enrollments_failed,
  coalesce(k.placed, 0)::int AS calls_placed, coalesce(k.answered, 0)::int AS calls_answered,
  coalesce(k.voicemail, 0)::int AS calls_voicemail, coalesce(k.abandoned, 0)::int AS calls_abandoned,
  coalesce(k.no_answer, 0)::int AS calls_no_answer, coalesce(k.busy, 0)::int AS calls_busy,
  coalesce(k.failed, 0)::int AS calls_failed`;

/**
 * The KPI row of each campaign `c` selects, in one statement: messages scanned once, enrollments once. `funnel`
 * adds CTEs and a column (the single-campaign report) reading the same `enr`.
 */
function kpiSql(campaigns: string, funnel?: { ctes: string; column: string }): string {
  return `
    WITH c AS (${campaigns}),
    ${LEAD_SENDS},
    ${LEAD_CALLS},
    ${REPLIES},
    ${ENROLLMENTS},
    sends AS (
      SELECT campaign_id, sum(sent) AS sent, sum(delivered) AS delivered, sum(read) AS read, sum(failed) AS failed,
             sum(withdrawn) AS withdrawn, sum(unknown) AS unknown, sum(open_base) AS open_base, sum(opened) AS opened
        FROM lead_sends GROUP BY campaign_id
    ),
    call_totals AS (
      SELECT campaign_id, sum(placed) AS placed, sum(answered) AS answered, sum(voicemail) AS voicemail,
             sum(abandoned) AS abandoned, sum(no_answer) AS no_answer, sum(busy) AS busy, sum(failed) AS failed
        FROM lead_calls GROUP BY campaign_id
    ),
    people AS (
      SELECT campaign_id, count(*) AS total_leads,
             count(*) FILTER (WHERE qualified) AS qualified_count,
             count(*) FILTER (WHERE reached) AS reached, count(*) FILTER (WHERE replied) AS replied,
             count(*) FILTER (WHERE opted_out) AS opted_out,
             count(*) FILTER (WHERE status IN ('queued', 'in_progress')) AS queued,
             count(*) FILTER (WHERE status = 'completed') AS completed,
             count(*) FILTER (WHERE status = 'failed') AS enrollments_failed
        FROM enr GROUP BY campaign_id
    )${funnel ? `,${funnel.ctes}` : ''}
    SELECT ${KPI_COLUMNS}${funnel ? `, ${funnel.column}` : ''}
      FROM c
      LEFT JOIN sends s ON s.campaign_id = c.id
      LEFT JOIN people p ON p.campaign_id = c.id
      LEFT JOIN call_totals k ON k.campaign_id = c.id
     ORDER BY c.started_at DESC NULLS LAST, c.created_at DESC, c.id`;
}

const CAMPAIGN_COLUMNS = `id, name, status, started_at, completed_at, cancelled_at, created_at`;

/**
 * The funnel of campaign $2: per step, its step sends by status, and the replies it drew. A reply counts for the
 * step of the lead's last campaign message before it on the reply's channel (an SMS answered after the email step
 * went is the SMS step's), else on any channel; one that failed does not count. An enrollment marked replied
 * without a reply time counts for its last such message. DELAY steps appear with zeros.
 */
const FUNNEL = {
  ctes: `
  reply_steps AS (
    SELECT last.step_id, count(*) AS replied
      FROM enr
      -- The reply's channel: the lead's last inbound message at the reply time, on ix_messages_tenant_lead.
      LEFT JOIN LATERAL (
        SELECT i.channel FROM messages i
         WHERE i.tenant_id = $1 AND i.lead_id = enr.lead_id AND i.direction = 'inbound'
           AND i.created_at <= coalesce(enr.reply_at, 'infinity'::timestamptz)
         ORDER BY i.created_at DESC LIMIT 1) reply ON true
     CROSS JOIN LATERAL (
       -- The lead's step sends read on ix_messages_tenant_lead, the campaign checked after the OFFSET 0 fence: with
       -- the campaign in the scan, a campaign the statistics do not know yet (estimated at one message) was probed
       -- on ix_messages_tenant_campaign, all its messages per replied lead (9.8 s for 2,108 replies of 13,500).
       SELECT m.step_id
         FROM (SELECT m.step_id, m.campaign_id, m.channel, m.created_at, m.id FROM messages m
                WHERE m.tenant_id = $1 AND m.lead_id = enr.lead_id
                  AND m.direction = 'outbound' AND m.step_id IS NOT NULL AND m.status <> 'failed'
                  AND m.created_at <= coalesce(enr.reply_at, 'infinity'::timestamptz)
               OFFSET 0) m
        WHERE m.campaign_id = $2
        ORDER BY (m.channel = reply.channel) IS TRUE DESC, m.created_at DESC, m.id DESC LIMIT 1) last
     WHERE enr.replied
     GROUP BY last.step_id
  ),
  by_step AS (
    SELECT m.step_id,
           count(*) FILTER (WHERE m.status IN ${SENT}) AS sent,
           count(*) FILTER (WHERE m.status IN ('delivered', 'read')) AS delivered,
           count(*) FILTER (WHERE m.status = 'read' OR m.read_at IS NOT NULL) AS read,
           count(*) FILTER (WHERE (m.channel = 'email' AND m.opened_at IS NOT NULL)
                               OR (m.channel = 'whatsapp' AND (m.status = 'read' OR m.read_at IS NOT NULL))) AS opened,
           count(*) FILTER (WHERE m.status = 'failed' AND NOT ${WITHDRAWN('m')}) AS failed
      FROM messages m
     WHERE m.tenant_id = $1 AND m.campaign_id = $2 AND m.step_id IS NOT NULL AND m.direction = 'outbound'
     GROUP BY m.step_id
  )`,
  column: `(
    SELECT coalesce(json_agg(json_build_object(
             'position', st.position, 'type', st.type, 'sent', coalesce(b.sent, 0),
             'delivered', coalesce(b.delivered, 0), 'read', coalesce(b.read, 0), 'opened', coalesce(b.opened, 0),
             'replied', coalesce(r.replied, 0), 'failed', coalesce(b.failed, 0)) ORDER BY st.position), '[]')
      FROM campaign_steps st
      LEFT JOIN by_step b ON b.step_id = st.id
      LEFT JOIN reply_steps r ON r.step_id = st.id
     WHERE st.tenant_id = $1 AND st.campaign_id = $2) AS funnel`,
};

/** $2: the campaign id. Its KPI row with its `funnel` (JSON, one entry per step by position). */
export const CAMPAIGN_REPORT_SQL = kpiSql(
  `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE tenant_id = $1 AND id = $2`,
  FUNNEL,
);

/** $2, $3: started_at from / to (inclusive; either may be null). No bound: every campaign, drafts too. */
export const CAMPAIGNS_KPI_SQL = kpiSql(
  `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns
    WHERE tenant_id = $1 AND archived_at IS NULL
      AND ($2::timestamptz IS NULL OR started_at >= $2::timestamptz)
      AND ($3::timestamptz IS NULL OR started_at <= $3::timestamptz)`,
);
