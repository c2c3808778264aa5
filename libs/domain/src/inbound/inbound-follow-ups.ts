import { LeadEntity, MessageEntity, tenantQuery } from '@app/db';
import { InboundMessageEvent, LiveEvents } from '@app/events';
import type { InboundMessage } from '@app/providers';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { LeadAnnouncements } from '../leads/lead-announcements';
import { conversationUpdatedEvent } from '../messaging/conversation-updated-event';
import { attachmentUrl } from './inbound-attachments';
import { BumpedConversation, inboundMessageKey } from './inbound-message.store';
import { OptKeyword } from './opt-out-keywords';
import { OptOutNotifier } from './opt-out.notifier';
import { OutboundWebhooks } from '../webhooks/outbound-webhooks';

/** The webhook event being applied. */
export interface InboundEventRef {
  id: string;
  provider: string;
}

/** What one application of an inbound event committed (InboundMessagesService.apply). */
export interface AppliedInbound {
  lead: LeadEntity;
  /** The lead is new: the message made it. */
  created: boolean;
  conversationId: string;
  /** The message, when this application recorded it (a redelivery of a recorded one has none). */
  row: MessageEntity | undefined;
  bumped: BumpedConversation | undefined;
  /** Whether to confirm the STOP this message is. */
  confirm: boolean;
}

const CHANNEL_EVENT = {
  whatsapp: 'new_whatsapp_message',
  sms: 'new_sms_message',
  telegram: 'new_telegram_message',
} as const;

/** The job id of a message's classification: a redelivered webhook never classifies it twice. */
const classifyJobId = (messageId: string) => `classify:${messageId}`;

/**
 * What follows a lead's message once it is committed: the live events (a new lead, the message, a reopened
 * conversation, a STOP / START), the one confirmation of a STOP, and the message's classification.
 */
@Injectable()
export class InboundFollowUps {
  constructor(
    private readonly db: DataSource,
    private readonly events: LiveEvents,
    private readonly optOuts: OptOutNotifier,
    private readonly leads: LeadAnnouncements,
    private readonly channels: ChannelConfigsService,
    private readonly jobs: JobProducer,
    private readonly webhooks: OutboundWebhooks,
  ) {}

  async run(
    tenantId: string,
    event: InboundEventRef,
    message: InboundMessage,
    keyword: OptKeyword | undefined,
    applied: AppliedInbound,
    now: Date,
  ): Promise<void> {
    const { lead, created, conversationId, row, bumped, confirm } = applied;
    // A person new to the tenant is a new lead on its dashboard, as one added by hand or imported is.
    if (created) await this.announceLead(tenantId, lead);
    if (row && bumped) this.announceMessage(tenantId, lead, row, bumped, now);
    if (row && keyword) {
      this.optOuts.announce(tenantId, keyword.kind, {
        lead_id: lead.id,
        channel: row.channel,
        keyword: keyword.keyword,
        source: 'keyword',
        conversation_id: conversationId,
        message_id: row.id,
        event_id: event.id,
        timestamp: now.toISOString(),
      });
    }
    // The idempotency key keeps a decided confirmation to one message, however often the event is applied.
    if (confirm && !(await this.providerAnswered(tenantId, event, message))) {
      await this.optOuts.confirm(tenantId, {
        lead_id: lead.id,
        channel: message.channel,
        subject: message.subject,
        idempotency_key: `opt-out-confirmation:${event.id}`,
      });
    }
    await this.queueClassification(tenantId, event, message, row);
  }

  /**
   * Whether the provider has already answered this STOP itself: Twilio does on long codes and toll-free numbers
   * (its default SMS STOP filtering) and then refuses any message to that number (21610), ours included. The
   * opt-out is recorded all the same; a channel whose number does not (a short code, filtering turned off) says so
   * with `settings.provider_opt_out_replies: false`.
   */
  private async providerAnswered(tenantId: string, event: InboundEventRef, message: InboundMessage) {
    if (message.channel !== 'sms' || event.provider !== 'twilio') return false;
    const channel = await this.channels.resolve(tenantId, 'sms');
    return channel.provider === 'twilio' && channel.settings.provider_opt_out_replies !== false;
  }

  /**
   * Every message with text is classified in the worker (issue 7), STOP included (an unsubscribe already
   * recorded); a media-only message is not. A retry of this event after the message was recorded queues it again
   * (the enqueue may be what failed): the job id keeps one job, and the classifier skips a classified message.
   */
  private async queueClassification(
    tenantId: string,
    event: InboundEventRef,
    message: InboundMessage,
    row: MessageEntity | undefined,
  ): Promise<void> {
    if (!message.body?.trim()) return;
    const messageId = row?.id ?? (await this.recordedMessageId(tenantId, event.provider, message));
    if (!messageId) return;
    await this.jobs.enqueue(
      'classification.classify',
      { tenant_id: tenantId, message_id: messageId },
      { jobId: classifyJobId(messageId) },
    );
  }

  private async recordedMessageId(
    tenantId: string,
    provider: string,
    message: InboundMessage,
  ): Promise<string | undefined> {
    const [found] = await tenantQuery<{ id: string }>(
      this.db,
      tenantId,
      `SELECT id FROM messages WHERE tenant_id = $1 AND idempotency_key = $2`,
      [inboundMessageKey(provider, message.provider_message_id)],
    );
    return found?.id;
  }

  private announceLead(tenantId: string, lead: LeadEntity): Promise<void> {
    return this.leads.created(tenantId, {
      count: 1,
      leads: [
        {
          id: lead.id,
          name: displayName(lead),
          email: lead.email,
          phone: lead.phoneNormalized,
          source: lead.source,
        },
      ],
    });
  }

  private announceMessage(
    tenantId: string,
    lead: LeadEntity,
    row: MessageEntity,
    conversation: BumpedConversation,
    now: Date,
  ): void {
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
        attachments: row.attachments.map((a) => ({ ...a, url: attachmentUrl(row.id, a.id) })),
        status: 'received',
        provider_message_id: row.providerMessageId,
        created_at: row.createdAt.toISOString(),
      },
      lead: { id: lead.id, name: displayName(lead), phone: lead.phoneNormalized, email: lead.email },
      unread_count: conversation.unread_count,
      timestamp: now.toISOString(),
    };
    this.events.toConversation(tenantId, row.conversationId, 'message.received', payload);
    void this.webhooks.emit(tenantId, 'message.received', [row.id]);
    const seedEvent = CHANNEL_EVENT[row.channel as keyof typeof CHANNEL_EVENT];
    if (seedEvent) this.events.toConversation(tenantId, row.conversationId, seedEvent, payload);
    // A closed conversation the lead wrote in is open again: every open inbox moves it back among the open ones.
    if (conversation.reopened) {
      this.events.toConversation(
        tenantId,
        row.conversationId,
        'conversation.updated',
        conversationUpdatedEvent(
          {
            id: row.conversationId,
            leadId: conversation.lead_id,
            channel: conversation.channel,
            status: conversation.status,
            unreadCount: conversation.unread_count,
            assignedUserId: conversation.assigned_user_id,
            aiMode: conversation.ai_mode,
          },
          now,
        ),
      );
    }
  }
}

const displayName = (lead: LeadEntity) => [lead.firstName, lead.lastName].filter(Boolean).join(' ') || null;
