import { AiMode, ConversationChannel, ConversationStatus, MessageEntity, tenantQuery } from '@app/db';
import type { EmailThreading, InboundMessage } from '@app/providers';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { HUMAN_HOLDS_LEAD } from '../messaging/human-hold';
import { giveFiles } from '../messaging/message-files';
import { attachmentRef } from './inbound-attachments';
import type { LoggedBy } from './inbound-event';

/** The largest HTML part of an inbound email kept beside its text (characters). */
export const INBOUND_HTML_MAX_CHARS = 512 * 1024;

/**
 * The email conversation an inbound email answers: its In-Reply-To or References against our Message-IDs. A thread
 * whose lead was erased or archived (deleted) answers nothing: the reply is a new person's, found or created by its
 * address, in a conversation the inbox lists.
 */
export async function findEmailThread(
  tx: EntityManager,
  tenantId: string,
  threading: EmailThreading | undefined,
): Promise<{ conversation_id: string; lead_id: string } | undefined> {
  const ids = [threading?.in_reply_to, ...(threading?.references ?? []).slice().reverse()].filter(
    (id): id is string => !!id,
  );
  if (!ids.length) return undefined;
  const [row] = await tenantQuery<{ conversation_id: string; lead_id: string }>(
    tx,
    tenantId,
    `SELECT m.conversation_id, m.lead_id FROM messages m
       JOIN leads l ON l.tenant_id = m.tenant_id AND l.id = m.lead_id AND l.archived_at IS NULL
      WHERE m.tenant_id = $1 AND m.external_thread_id = ANY($2::text[]) AND m.channel = 'email'
      ORDER BY array_position($2::text[], m.external_thread_id::text), m.created_at DESC
      LIMIT 1`,
    [ids],
  );
  return row;
}

/**
 * The lead's conversation on this channel, opened when it has none (one per tenant, lead and channel); a new one
 * starts with humans when a human holds the lead already (HUMAN_HOLDS_LEAD).
 */
export async function openConversation(
  tx: EntityManager,
  tenantId: string,
  leadId: string,
  channel: string,
): Promise<string> {
  const [row] = await tenantQuery<{ id: string }>(
    tx,
    tenantId,
    `INSERT INTO conversations (tenant_id, lead_id, channel, ai_mode)
     VALUES ($1, $2, $3, CASE WHEN ${HUMAN_HOLDS_LEAD} THEN 'human' ELSE 'auto' END)
     ON CONFLICT (tenant_id, lead_id, channel) DO UPDATE SET status = conversations.status
       WHERE conversations.tenant_id = $1
     RETURNING id`,
    [leadId, channel],
  );
  return row.id;
}

/**
 * Records the inbound message once: the unique (tenant, provider, provider id) and idempotency key make a
 * redelivered or reprocessed event a no-op; its files (InboundAttachments) become its own. Answers the new row, or
 * undefined when it was recorded before.
 */
export async function insertInbound(
  tx: EntityManager,
  tenantId: string,
  row: {
    conversationId: string;
    leadId: string;
    provider: string;
    message: InboundMessage;
    now: Date;
    /** Who logged it by hand (the user is its sender_user_id): no provider carried it, so it has no provider id. */
    logged?: LoggedBy;
  },
): Promise<MessageEntity | undefined> {
  const { message } = row;
  const id = uuidv7();
  const attachments = (message.attachments ?? []).flatMap((a) => attachmentRef(a) ?? []);
  const result = await tx
    .createQueryBuilder()
    .insert()
    .into(MessageEntity)
    .values({
      id,
      tenantId,
      conversationId: row.conversationId,
      leadId: row.leadId,
      direction: 'inbound',
      channel: message.channel,
      sender: 'lead',
      senderUserId: row.logged?.user_id ?? null,
      content: message.body,
      subject: message.subject?.slice(0, 998) ?? null,
      // A very large HTML part (a newsletter's) is not kept: the text stands for it.
      html: message.html && message.html.length <= INBOUND_HTML_MAX_CHARS ? message.html : null,
      mediaUrls: message.media_urls ?? [],
      attachments,
      provider: row.provider,
      providerMessageId: row.logged ? null : message.provider_message_id.slice(0, 128),
      status: 'received',
      idempotencyKey: inboundMessageKey(row.provider, message.provider_message_id),
      externalThreadId: message.threading?.message_id?.slice(0, 255) ?? null,
      // On the platform clock, as every message we send is: a reply compares with the sends before it.
      createdAt: row.now,
      updatedAt: row.now,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  if (!(result.raw as unknown[]).length) return undefined;
  // Its files, stored when its webhook came (or fetched before it was recorded), are its own now.
  await giveFiles(tx, tenantId, id, attachments);
  return tx.findOneByOrFail(MessageEntity, { id, tenantId });
}

/** A conversation as a new inbound message left it, and whether that message reopened it (it was closed). */
export interface BumpedConversation {
  unread_count: number;
  reopened: boolean;
  lead_id: string;
  channel: ConversationChannel;
  status: ConversationStatus;
  assigned_user_id: string | null;
  ai_mode: AiMode;
}

/**
 * A new inbound message: one more unread, the conversation's last message and the lead's last inbound time (`at`,
 * when it was applied; `sentAt`, when the lead sent it), open again if it was closed, and the handle it came from
 * when it gave one.
 */
export async function bumpConversation(
  tx: EntityManager,
  tenantId: string,
  conversationId: string,
  at: Date,
  sentAt: Date,
  handle: string | null = null,
): Promise<BumpedConversation> {
  const [row] = await tenantQuery<BumpedConversation>(
    tx,
    tenantId,
    `WITH bumped AS (
       UPDATE conversations c
          SET unread_count = c.unread_count + 1,
              last_message_at = GREATEST(c.last_message_at, $3::timestamptz),
              last_inbound_at = GREATEST(c.last_inbound_at, $3::timestamptz),
              last_inbound_sent_at = GREATEST(c.last_inbound_sent_at, $4::timestamptz),
              status = 'open',
              handle = coalesce($5, c.handle),
              updated_at = now()
         FROM (SELECT id, status FROM conversations WHERE tenant_id = $1 AND id = $2 FOR NO KEY UPDATE) old
        -- The key given on both sides: the row to update found by it alone, whatever index the planner would take for
        -- the tenant (a tenant the statistics do not know yet: its conversations once per conversation, 34 s).
        WHERE c.tenant_id = $1 AND c.id = $2 AND c.id = old.id
        RETURNING c.unread_count, old.status <> 'open' AS reopened, c.lead_id, c.channel, c.status,
                  c.assigned_user_id, c.ai_mode)
     SELECT * FROM bumped`,
    [conversationId, at, sentAt, handle],
  );
  return row;
}

/**
 * When the lead sent the message: the provider's date for it (Meta's `timestamp`, Telegram's `date`, the receipt
 * of a Twilio webhook), never later than `now`, since a clock ahead of ours must not stretch WhatsApp's window.
 */
export function inboundSentAt(message: InboundMessage, now: Date): Date {
  const sent = Date.parse(message.received_at);
  return Number.isFinite(sent) && sent < now.getTime() ? new Date(sent) : now;
}

/** An inbound message's idempotency key: one row per provider message, however often its webhook comes. */
export function inboundMessageKey(provider: string, providerMessageId: string): string {
  return `inbound:${provider}:${providerMessageId}`.slice(0, 200);
}
