import { Clock } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { LiveEvents } from '@app/events';
import type { StatusUpdate } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CampaignRetriesService } from '../campaign-engine/campaign-retries.service';
import { messageStatusEvent, MessageStatusFields } from '../messaging/message-status-event';

/** The columns of a moved message that its live event needs. */
interface MovedRow {
  id: string;
  conversation_id: string;
  lead_id: string;
  channel: string;
  status: MessageStatusFields['status'];
  provider_message_id: string | null;
  error_code: string | null;
  campaign_id: string | null;
  idempotency_key: string;
}
import { messageStatusOf, statusesBefore } from './status-order';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a status callback did: moved the message, found it already further on, or found no such message. */
export type StatusOutcome = 'applied' | 'stale' | 'not_found';

/**
 * A provider's delivery report, in the worker: finds the outbound message by our id from the callback URL or by
 * the provider's message id, and moves it forward only (a late `sent` after `delivered` changes nothing);
 * `failed` / `undelivered` end it with the provider's error code. Raises `message.status` when it moved.
 */
@Injectable()
export class MessageStatusService {
  /** Prepared statements: every status callback runs the same few. */
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly retries: CampaignRetriesService,
  ) {
    this.sql = fastSql(db);
  }

  async apply(
    tenantId: string,
    provider: string,
    messageId: string | null,
    update: StatusUpdate,
  ): Promise<StatusOutcome> {
    const status = messageStatusOf(update.status);
    const now = this.clock.now();
    // Our id from the callback URL: one statement moves the message (the usual case, three times per send).
    const byUrl = messageId && UUID.test(messageId) ? messageId : null;
    let moved = byUrl ? await this.move(tenantId, byUrl, status, update, now) : undefined;
    if (!moved) {
      const target = await this.find(tenantId, provider, byUrl, update.provider_message_id);
      if (!target) return 'not_found';
      if (target !== byUrl) moved = await this.move(tenantId, target, status, update, now);
    }
    if (!moved) return 'stale';
    if (moved.status === 'failed' && moved.campaign_id)
      await this.retries.onFailed(tenantId, moved.idempotency_key);
    const message: MessageStatusFields = {
      id: moved.id,
      conversationId: moved.conversation_id,
      leadId: moved.lead_id,
      channel: moved.channel,
      status: moved.status,
      providerMessageId: moved.provider_message_id,
      errorCode: moved.error_code,
    };
    this.events.toConversation(
      tenantId,
      message.conversationId,
      'message.status',
      messageStatusEvent(message, now),
    );
    return 'applied';
  }

  /** Moves the message forward to `status`; nothing when it is already there or further on. */
  private async move(
    tenantId: string,
    target: string,
    status: ReturnType<typeof messageStatusOf>,
    update: StatusUpdate,
    now: Date,
  ): Promise<MovedRow | undefined> {
    const [moved] = await tenantQuery<MovedRow>(
      this.sql,
      tenantId,
      `WITH moved AS (
         UPDATE messages
            SET status = $3::varchar,
                provider_message_id = COALESCE(provider_message_id, $4::varchar),
                error_code = CASE WHEN $3::varchar = 'failed' THEN $5::varchar ELSE error_code END,
                error_message = CASE WHEN $3::varchar = 'failed' THEN $6::text ELSE error_message END,
                sent_at = CASE WHEN $3::varchar IN ('sent', 'delivered', 'read') THEN COALESCE(sent_at, $7::timestamptz) ELSE sent_at END,
                delivered_at = CASE WHEN $3::varchar IN ('delivered', 'read') THEN COALESCE(delivered_at, $7::timestamptz) ELSE delivered_at END,
                read_at = CASE WHEN $3::varchar = 'read' THEN COALESCE(read_at, $7::timestamptz) ELSE read_at END,
                failed_at = CASE WHEN $3::varchar = 'failed' THEN $7::timestamptz ELSE failed_at END,
                updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND direction = 'outbound' AND status = ANY($8::text[])
          RETURNING id, conversation_id, lead_id, channel, status, provider_message_id, error_code, campaign_id,
                    idempotency_key)
       SELECT * FROM moved`,
      [
        target,
        status,
        update.provider_message_id.slice(0, 128),
        status === 'failed' ? (update.error_code ?? update.status).slice(0, 32) : null,
        status === 'failed' ? (update.error_message ?? update.status) : null,
        now,
        statusesBefore(status),
      ],
    );
    return moved;
  }

  /** Our id from the callback URL when it names an outbound message of this tenant, else the provider's id. */
  private async find(
    tenantId: string,
    provider: string,
    messageId: string | null,
    providerMessageId: string,
  ): Promise<string | undefined> {
    // Two probes by whole keys (an OR of both keys could be planned as a scan of the tenant's messages).
    if (messageId && UUID.test(messageId)) {
      const [byId] = await tenantQuery<{ id: string }>(
        this.sql,
        tenantId,
        `SELECT id FROM messages WHERE tenant_id = $1 AND id = $2 AND direction = 'outbound'`,
        [messageId],
      );
      if (byId) return byId.id;
    }
    const [byProviderId] = await tenantQuery<{ id: string }>(
      this.sql,
      tenantId,
      `SELECT id FROM messages
        WHERE tenant_id = $1 AND provider = $2 AND provider_message_id = $3 AND direction = 'outbound'`,
      [provider, providerMessageId],
    );
    return byProviderId?.id;
  }
}
