import { AppError, Clock, ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import {
  AiMessageUsage,
  ASYNC_COMMIT,
  fastSql,
  fastTransaction,
  MessageAttachmentRef,
  MessageEntity,
  SqlRunner,
  tenantQuery,
} from '@app/db';
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
  outboundConversationSql,
} from './conversations.repository';
import { EmailTracking } from './email-tracking';
import { HumanTakeover } from './human-takeover';
import {
  MessagesRepository,
  OPT_OUT_CONFIRMATION_KEY,
  STATUS_COLUMNS,
  statusFields,
  StatusRow,
} from './messages.repository';
import { campaignFiles, checkFileCount, claimUploads, giveFiles, MessageFileLinks } from './message-files';
import { checkFileSizes } from './message-file-sizes';
import { checkBodyLength } from './message-length';
import { messageStatusEvent, MessageStatusFields } from './message-status-event';
import { MovingSendRow, movingSendsSql, RowsWrite } from './moving-sends';
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
   * Runs in the transaction that records the message, after its row: what must commit with the send (an AI step
   * moves its enrollment past the step under its lock, so a failure reported at once finds it there; a plain step
   * makes its move in the message's own statement instead, sendMoving).
   */
  within?: (tx: SqlRunner) => Promise<unknown>;
  /**
   * The caller asked the contact policy for this very send a moment ago (the campaign scheduler, with its window,
   * for a key it has never used): not asked twice. The sender asks once more right before the provider call.
   */
  policy_checked?: boolean;
}

/**
 * A write made with a message, in its statement (OutboundMessagesService.sendMoving): an UPDATE ... RETURNING of the
 * tenant `$1`, its own parameters `$2`, `$3`... in `params`.
 */
export interface RowWrite {
  sql: string;
  params: unknown[];
}

/** An automated message checked and ready for its statement in a batch (prepareMoving, sendMovingMany). */
export interface PreparedSend {
  input: SendInput;
  id: string;
  key: string;
  provider: string;
  files: MessageAttachmentRef[];
}

/**
 * What sendMovingMany did of a send: made its message (or found its key's), found its turn lost (nothing written),
 * or found its row held by another transaction (nothing written: it goes on its own, sendMoving, which waits).
 */
export type MovingOutcome = { message: MessageStatusFields } | { lost: true } | { held: true };

/** The columns a message's row is made with, and their values (messageParams; `conversation` its CTE). */
const MESSAGE_COLUMNS = `id, tenant_id, conversation_id, lead_id, campaign_id, step_id, direction, channel, sender,
  sender_user_id, content, subject, template, media_urls, provider, status, idempotency_key, external_thread_id,
  ai_usage, attachments, created_at, updated_at`;
const MESSAGE_VALUES = `$6::uuid, $1, conversation.id, $2, $7::uuid, $8::uuid, 'outbound', $3, $9::varchar,
  $10::uuid, $11::text, $12::varchar, $13::jsonb, $14::text[], $15::varchar, 'queued', $16::varchar, $17::varchar,
  $18::jsonb, $19::jsonb, $4, $4`;

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
  private readonly sql: SqlRunner;

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
    this.sql = fastSql(db);
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
    const ready = await this.prepare(tenantId, input);
    if ('repeat' in ready) return ready.repeat;
    const { provider } = ready;
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
      checkFileSizes(input.channel, provider, claimed);
      const files = [...claimed, ...(await this.sharedFiles(tx, tenantId, input))];
      // The lead's conversation on the channel (made or moved on) and the message in it, in one statement.
      const rows = await tenantQuery<Record<string, unknown> & { conversation_id: string }>(
        tx,
        tenantId,
        `WITH conversation AS (${outboundConversationSql()})
         INSERT INTO messages (${MESSAGE_COLUMNS})
         SELECT ${MESSAGE_VALUES} FROM conversation
         ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING ${this.messages.rowColumns}`,
        this.messageParams(input, { id, key, now, human, provider, files }),
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
    if (!inserted) return this.repeatOfKey(tenantId, key, input);
    // The row as the insert wrote it (what follows in its transaction leaves the message as it is): not read again.
    const message = this.messages.fromRow(inserted.row);
    await this.queued(tenantId, message, now);
    if (human) await this.announceManual(tenantId, message.conversationId, inserted.before);
    return message;
  }

  /**
   * send() for an automated message that must be made with a write of its caller's (`move`: the campaign scheduler
   * moving the enrollment past the step it sends), in ONE statement with the conversation and the message, instead
   * of a transaction of four round trips (BEGIN, the message, the move, COMMIT): when `move` changes no row (the
   * turn was taken meanwhile), nothing is written and the answer is undefined; else it is the message's status
   * fields (its `message.status` event's), not its whole row. Not for a manual message, uploaded files or `within`,
   * which need send()'s transaction.
   *
   * The statement commits without waiting for the WAL flush (ASYNC_COMMIT). The message still holds on disk before
   * its provider call (DESIGN §7.6): no send goes without the sender's claim, a durable commit of an UPDATE of this
   * very row, which can only follow this commit in the WAL and so flushes it too. A crash of Postgres before any
   * flush loses the message and the move together (one transaction): the enrollment stands at its turn again, taken
   * again by the stale sweep under the same key, and the message, never claimed, was never sent.
   */
  async sendMoving(
    tenantId: string,
    input: SendInput,
    move: RowWrite,
  ): Promise<MessageStatusFields | undefined> {
    if (input.sender === 'agent' || input.attachment_ids?.length || input.within)
      throw new Error('sendMoving is for automated messages without uploads or within: use send');
    const ready = await this.prepare(tenantId, input);
    if ('repeat' in ready) return ready.repeat;
    const { provider } = ready;
    const id = uuidv7();
    const key = input.idempotency_key ?? `message:${id}`;
    const now = this.clock.now();
    const files = await this.sharedFiles(this.sql, tenantId, input);
    const params = this.messageParams(input, { id, key, now, human: false, provider, files });
    // The move's own parameters follow the message's ($1, the tenant, is shared).
    const moveSql = move.sql.replace(/\$(\d+)/g, (whole, n: string) =>
      n === '1' ? whole : `$${Number(n) + params.length}`,
    );
    // Only what the `message.status` event tells comes back: the whole row's ~40 columns cost the worker a row
    // description and a row to parse per send, and nothing reads them. They are null when the key was taken.
    const [row] = await tenantQuery<StatusRow & { moved: boolean }>(
      this.sql,
      tenantId,
      `WITH moved AS (${moveSql}),
       conversation AS (${outboundConversationSql('EXISTS (SELECT 1 FROM moved)')}),
       message AS (
         INSERT INTO messages (${MESSAGE_COLUMNS})
         SELECT ${MESSAGE_VALUES} FROM conversation
         ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING ${STATUS_COLUMNS})
       SELECT EXISTS (SELECT 1 FROM moved) AS moved, message.* FROM (SELECT 1) AS one LEFT JOIN message ON true
        WHERE ${ASYNC_COMMIT}`,
      [...params, ...move.params],
    );
    if (!row.moved) return undefined;
    if (!row.id) return this.repeatOfKey(tenantId, key, input);
    const message = statusFields(row);
    await this.queued(tenantId, message, now);
    return message;
  }

  /**
   * sendMoving's checks of an automated message whose caller asked the contact policy (policy_checked), made before
   * its statement in a batch (sendMovingMany): throws what sendMoving throws for its input.
   */
  async prepareMoving(tenantId: string, input: SendInput): Promise<PreparedSend> {
    if (!input.policy_checked || input.sender === 'agent' || input.attachment_ids?.length || input.within)
      throw new Error('prepareMoving is for checked automated messages without uploads or within: use send');
    const provider = await this.checked(tenantId, input);
    const id = uuidv7();
    const files = await this.sharedFiles(this.sql, tenantId, input);
    return { input, id, key: input.idempotency_key ?? `message:${id}`, provider, files };
  }

  /**
   * sendMoving for many messages of one tenant (a step job's turns), in ONE statement with their conversations and
   * their callers' writes (`moves`, one per send, in their order), committed as sendMoving commits: a send whose
   * write moves no row writes nothing (`lost`); one whose row another transaction holds writes nothing either and
   * is left to sendMoving (`held`); the messages made are queued with one round trip to Redis. Their leads (or
   * channels) must differ: a statement writes a conversation once.
   */
  async sendMovingMany(
    tenantId: string,
    sends: readonly PreparedSend[],
    moves: RowsWrite,
  ): Promise<MovingOutcome[]> {
    const now = this.clock.now();
    const rows = await tenantQuery<StatusRow & { n: number; held: boolean; moved: boolean }>(
      this.sql,
      tenantId,
      movingSendsSql(moves),
      [JSON.stringify(sends.map((send, i) => this.sendRow(send, i + 1))), now, ...moves.params],
    );
    await this.queuedMany(tenantId, rows.filter((row) => row.moved && row.id).map(statusFields), now);
    return Promise.all(
      rows.map(async (row): Promise<MovingOutcome> => {
        if (!row.held) return { held: true };
        if (!row.moved) return { lost: true };
        const send = sends[row.n - 1];
        if (!row.id) return { message: await this.repeatOfKey(tenantId, send.key, send.input) };
        return { message: statusFields(row) };
      }),
    );
  }

  /**
   * What comes before a send's row: its checks (content, the contact policy unless the caller just asked it, the
   * length for the channel's provider), and the message a repeated idempotency key made already.
   */
  private async prepare(
    tenantId: string,
    input: SendInput,
  ): Promise<{ repeat: MessageEntity } | { provider: string }> {
    if (input.idempotency_key && !input.policy_checked) {
      const existing = await this.messages.findByIdempotencyKey(tenantId, input.idempotency_key);
      if (existing) return { repeat: repeatOf(existing, input) };
    }
    return { provider: await this.checked(tenantId, input) };
  }

  /** prepare's checks of the send itself: its content, the contact policy unless asked, its length; its provider. */
  private async checked(tenantId: string, input: SendInput): Promise<string> {
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
    const { provider } = await this.channels.resolve(tenantId, input.channel);
    checkLength(input, provider);
    return provider;
  }

  /** The campaign's own files its step sends (listed, not taken). */
  private sharedFiles(runner: SqlRunner, tenantId: string, input: SendInput) {
    return input.campaign_file_ids?.length && input.campaign_id
      ? campaignFiles(runner, tenantId, input.campaign_id, input.campaign_file_ids)
      : Promise.resolve([]);
  }

  /** The parameters of MESSAGE_VALUES and of outboundConversationSql, in their order. */
  private messageParams(
    input: SendInput,
    m: {
      id: string;
      key: string;
      now: Date;
      human: boolean;
      provider: string;
      files: MessageAttachmentRef[];
    },
  ): unknown[] {
    const row = this.sendRow({ input, ...m }, 0);
    return [
      row.lead_id,
      row.channel,
      m.now,
      m.human,
      row.id,
      row.campaign_id,
      row.step_id,
      row.sender,
      row.sender_user_id,
      row.content,
      row.subject,
      row.template === null ? null : JSON.stringify(row.template),
      row.media_urls,
      row.provider,
      row.idempotency_key,
      row.external_thread_id,
      row.ai_usage === null ? null : JSON.stringify(row.ai_usage),
      JSON.stringify(row.attachments),
    ];
  }

  /** The values of a message's row, the `n`th of its statement's (sendMovingMany's record, or messageParams). */
  private sendRow(send: PreparedSend, n: number): MovingSendRow {
    const { input, files } = send;
    return {
      n,
      id: send.id,
      lead_id: input.lead_id,
      channel: input.channel,
      campaign_id: input.campaign_id ?? null,
      step_id: input.step_id ?? null,
      sender: input.sender,
      sender_user_id: input.sender_user_id ?? null,
      content: input.body?.trim() || null,
      subject: subjectLine(input.subject),
      template: input.template ?? null,
      media_urls: [...(input.media_urls ?? []), ...files.map((f) => this.fileLinks.url(f))],
      provider: send.provider,
      idempotency_key: send.key,
      external_thread_id: input.channel === 'email' ? this.tracking.messageIdHeader(send.id) : null,
      ai_usage: input.ai_usage ?? null,
      attachments: files,
    };
  }

  /** A key's insert lost to a concurrent request with the same key: that request's message. */
  private async repeatOfKey(tenantId: string, key: string, input: SendInput): Promise<MessageEntity> {
    const existing = await this.messages.findByIdempotencyKey(tenantId, key);
    if (existing) return repeatOf(existing, input);
    throw new Error(`Message with idempotency key ${key} vanished`);
  }

  /** The committed row goes to the sender's queue, and the conversation's watchers see it queued. */
  private async queued(tenantId: string, message: MessageStatusFields, now: Date): Promise<void> {
    try {
      await this.producer.enqueue(
        'messages.send',
        { tenant_id: tenantId, message_id: message.id },
        { jobId: sendJobId(message.id) },
      );
    } catch (err) {
      this.enqueueFailed(tenantId, [message], err);
    }
    this.announceQueued(tenantId, message, now);
  }

  /** queued() for the rows of one statement: their jobs go in one round trip. */
  private async queuedMany(tenantId: string, messages: MessageStatusFields[], now: Date): Promise<void> {
    if (!messages.length) return;
    try {
      await this.producer.enqueueEach(
        'messages.send',
        messages.map((m) => ({ payload: { tenant_id: tenantId, message_id: m.id }, jobId: sendJobId(m.id) })),
      );
    } catch (err) {
      this.enqueueFailed(tenantId, messages, err);
    }
    for (const message of messages) this.announceQueued(tenantId, message, now);
  }

  /** The rows are committed: the sweep of messages left `queued` (messages.sweep) sends them later. */
  private enqueueFailed(tenantId: string, messages: MessageStatusFields[], err: unknown): void {
    for (const message of messages)
      this.logger.error(
        { err, tenant_id: tenantId, message_id: message.id },
        'Enqueue failed; the sweep will send it',
      );
  }

  private announceQueued(tenantId: string, message: MessageStatusFields, now: Date): void {
    this.logger.debug(
      { tenant_id: tenantId, message_id: message.id, channel: message.channel },
      'Message queued',
    );
    this.events.toConversation(
      tenantId,
      message.conversationId,
      'message.status',
      messageStatusEvent(message, now),
    );
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
