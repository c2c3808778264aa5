import { AppError, Clock } from '@app/common';
import { MessageEntity, tenantQuery } from '@app/db';
import type { InboundMessage, MessagingChannel } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { latestChannel } from '../messaging/latest-channel';
import { LoggedBy, MANUAL_PROVIDER, markEventApplied, RecordedEvent } from './inbound-event';
import { inboundMessageKey } from './inbound-message.store';
import { InboundMessagesService } from './inbound-messages.service';
import { jsonbText } from './webhook-intake.service';

/** A message the lead sent through another channel (a call, a visit, a personal phone), logged by a user. */
export interface LoggedInboundInput {
  channel?: MessagingChannel;
  body: string;
  subject?: string;
  /** The client's key for it: the same key twice logs it once. */
  client_key?: string;
}

interface LeadAddresses {
  phone_normalized: string | null;
  email: string | null;
  telegram: string | null;
}

/**
 * Logs a lead's message by hand (seed 004 `sender: "lead"`, seed 000 `direction: "inbound"`). It is recorded as
 * a provider's would be, a webhook event of provider `manual` that carries the lead and who logged it, and applied
 * by the same InboundMessagesService: STOP / START, the reply stopping sequences, unread count, live events,
 * outbound webhooks and classification. What differs: the lead is the one named (not found by its address), the
 * message has no provider id and no delivery status (`received`), and its sender_user_id is who logged it. An
 * event whose application failed here is applied by the worker's sweep, on the same lead.
 */
@Injectable()
export class LoggedInboundService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly inbound: InboundMessagesService,
  ) {}

  async log(auth: AuthContext, leadId: string, input: LoggedInboundInput): Promise<MessageEntity> {
    const tenantId = auth.tenantId;
    const [lead] = await tenantQuery<LeadAddresses>(
      this.db,
      tenantId,
      `SELECT l.phone_normalized, l.email,
              (SELECT i.address FROM lead_identities i
                WHERE i.tenant_id = $1 AND i.lead_id = l.id AND i.channel = 'telegram' LIMIT 1) AS telegram
         FROM leads l WHERE l.tenant_id = $1 AND l.id = $2 AND l.archived_at IS NULL`,
      [leadId],
    );
    if (!lead) throw AppError.notFound('Lead');
    const channel = input.channel ?? (await latestChannel(this.db, tenantId, leadId));
    const now = this.clock.now();
    const providerMessageId = input.client_key ? `key:${input.client_key}` : uuidv7();
    const message: InboundMessage = {
      channel,
      from: addressOn(lead, channel),
      to: '',
      body: input.body,
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      provider_message_id: providerMessageId,
      received_at: now.toISOString(),
    };
    const logged: LoggedBy = { lead_id: leadId, user_id: auth.userId, api_key_id: auth.apiKeyId };
    const event = await this.record(tenantId, `inbound:${providerMessageId}`, {
      kind: 'inbound',
      channel,
      message,
      raw: null,
      logged,
    });
    // A retry of a key whose first request failed half-way applies what that request recorded.
    if (!event.processed) {
      const applied = await this.inbound.apply(
        tenantId,
        { id: event.id, provider: MANUAL_PROVIDER },
        event.payload.message,
        event.payload.logged,
      );
      await markEventApplied(this.db, tenantId, event.id, applied);
    }
    const found = await this.db.getRepository(MessageEntity).findOneBy({
      tenantId,
      idempotencyKey: inboundMessageKey(MANUAL_PROVIDER, providerMessageId),
    });
    if (!found) throw AppError.notFound('Lead');
    // A key reused for another lead or channel is the client's mistake, never someone else's message.
    if (found.leadId !== leadId || found.channel !== channel)
      throw AppError.conflict(
        'This idempotency_key was already used for another message: use a new key for each message',
      );
    return found;
  }

  /**
   * The event, recorded now or by an earlier request with the same key. A request with the key running at the same
   * moment is waited for by the insert; its row, committed after this statement began, is read by a second one.
   */
  private async record(tenantId: string, eventKey: string, payload: LoggedEvent): Promise<RecordedLog> {
    for (let attempt = 0; ; attempt++) {
      const [row] = await tenantQuery<RecordedLog>(
        this.db,
        tenantId,
        `WITH inserted AS (
           INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
           VALUES ($1, $2, 'inbound', $3, $4::jsonb)
           ON CONFLICT (tenant_id, provider, event_key) DO NOTHING
           RETURNING id, false AS processed, payload)
         SELECT id, processed, payload FROM inserted
         UNION ALL
         SELECT id, processed_at IS NOT NULL, payload FROM webhook_events
          WHERE tenant_id = $1 AND provider = $2 AND event_key = $3 AND NOT EXISTS (SELECT 1 FROM inserted)`,
        [MANUAL_PROVIDER, eventKey, jsonbText(payload)],
      );
      if (row || attempt > 0) return row;
    }
  }
}

type LoggedEvent = Extract<RecordedEvent, { kind: 'inbound' }>;

interface RecordedLog {
  id: string;
  processed: boolean;
  payload: LoggedEvent;
}

/** The lead's address on the channel (what a STOP on it lists), or '' when it has none. */
function addressOn(lead: LeadAddresses, channel: MessagingChannel): string {
  switch (channel) {
    case 'sms':
    case 'whatsapp':
      return lead.phone_normalized ?? '';
    case 'email':
      return lead.email ?? '';
    case 'telegram':
      return lead.telegram ?? '';
  }
}
