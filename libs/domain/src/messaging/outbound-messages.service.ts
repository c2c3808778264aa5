import { AppError, Clock, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { AiMessageUsage, fastTransaction, MessageEntity, SqlRunner, tenantQuery } from '@app/db';
import { LiveEvents } from '@app/events';
import type { MessageTemplate, MessagingChannel } from '@app/providers';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import { conversationUpdatedEvent } from './conversation-updated-event';
import {
  ConversationsRepository,
  ConversationStanding,
  OUTBOUND_CONVERSATION_SQL,
} from './conversations.repository';
import { EmailTracking } from './email-tracking';
import { HumanTakeover } from './human-takeover';
import { MessagesRepository, OPT_OUT_CONFIRMATION_KEY } from './messages.repository';
import { campaignFiles, checkFileCount, claimUploads, giveFiles, MessageFileLinks } from './message-files';
import { checkFileSizes } from './message-file-sizes';
import { checkBodyLength } from './message-length';
import { messageStatusEvent } from './message-status-event';
import { sendJobId } from './send-jobs';
import { SendingChannels } from './sending-channels';

export interface SendInput {
  lead_id: string;
  channel: MessagingChannel;
  body?: string;
  template?: MessageTemplate;
  media_urls?: string[];
  /** Files uploaded to send (POST /api/messages/attachments): each sent once, with this message. */
  attachment_ids?: string[];
  /** Files of the campaign (`campaign_id`) its step sends (`options.attachment_ids`): listed, not taken. */
  campaign_file_ids?: string[];
  subject?: string;
  sender: 'agent' | 'ai' | 'system';
  sender_user_id?: string | null;
  /** A message the AI wrote (sender `ai`): the call that wrote it, stored on `messages.ai_usage`. */
  ai_usage?: AiMessageUsage | null;
  campaign_id?: string | null;
  step_id?: string | null;
  idempotency_key?: string;
  policy_exempt?: 'opt_out_confirmation';
  /**
   * Runs in the transaction that records the message, after its row: what must commit with the send (the
   * campaign scheduler moves the enrollment past the step, so a failure reported at once finds it there).
   */
  within?: (tx: SqlRunner) => Promise<unknown>;
  /**
   * The caller asked the contact policy for this very send a moment ago (the campaign scheduler, with its window,
   * for a key it has never used): not asked twice. The sender asks once more right before the provider call.
   */
  policy_checked?: boolean;
}

/**
 * Every outbound message starts here: the contact policy, then the row and its idempotency key commit, then the
 * `messages.send` job (DESIGN §7.6). A repeated idempotency key answers the message it already made. A manual
 * message (sender `agent`) also takes the lead over from automation in the same transaction (HumanTakeover).
 */
@Injectable()
export class OutboundMessagesService {
  private readonly logger = new Logger(OutboundMessagesService.name);
  private readonly tracking: EmailTracking;
  private readonly fileLinks: MessageFileLinks;

  constructor(
    private readonly db: DataSource,
    private readonly policy: ContactPolicyService,
    private readonly channels: SendingChannels,
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly producer: JobProducer,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly takeover: HumanTakeover,
    config: AppConfig,
  ) {
    this.tracking = new EmailTracking(config.encryptionKey, config.publicBaseUrl);
    this.fileLinks = new MessageFileLinks(config.encryptionKey, config.publicBaseUrl);
  }

  /**
   * What send() refuses in the input itself (no body, too many files or too long for the channel's provider, files
   * that are no uploads waiting to be sent, a used idempotency key), asked before a lead is made to be sent to
   * (SmsRecipientsService), so that a send refused for its input makes no lead. As no lead has the message yet, a
   * message made with the key is another lead's. It changes nothing, not even the channel's config row that a send
   * makes for a channel nobody configured.
   */
  async checkInput(tenantId: string, input: SentContent & Pick<SendInput, 'idempotency_key'>): Promise<void> {
    checkContent(input);
    const provider = await this.channels.providerOf(tenantId, input.channel);
    checkLength(input, provider);
    if (input.attachment_ids?.length)
      checkFileSizes(input.channel, provider, await claimUploads(this.db, tenantId, input.attachment_ids));
    if (input.idempotency_key && (await this.messages.findByIdempotencyKey(tenantId, input.idempotency_key)))
      throw keyReused();
  }

  async send(tenantId: string, input: SendInput): Promise<MessageEntity> {
    if (input.idempotency_key && !input.policy_checked) {
      const existing = await this.messages.findByIdempotencyKey(tenantId, input.idempotency_key);
      if (existing) return repeatOf(existing, input);
    }
    checkContent(input);
    if (input.ai_usage && input.sender !== 'ai') {
      throw new Error(`ai_usage is only for messages the AI wrote, not sender ${input.sender}`);
    }
    const exempt =
      input.policy_exempt ??
      (input.idempotency_key?.startsWith(OPT_OUT_CONFIRMATION_KEY) && input.sender === 'system'
        ? 'opt_out_confirmation'
        : undefined);
    if (!input.policy_checked) {
      const { verdict } = await this.policy.evaluate(tenantId, input.lead_id, input.channel, {
        template: Boolean(input.template),
        exempt,
      });
      if (!verdict.allowed) {
        throw new AppError(ErrorCode.POLICY_VIOLATION, verdict.message, { rule: verdict.rule });
      }
    }
    const channel = await this.channels.resolve(tenantId, input.channel);
    checkLength(input, channel.provider);
    const id = uuidv7();
    const key = input.idempotency_key ?? `message:${id}`;
    const now = this.clock.now();
    const human = input.sender === 'agent';
    const inserted = await fastTransaction(this.db, async (tx): Promise<Inserted | null> => {
      // A manual message reopens the conversation, hands it to a human and marks it read (a reply is a reading): how
      // it stood before, under its lock, says whether the inbox must be told.
      const before = human
        ? await this.conversations.lockOfLead(tx, tenantId, input.lead_id, input.channel)
        : undefined;
      // Its uploaded files go out as media at their public links (the provider fetches them).
      const claimed = input.attachment_ids?.length
        ? await claimUploads(tx, tenantId, input.attachment_ids)
        : [];
      checkFileSizes(input.channel, channel.provider, claimed);
      const shared =
        input.campaign_file_ids?.length && input.campaign_id
          ? await campaignFiles(tx, tenantId, input.campaign_id, input.campaign_file_ids)
          : [];
      const files = [...claimed, ...shared];
      const media = [...(input.media_urls ?? []), ...files.map((f) => this.fileLinks.url(f))];
      // The lead's conversation on the channel (made or moved on) and the message in it, in one statement.
      const rows = await tenantQuery<Record<string, unknown> & { conversation_id: string }>(
        tx,
        tenantId,
        `WITH conversation AS (${OUTBOUND_CONVERSATION_SQL})
         INSERT INTO messages (id, tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel,
           sender, sender_user_id, content, subject, template, media_urls, provider, status, idempotency_key,
           external_thread_id, ai_usage, attachments, created_at, updated_at)
         VALUES ($6, $1, (SELECT id FROM conversation), $2, $7, $8, 'outbound', $3, $9, $10, $11, $12, $13, $14, $15,
           'queued', $16, $17, $18, $19, $4, $4)
         ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING ${this.messages.rowColumns}`,
        [
          input.lead_id,
          input.channel,
          now,
          human,
          id,
          input.campaign_id ?? null,
          input.step_id ?? null,
          input.sender,
          input.sender_user_id ?? null,
          input.body?.trim() || null,
          subjectLine(input.subject),
          input.template ? JSON.stringify(input.template) : null,
          media,
          channel.provider,
          key,
          input.channel === 'email' ? this.tracking.messageIdHeader(id) : null,
          input.ai_usage ? JSON.stringify(input.ai_usage) : null,
          JSON.stringify(files),
        ],
      );
      if (rows.length !== 1) return null;
      const conversationId = rows[0].conversation_id;
      await giveFiles(tx, tenantId, id, claimed);
      // A manual message overrides the lead's automation with the row, never without it (DESIGN §7.5).
      if (human) {
        await this.conversations.markRead(tx, tenantId, conversationId, now);
        await this.takeover.takeOver(tx, tenantId, input.lead_id, now);
      }
      if (input.within) await input.within(tx);
      return { before, row: rows[0] };
    }).catch(async (err: unknown) => {
      // A concurrent request with the same key took its files first (they are no longer waiting to be sent):
      // answered below with that request's message, as any repeat of a key is.
      const repeat = input.idempotency_key && err instanceof AppError;
      if (repeat && (await this.messages.findByIdempotencyKey(tenantId, key))) return null;
      throw err;
    });
    if (!inserted) {
      // A concurrent request with the same key won: answer its message.
      const existing = await this.messages.findByIdempotencyKey(tenantId, key);
      if (existing) return repeatOf(existing, input);
      throw new Error(`Message with idempotency key ${key} vanished`);
    }
    // The row as the insert wrote it (what follows in its transaction leaves the message as it is): not read again.
    const message = this.messages.fromRow(inserted.row);
    try {
      await this.producer.enqueue(
        'messages.send',
        { tenant_id: tenantId, message_id: id },
        { jobId: sendJobId(id) },
      );
    } catch (err) {
      // The row is committed: the sweep of messages left `queued` (messages.sweep) sends it later.
      this.logger.error(
        { err, tenant_id: tenantId, message_id: id },
        'Enqueue failed; the sweep will send it',
      );
    }
    this.logger.debug({ tenant_id: tenantId, message_id: id, channel: input.channel }, 'Message queued');
    this.events.toConversation(
      tenantId,
      message.conversationId,
      'message.status',
      messageStatusEvent(message, now),
    );
    if (human) await this.announceManual(tenantId, message.conversationId, inserted.before);
    return message;
  }

  /**
   * Tells every open inbox (`conversation.updated`, as a PATCH or POST conversations/:id/read would) when a manual
   * message changed how its conversation stands: opened it, reopened it, handed it to a human or read it.
   */
  private async announceManual(
    tenantId: string,
    conversationId: string,
    before: ConversationStanding | undefined,
  ): Promise<void> {
    const c = await this.conversations.findById(tenantId, conversationId);
    if (!c) return;
    const changed =
      !before ||
      before.status !== c.status ||
      before.ai_mode !== c.aiMode ||
      before.unread_count !== c.unreadCount;
    if (changed)
      this.events.toConversation(
        tenantId,
        c.id,
        'conversation.updated',
        conversationUpdatedEvent(c, this.clock.now()),
      );
  }
}

/** A message the transaction recorded (its row), and how a manual one's conversation stood before it. */
interface Inserted {
  before: ConversationStanding | undefined;
  row: Record<string, unknown>;
}

/**
 * The message an idempotency key already made, answered to a repeat of its request: the same lead and channel. A key
 * reused for another lead or channel is a client's mistake, never someone else's message (409).
 */
/** The longest subject kept: the length of one header line (RFC 5322), and of `messages.subject`. */
const MAX_SUBJECT_CHARS = 998;

/**
 * A subject as stored and sent, cut to MAX_SUBJECT_CHARS characters (never inside one): a step's subject rendered
 * with a lead's long field, or `Re: ` before a lead's long subject, is still sent rather than failing every try.
 */
function subjectLine(subject: string | undefined): string | null {
  if (subject === undefined) return null;
  return subject.length <= MAX_SUBJECT_CHARS ? subject : [...subject].slice(0, MAX_SUBJECT_CHARS).join('');
}

function repeatOf(existing: MessageEntity, input: SendInput): MessageEntity {
  if (existing.leadId === input.lead_id && existing.channel === input.channel) return existing;
  throw keyReused();
}

const keyReused = () =>
  new AppError(
    ErrorCode.CONFLICT,
    'This idempotency_key was already used for another message: use a new key for each message',
  );

type SentContent = Pick<
  SendInput,
  'channel' | 'body' | 'template' | 'media_urls' | 'attachment_ids' | 'campaign_file_ids'
>;

function checkContent(input: SentContent): void {
  if (
    !input.body?.trim() &&
    !input.template &&
    !input.media_urls?.length &&
    !input.attachment_ids?.length &&
    !input.campaign_file_ids?.length
  ) {
    throw AppError.field('body', 'is required (or a template, media or files)');
  }
  checkFileCount(input.channel, input.media_urls ?? [], [
    ...(input.attachment_ids ?? []),
    ...(input.campaign_file_ids ?? []),
  ]);
}

function checkLength(input: SentContent, provider: Parameters<typeof checkBodyLength>[1]): void {
  checkBodyLength(input.channel, provider, {
    body: input.body,
    template: input.template,
    withMedia: Boolean(
      input.media_urls?.length || input.attachment_ids?.length || input.campaign_file_ids?.length,
    ),
  });
}
