import { AppConfig } from '@app/config';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import type { MessagingChannel } from '@app/providers';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { EmailTracking } from '../messaging/email-tracking';
import { sendJobId } from '../messaging/send-jobs';
import { reopenedCampaign, retryCampaign } from './retry-campaign';

/** A failed campaign send to try again as a message of its own: the next attempt of its step, due at `at`. */
export interface Resend {
  tenantId: string;
  campaignId: string;
  enrollmentId: string;
  position: number;
  /** The attempt to make (`campaign:<enrollment>:<position>:<attempt>`); the failed one is the one before. */
  attempt: number;
  at: Date;
  now: Date;
}

/**
 * The retry of a failed campaign send whose enrollment has gone past its step (no DELAY after it, the next step
 * already claimed or sent, or a later step's own retry under way): the enrollment cannot go back to the step
 * without sending what followed twice, so the retry is the failed message again, as written (an AI's text is not
 * written anew), under the next attempt's key and due after the backoff (`send_after`). The sender's gate and
 * contact-policy check still decide as it goes (a pause holds it, a reply, an opt-out or a cancel drops it); a key
 * already used (the decision made twice) writes nothing.
 */
@Injectable()
export class CampaignResends {
  private readonly sql: SqlRunner;
  private readonly tracking: EmailTracking;

  constructor(
    db: DataSource,
    private readonly policy: ContactPolicyService,
    private readonly producer: JobProducer,
    config: AppConfig,
  ) {
    this.sql = fastSql(db);
    this.tracking = new EmailTracking(config.encryptionKey, config.publicBaseUrl);
  }

  /**
   * Writes the retry while the campaign runs (active, paused, or completed: made active again, in the statement,
   * under its row's lock as `EnrollmentsRepository.retry` does), the enrollment is past the step and has not
   * stopped (replied, stopped, dnc), and the contact policy allows the lead on the channel now. Answers the new
   * message's id and whether the campaign was made active again; undefined when nothing was written.
   */
  async resend(r: Resend): Promise<{ id: string; reopened: boolean } | undefined> {
    const key = (attempt: number) => `campaign:${r.enrollmentId}:${r.position}:${attempt}`;
    const [failed] = await tenantQuery<{
      id: string;
      lead_id: string;
      channel: MessagingChannel;
      template: boolean;
    }>(
      this.sql,
      r.tenantId,
      `SELECT id, lead_id, channel, template IS NOT NULL AS template FROM messages
        WHERE tenant_id = $1 AND idempotency_key = $2 AND status = 'failed' AND lead_id IS NOT NULL`,
      [key(r.attempt - 1)],
    );
    if (!failed) return undefined;
    const verdict = await this.policy.check(r.tenantId, failed.lead_id, failed.channel, {
      template: failed.template,
    });
    if (!verdict.allowed) return undefined;
    const id = uuidv7();
    const [row] = await tenantQuery<{ resent: boolean; reopened: boolean }>(
      this.sql,
      r.tenantId,
      `WITH ${retryCampaign('$9')},
       resent AS (
         INSERT INTO messages (id, tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel,
           sender, content, subject, template, media_urls, attachments, provider, status, idempotency_key,
           external_thread_id, send_after, created_at, updated_at)
         SELECT $5, f.tenant_id, f.conversation_id, f.lead_id, f.campaign_id, f.step_id, 'outbound', f.channel,
                f.sender, f.content, f.subject, f.template, f.media_urls, f.attachments, f.provider, 'queued', $6,
                CASE WHEN f.channel = 'email' THEN $7 END, $8, $9, $9
           FROM messages f
           JOIN campaign ON campaign.id = f.campaign_id
           JOIN campaign_enrollments e ON e.tenant_id = f.tenant_id AND e.id = $3 AND e.campaign_id = campaign.id
                                      AND e.lead_id = f.lead_id
          WHERE f.tenant_id = $1 AND f.id = $4 AND f.status = 'failed'
            AND e.current_step > $10 AND e.status NOT IN ('replied', 'stopped', 'dnc')
         ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
         RETURNING id),
       ${reopenedCampaign('resent', '$9')}
       SELECT EXISTS (SELECT 1 FROM resent) AS resent, EXISTS (SELECT 1 FROM reopened) AS reopened`,
      [
        r.campaignId,
        r.enrollmentId,
        failed.id,
        id,
        key(r.attempt),
        this.tracking.messageIdHeader(id),
        r.at,
        r.now,
        r.position,
      ],
    );
    if (!row.resent) return undefined;
    // Lost with Redis, the job is enqueued again by the sweep of queued messages, and the sender waits for `at`.
    await this.producer.enqueue(
      'messages.send',
      { tenant_id: r.tenantId, message_id: id },
      { jobId: sendJobId(id), delay: Math.max(0, r.at.getTime() - r.now.getTime()) },
    );
    return { id, reopened: row.reopened };
  }
}
