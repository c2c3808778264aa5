import { Clock } from '@app/common';
import { LeadEntity, MessageEntity, tenantQuery } from '@app/db';
import { InboundMessageEvent, LiveEvents } from '@app/events';
import type { InboundMessage } from '@app/providers';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { inboundMessageEntry } from '../activity/traffic-entries';
import { LeadAnnouncements } from '../leads/lead-announcements';
import { stopOnOptOut, stopOnReply } from '../campaign-engine/enrollment-stops';
import { ChannelConfigsService } from '../channels/channel-configs.service';
import { EmailBouncesService } from './email-bounces.service';
import { attachmentUrl } from './inbound-attachments';
import { findOrCreateLead, MAX_ADDRESS_LENGTH, senderAddress } from './inbound-lead.resolver';
import {
  bumpConversation,
  BumpedConversation,
  findEmailThread,
  inboundMessageKey,
  inboundSentAt,
  insertInbound,
  openConversation,
} from './inbound-message.store';
import { messageOptKeyword, OptKeyword } from './opt-out-keywords';
import { OptOutNotifier } from './opt-out.notifier';
import { dropUnrecordedFiles, holdPendingEvent } from './pending-events-erasure';
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

/** The job id of a message's classification: a redelivered webhook never classifies it twice. */
export const classifyJobId = (messageId: string) => `classify:${messageId}`;

/**
 * A lead's message, in the worker: finds or creates the lead through its identities (an email through its
 * thread first), opens or reuses the conversation, records the message once and, with it, a STOP / START, tells
 * the inbox, confirms an opt-out once, and queues the message's classification.
 */
@Injectable()
export class InboundMessagesService {
  private readonly logger = new Logger(InboundMessagesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly optOuts: OptOutNotifier,
    private readonly jobs: JobProducer,
    private readonly bounces: EmailBouncesService,
    private readonly channels: ChannelConfigsService,
    private readonly activity: ActivityService,
    private readonly leads: LeadAnnouncements,
  ) {}

  /**
   * Answers the id of the lead the message came from (found or created); for a bounce, the lead of the email it
   * reports on, or null (EmailBouncesService: a mail server's report is no one's reply). Null as well when the
   * event is no longer to apply: a concurrent job applied it, or its lead was erased while it waited; and when
   * its sender's address is longer than any address (it is dropped, with a warning).
   */
  async apply(tenantId: string, event: InboundEventRef, message: InboundMessage): Promise<string | null> {
    if (message.bounce) return this.bounces.apply(tenantId, event, message, message.bounce);
    const sender = senderAddress(message);
    if (sender.address.length > MAX_ADDRESS_LENGTH) {
      // No phone, email, chat id or sender id is this long: nobody to record it for.
      this.logger.warn(
        { tenant_id: tenantId, event_id: event.id, channel: message.channel, length: sender.address.length },
        'Inbound message from an address too long to be anyone: dropped',
      );
      await dropUnrecordedFiles(this.db, tenantId, message);
      return null;
    }
    const keyword = messageOptKeyword(message);
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx) => {
      if (!(await holdPendingEvent(tx, tenantId, event.id))) return null;
      const thread =
        message.channel === 'email' ? await findEmailThread(tx, tenantId, message.threading) : undefined;
      const { lead, created } = thread
        ? { lead: await tx.findOneByOrFail(LeadEntity, { id: thread.lead_id, tenantId }), created: false }
        : await findOrCreateLead(tx, tenantId, sender, message.sender_name);
      const conversationId =
        thread?.conversation_id ?? (await openConversation(tx, tenantId, lead.id, message.channel));
      const row = await insertInbound(tx, tenantId, {
        conversationId,
        leadId: lead.id,
        provider: event.provider,
        message,
        now,
      });
      const sentAt = inboundSentAt(message, now);
      const bumped = row
        ? await bumpConversation(tx, tenantId, conversationId, now, sentAt, message.sender_handle ?? null)
        : undefined;
      // A STOP / START counts once, when its message is first recorded: a run of its job again after the lead's
      // next keyword (its enqueue after commit failed, say) must not undo that one; nor does one the lead sent
      // before the keyword last applied.
      const optedOut =
        !!row && keyword?.kind === 'opt_out' && (await recordOptOut(tx, tenantId, lead, sender, sentAt));
      if (row && keyword?.kind === 'opt_in') await recordOptIn(tx, tenantId, lead, sender, sentAt);
      // A STOP is confirmed when its first recording opted the lead out (a second STOP, or one the lead sent
      // before their START, gets none). That decision is kept on the event, and a run of its job again after the
      // message was recorded (the confirmation's send failed, say) confirms only what it decided.
      const confirm =
        keyword?.kind === 'opt_out' &&
        (await confirmationDecision(tx, tenantId, event.id, row ? optedOut : undefined));
      if (row) {
        const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || sender.address;
        await this.activity.record(
          tenantId,
          null,
          inboundMessageEntry(message.channel, name, {
            lead_id: lead.id,
            conversation_id: conversationId,
            message_id: row.id,
          }),
          tx,
        );
        // An opt-out stops the channel's sequences as opted out; any other message is a reply that stops the rest.
        if (keyword?.kind === 'opt_out') await stopOnOptOut(tx, tenantId, lead.id, message.channel, now);
        await stopOnReply(tx, tenantId, lead.id, now);
      }
      return { lead, created, conversationId, row, bumped, confirm };
    });
    if (!outcome) {
      // Applied by a concurrent job, or erased with its lead (GDPR Art. 17) while it waited.
      await dropUnrecordedFiles(this.db, tenantId, message);
      return null;
    }
    const { lead, created, conversationId, row, bumped, confirm } = outcome;
    // A person new to the tenant is a new lead on its dashboard, as one added by hand or imported is.
    if (created) await this.announceLead(tenantId, lead);
    if (row && bumped) this.announce(tenantId, lead, row, bumped, now);
    if (row && keyword) this.announceOpt(tenantId, event, lead.id, conversationId, row, keyword, now);
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
    return lead.id;
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
          name: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || null,
          email: lead.email,
          phone: lead.phoneNormalized,
          source: lead.source,
        },
      ],
    });
  }

  private announce(
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
      lead: {
        id: lead.id,
        name: [lead.firstName, lead.lastName].filter(Boolean).join(' ') || null,
        phone: lead.phoneNormalized,
        email: lead.email,
      },
      unread_count: conversation.unread_count,
      timestamp: now.toISOString(),
    };
    this.events.toConversation(tenantId, row.conversationId, 'message.received', payload);
    const seedEvent = CHANNEL_EVENT[row.channel as keyof typeof CHANNEL_EVENT];
    if (seedEvent) this.events.toConversation(tenantId, row.conversationId, seedEvent, payload);
    // A closed conversation the lead wrote in is open again: every open inbox moves it back among the open ones.
    if (conversation.reopened)
      this.events.toConversation(tenantId, row.conversationId, 'conversation.updated', {
        conversation_id: row.conversationId,
        lead_id: conversation.lead_id,
        channel: conversation.channel,
        status: conversation.status,
        unread_count: conversation.unread_count,
        assigned_user_id: conversation.assigned_user_id,
        ai_mode: conversation.ai_mode,
        timestamp: now.toISOString(),
      });
  }

  private announceOpt(
    tenantId: string,
    event: InboundEventRef,
    leadId: string,
    conversationId: string,
    row: MessageEntity,
    keyword: OptKeyword,
    now: Date,
  ): void {
    this.optOuts.announce(tenantId, keyword.kind, {
      lead_id: leadId,
      channel: row.channel,
      keyword: keyword.keyword,
      source: 'keyword',
      conversation_id: conversationId,
      message_id: row.id,
      event_id: event.id,
      timestamp: now.toISOString(),
    });
  }
}

/**
 * Whether to confirm the STOP of this event. Its first recording (`decided`: whether it opted the lead out) keeps
 * the answer on the event, in its transaction; a later run (`decided` undefined: the message was recorded already)
 * reads it. An event recorded before the answer was kept (null) is confirmed, as it was then: the confirmation's
 * idempotency key still keeps it to one.
 */
async function confirmationDecision(
  tx: EntityManager,
  tenantId: string,
  eventId: string,
  decided: boolean | undefined,
): Promise<boolean> {
  if (decided !== undefined) {
    await tenantQuery(
      tx,
      tenantId,
      `WITH kept AS (
         UPDATE webhook_events SET confirm_opt_out = $3 WHERE tenant_id = $1 AND id = $2 RETURNING id)
       SELECT id FROM kept`,
      [eventId, decided],
    );
    return decided;
  }
  const [event] = await tenantQuery<{ confirm_opt_out: boolean | null }>(
    tx,
    tenantId,
    `SELECT confirm_opt_out FROM webhook_events WHERE tenant_id = $1 AND id = $2`,
    [eventId],
  );
  return event?.confirm_opt_out ?? true;
}
