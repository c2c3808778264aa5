import { AppError, Clock, ErrorCode } from '@app/common';
import { LeadEntity, MessageEntity } from '@app/db';
import { InboundMessageEvent, LiveEvents } from '@app/events';
import type { InboundMessage } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { stopOnOptOut, stopOnReply } from '../campaign-engine/enrollment-stops';
import { OutboundMessagesService } from '../messaging/outbound-messages.service';
import { findOrCreateLead, senderAddress } from './inbound-lead.resolver';
import { bumpConversation, findEmailThread, insertInbound, openConversation } from './inbound-message.store';
import { OPT_OUT_CONFIRMATION, OptKeyword, optKeyword } from './opt-out-keywords';
import { recordOptIn, recordOptOut } from './opt-out.recorder';

/** The webhook event being applied. */
export interface InboundEventRef {
  id: string;
  provider: string;
}

const CHANNEL_EVENT = {
  whatsapp: 'new_whatsapp_message',
  sms: 'new_sms_message',
  telegram: 'new_telegram_message',
} as const;

/**
 * A lead's message, in the worker: finds or creates the lead through its identities (an email through its
 * thread first), records a STOP / START before anything else, opens or reuses the conversation, records the
 * message once, tells the inbox, and confirms an opt-out once.
 */
@Injectable()
export class InboundMessagesService {
  private readonly logger = new Logger(InboundMessagesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly outbound: OutboundMessagesService,
  ) {}

  async apply(tenantId: string, event: InboundEventRef, message: InboundMessage): Promise<void> {
    const sender = senderAddress(message);
    const keyword = optKeyword(message.body);
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      const thread =
        message.channel === 'email' ? await findEmailThread(tx, tenantId, message.threading) : undefined;
      const lead = thread
        ? await tx.findOneByOrFail(LeadEntity, { id: thread.lead_id, tenantId })
        : (await findOrCreateLead(tx, tenantId, sender, message.sender_name)).lead;
      const optedOut = keyword?.kind === 'opt_out' && (await recordOptOut(tx, tenantId, lead, sender));
      if (keyword?.kind === 'opt_in') await recordOptIn(tx, tenantId, lead, sender);
      const conversationId =
        thread?.conversation_id ?? (await openConversation(tx, tenantId, lead.id, message.channel));
      const row = await insertInbound(tx, tenantId, {
        conversationId,
        leadId: lead.id,
        provider: event.provider,
        message,
      });
      const unread = row ? await bumpConversation(tx, tenantId, conversationId, now) : 0;
      if (row) {
        // An opt-out stops the channel's sequences as opted out; any other message is a reply that stops the rest.
        if (keyword?.kind === 'opt_out') await stopOnOptOut(tx, tenantId, lead.id, message.channel, now);
        await stopOnReply(tx, tenantId, lead.id, now);
      }
      return { lead, conversationId, row, unread, optedOut };
    });
    const { lead, conversationId, row, unread, optedOut } = outcome;
    if (row) this.announce(tenantId, lead, row, unread, now);
    if (row && keyword) this.announceOpt(tenantId, event, lead.id, conversationId, message, keyword, now);
    // Confirmed when this STOP opted the lead out (a second STOP gets none), and on a retry of this event after
    // it was recorded (`row` undefined): the idempotency key keeps that to one message.
    if (keyword?.kind === 'opt_out' && (optedOut || !row)) {
      await this.confirmOptOut(tenantId, event, lead.id, message);
    }
  }

  private announce(tenantId: string, lead: LeadEntity, row: MessageEntity, unread: number, now: Date): void {
    const payload: InboundMessageEvent = {
      conversation_id: row.conversationId,
      lead_id: lead.id,
      channel: row.channel,
      message: {
        id: row.id,
        direction: 'inbound',
        sender: 'lead',
        content: row.content,
        subject: row.subject,
        media_urls: row.mediaUrls,
        status: 'received',
        provider_message_id: row.providerMessageId,
        created_at: row.createdAt.toISOString(),
      },
      lead: {
        id: lead.id,
        name: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || null,
        phone: lead.phoneNormalized,
        email: lead.email,
      },
      unread_count: unread,
      timestamp: now.toISOString(),
    };
    this.events.toConversation(tenantId, row.conversationId, 'message.received', payload);
    const seedEvent = CHANNEL_EVENT[row.channel as keyof typeof CHANNEL_EVENT];
    if (seedEvent) this.events.toConversation(tenantId, row.conversationId, seedEvent, payload);
  }

  private announceOpt(
    tenantId: string,
    event: InboundEventRef,
    leadId: string,
    conversationId: string,
    message: InboundMessage,
    keyword: OptKeyword,
    now: Date,
  ): void {
    this.events.toTenant(tenantId, keyword.kind === 'opt_out' ? 'lead.opted_out' : 'lead.opted_in', {
      lead_id: leadId,
      channel: message.channel,
      keyword: keyword.keyword,
      conversation_id: conversationId,
      event_id: event.id,
      timestamp: now.toISOString(),
    });
  }

  /** One confirmation per opt-out event, exempt from the opt-out it confirms (DESIGN §7.1). */
  private async confirmOptOut(
    tenantId: string,
    event: InboundEventRef,
    leadId: string,
    message: InboundMessage,
  ): Promise<void> {
    try {
      await this.outbound.send(tenantId, {
        lead_id: leadId,
        channel: message.channel,
        body: OPT_OUT_CONFIRMATION,
        ...(message.channel === 'email'
          ? { subject: message.subject ? `Re: ${message.subject.replace(/^re:\s*/i, '')}` : 'Unsubscribed' }
          : {}),
        sender: 'system',
        idempotency_key: `opt-out-confirmation:${event.id}`,
        policy_exempt: 'opt_out_confirmation',
      });
    } catch (err) {
      // Another rule forbids even the confirmation (the person is on the list for all channels, say): the opt-out
      // stands, and a retry would be refused the same way.
      if (err instanceof AppError && err.code === ErrorCode.POLICY_VIOLATION) {
        this.logger.warn({ tenant_id: tenantId, lead_id: leadId, err }, 'Opt-out confirmation not sent');
        return;
      }
      throw err;
    }
  }
}
