import { AppConfig } from '@app/config';
import { fastSql, MessageEntity, SqlRunner, tenantQuery } from '@app/db';
import { LiveEvents } from '@app/events';
import type { MessageTemplate, MessagingChannel } from '@app/providers';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { EmailTracking } from '../messaging/email-tracking';
import { leadHeldByHuman } from '../messaging/human-hold';
import { messageStatusEvent } from '../messaging/message-status-event';
import { MessagesRepository } from '../messaging/messages.repository';
import { subjectLine } from '../messaging/outbound-messages.service';
import { sendJobId } from '../messaging/send-jobs';

/** A turn's message (a WHATSAPP, SMS or EMAIL step, checked by OutboundMessagesService.checkCampaignSend). */
export interface StepSend {
  enrollment_id: string;
  step: number;
  attempt: number;
  lead_id: string;
  channel: MessagingChannel;
  provider: string;
  step_id: string;
  body?: string;
  subject?: string;
  template?: MessageTemplate;
  media_urls?: string[];
  /** Where the enrollment goes once its message is made: the next acting step, due `at`; or done at `position`. */
  next: { done: false; position: number; at: Date } | { done: true; position: number };
}

/**
 * The `campaigns.step` job's messages for one campaign's turns, in one statement per batch (DESIGN §7.6): it locks
 * the enrollments still standing at their turn (status `queued`, this step, this attempt), in id order and under a
 * share of the campaign's row taken first, so that neither another batch nor a pause, resume or cancel (each holds
 * that row while it moves every enrollment of the campaign) waits on it in a circle; makes or moves on each lead's
 * conversation, inserts each turn's message `queued` under its key `campaign:<enrollment>:<step>:<attempt>`, and
 * moves each enrollment with a message on to its next step or its end. One statement commits all of that or none of it, and per turn a message exists
 * exactly when its enrollment moved past it: a turn another job or a release took before the lock makes neither,
 * and a re-run finds its turns taken. The provider call is the sender's, after its own claim (`sending`).
 */
@Injectable()
export class StepSends {
  private readonly logger = new Logger(StepSends.name);
  private readonly sql: SqlRunner;
  private readonly tracking: EmailTracking;
  private statement?: string;

  constructor(
    db: DataSource,
    private readonly messages: MessagesRepository,
    private readonly producer: JobProducer,
    private readonly events: LiveEvents,
    config: AppConfig,
  ) {
    this.sql = fastSql(db);
    this.tracking = new EmailTracking(config.encryptionKey, config.publicBaseUrl);
  }

  /** Makes the turns' messages (see the class); answers them by enrollment id: a turn without one was taken. */
  async send(
    tenantId: string,
    campaignId: string,
    sends: StepSend[],
    now: Date,
  ): Promise<Map<string, MessageEntity>> {
    const ids = sends.map(() => uuidv7());
    const rows = await tenantQuery<Record<string, unknown>>(this.sql, tenantId, this.text(), [
      sends.map((s) => s.enrollment_id),
      sends.map((s) => s.step),
      sends.map((s) => s.attempt),
      sends.map((s) => s.next.position),
      sends.map((s) => s.next.done),
      sends.map((s) => (s.next.done ? null : s.next.at)),
      ids,
      sends.map((s) => s.lead_id),
      sends.map((s) => s.channel),
      sends.map((s) => s.step_id),
      sends.map((s) => s.body?.trim() || null),
      sends.map((s) => subjectLine(s.subject)),
      sends.map((s) => (s.template ? JSON.stringify(s.template) : null)),
      sends.map((s) => JSON.stringify(s.media_urls ?? [])),
      sends.map((s) => s.provider),
      sends.map((s) => `campaign:${s.enrollment_id}:${s.step}:${s.attempt}`),
      sends.map((s, k) => (s.channel === 'email' ? this.tracking.messageIdHeader(ids[k]) : null)),
      now,
      campaignId,
    ]);
    const byMessage = new Map(ids.map((id, k) => [id, sends[k].enrollment_id]));
    const made = new Map<string, MessageEntity>();
    for (const row of rows) {
      const message = this.messages.fromRow(row);
      made.set(byMessage.get(message.id)!, message);
    }
    if (!made.size) return made;
    const messages = [...made.values()];
    try {
      await this.producer.enqueueBulk(
        'messages.send',
        messages.map((m) => ({ tenant_id: tenantId, message_id: m.id })),
        {},
        (payload) => sendJobId(payload.message_id),
      );
    } catch (err) {
      // The rows are committed: the sweep of messages left `queued` (messages.sweep) sends them later.
      this.logger.error(
        { err, tenant_id: tenantId, campaign_id: campaignId, messages: messages.length },
        'Enqueue failed; the sweep will send them',
      );
    }
    for (const m of messages)
      this.events.toConversation(tenantId, m.conversationId, 'message.status', messageStatusEvent(m, now));
    return made;
  }

  private text(): string {
    return (this.statement ??= `WITH i AS (
         SELECT * FROM unnest($2::uuid[], $3::int[], $4::int[], $5::int[], $6::boolean[], $7::timestamptz[],
                              $8::uuid[], $9::uuid[], $10::varchar[], $11::uuid[], $12::text[], $13::varchar[],
                              $14::jsonb[], $15::jsonb[], $16::varchar[], $17::varchar[], $18::varchar[])
           AS i(enrollment_id, step, attempt, next_position, done, next_at, message_id, lead_id, channel, step_id,
                content, subject, template, media, provider, idempotency_key, thread_id)),
       turn AS (
         SELECT e.id
           FROM (SELECT id FROM campaigns WHERE tenant_id = $1 AND id = $20 FOR SHARE) c
           JOIN campaign_enrollments e ON e.tenant_id = $1 AND e.campaign_id = c.id
           JOIN i ON i.enrollment_id = e.id
          WHERE e.status = 'queued' AND e.current_step = i.step AND e.attempts = i.attempt - 1
          ORDER BY e.id
          FOR NO KEY UPDATE OF e),
       taken AS (SELECT i.* FROM i JOIN turn ON turn.id = i.enrollment_id),
       conversation AS (
         INSERT INTO conversations AS c (tenant_id, lead_id, channel, last_message_at, ai_mode)
         SELECT DISTINCT ON (t.lead_id, t.channel) $1, t.lead_id, t.channel, $19,
                CASE WHEN ${leadHeldByHuman('t.lead_id')} THEN 'human' ELSE 'auto' END
           FROM taken t
         ON CONFLICT (tenant_id, lead_id, channel) DO UPDATE
           SET last_message_at = GREATEST(c.last_message_at, EXCLUDED.last_message_at), updated_at = now()
         WHERE c.tenant_id = $1
         RETURNING c.id, c.lead_id, c.channel),
       message AS (
         INSERT INTO messages (id, tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel,
           sender, content, subject, template, media_urls, provider, status, idempotency_key, external_thread_id,
           attachments, created_at, updated_at)
         SELECT t.message_id, $1, c.id, t.lead_id, $20, t.step_id, 'outbound', t.channel, 'system', t.content,
                t.subject, t.template, ARRAY(SELECT jsonb_array_elements_text(t.media)), t.provider, 'queued',
                t.idempotency_key, t.thread_id, '[]', $19, $19
           FROM taken t JOIN conversation c ON c.lead_id = t.lead_id AND c.channel = t.channel
         ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
         RETURNING ${this.messages.rowColumns}),
       moved AS (
         UPDATE campaign_enrollments e
            SET status = CASE WHEN t.done THEN 'completed' ELSE 'waiting' END,
                stop_reason = CASE WHEN t.done THEN NULL ELSE e.stop_reason END,
                current_step = t.next_position,
                attempts = CASE WHEN t.done THEN e.attempts ELSE 0 END,
                next_action_at = t.next_at, updated_at = $19,
                completed_at = CASE WHEN t.done THEN $19 ELSE e.completed_at END,
                last_attempt_at = $19
           FROM taken t JOIN message m ON m.id = t.message_id
          WHERE e.tenant_id = $1 AND e.id = t.enrollment_id
          RETURNING e.id)
       SELECT * FROM message`);
  }
}
