import { fastSql, MessageAttachmentRef, SqlRunner, tenantQuery } from '@app/db';
import type { InboundAttachment, InboundMessage } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { storeFile } from '../messaging/message-files';
import { v5 as uuidv5 } from 'uuid';

/** How long a file never given its message is kept: its event may still be applied (the inbound sweep retries). */
export const UNLINKED_ATTACHMENT_DAYS = 7;
/** Files deleted per sweep; the rest wait for the next. */
const SWEEP_ROWS = 500;

/** The namespace of attachment ids (a UUID of our own, fixed: the ids of stored files must never change). */
const ATTACHMENT_NAMESPACE = '6f1b8d52-5a0e-4c9a-9a43-1f7a0c2e8b31';

/**
 * The id of a message's n-th file: the same for every delivery of the message (a redelivery stores it once), named
 * by the tenant, the provider and its message id (a name-based UUID, version 5).
 */
export function attachmentId(
  tenantId: string,
  provider: string,
  providerMessageId: string,
  n: number,
): string {
  return uuidv5(`${tenantId}\n${provider}\n${providerMessageId}\n${n}`, ATTACHMENT_NAMESPACE);
}

/** Where a message's file is downloaded (MessageAttachmentsController). */
export function attachmentUrl(messageId: string, id: string): string {
  return `/api/messages/${messageId}/attachments/${id}`;
}

/** A stored file as its message lists it. */
export function attachmentRef(a: InboundAttachment): MessageAttachmentRef | null {
  if (!a.id || a.size === undefined) return null;
  return {
    id: a.id,
    filename: a.filename,
    content_type: a.content_type,
    size: a.size,
    ...(a.content_id ? { content_id: a.content_id } : {}),
  };
}

/**
 * The files of inbound messages. The API stores an email's as it receives the webhook (the event it records for the
 * worker names them without their bytes); the worker stores those a message names by reference (InboundMedia), and
 * gives them all their message as it records it (insertInbound).
 */
@Injectable()
export class InboundAttachments {
  private readonly logger = new Logger(InboundAttachments.name);
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  /**
   * Stores each message's files, once however often it is delivered, and answers the messages with each file's id
   * and size in place of its bytes. A bounce's files are not kept: a mail server's report is no one's message.
   */
  async store(tenantId: string, provider: string, messages: InboundMessage[]): Promise<InboundMessage[]> {
    const stored: InboundMessage[] = [];
    for (const message of messages) {
      if (!message.attachments?.length) {
        stored.push(message);
        continue;
      }
      if (message.bounce) {
        stored.push({ ...message, attachments: undefined });
        continue;
      }
      const attachments: InboundAttachment[] = [];
      for (const [n, file] of message.attachments.entries())
        attachments.push(
          await this.storeOne(tenantId, provider, message, n, file, file.content ?? Buffer.alloc(0)),
        );
      stored.push({ ...message, attachments });
    }
    return stored;
  }

  /** The message's n-th file, stored once (its id derived from the message): what the event records of it. */
  async storeOne(
    tenantId: string,
    provider: string,
    message: InboundMessage,
    n: number,
    file: InboundAttachment,
    content: Buffer,
  ): Promise<InboundAttachment> {
    const id = attachmentId(tenantId, provider, message.provider_message_id, n);
    const {
      id: storedId,
      filename,
      content_type,
      size,
    } = await storeFile(this.sql, tenantId, id, file, content);
    return {
      id: storedId,
      filename,
      content_type,
      size,
      ...(file.content_id ? { content_id: file.content_id } : {}),
    };
  }

  /** The message's n-th file as stored by an earlier try, without its bytes; null when it is not. */
  async storedRef(
    tenantId: string,
    provider: string,
    message: InboundMessage,
    n: number,
  ): Promise<InboundAttachment | null> {
    const id = attachmentId(tenantId, provider, message.provider_message_id, n);
    const [row] = await tenantQuery<{
      filename: string | null;
      content_type: string;
      size: number;
      content_id: string | null;
    }>(
      this.sql,
      tenantId,
      `SELECT filename, content_type, size, content_id FROM message_attachments WHERE tenant_id = $1 AND id = $2`,
      [id],
    );
    if (!row) return null;
    const { content_id: contentId, ...file } = row;
    return { id, ...file, ...(contentId ? { content_id: contentId } : {}) };
  }

  /**
   * One file the tenant's message lists (its own, or its campaign's), bytes included; null when there is none.
   * `assignedTo` (an agent's read): only a message of a conversation assigned to that user; null, none at all.
   */
  async read(
    tenantId: string,
    messageId: string,
    id: string,
    assignedTo?: string | null,
  ): Promise<{ filename: string | null; content_type: string; content: Buffer } | null> {
    if (assignedTo === null) return null;
    const assigned =
      assignedTo === undefined
        ? ''
        : `AND EXISTS (SELECT 1 FROM messages am JOIN conversations ac
                         ON ac.tenant_id = am.tenant_id AND ac.id = am.conversation_id
                        WHERE am.tenant_id = $1 AND am.id = $2 AND ac.assigned_user_id = $4)`;
    const [row] = await tenantQuery<{ filename: string | null; content_type: string; content: Buffer }>(
      this.sql,
      tenantId,
      `SELECT a.filename, a.content_type, a.content FROM message_attachments a
        WHERE a.tenant_id = $1 AND a.id = $3
          AND (a.message_id = $2
               OR (a.campaign_id IS NOT NULL
                   AND EXISTS (SELECT 1 FROM messages m
                                WHERE m.tenant_id = $1 AND m.id = $2 AND m.campaign_id = a.campaign_id
                                  AND m.attachments @> jsonb_build_array(jsonb_build_object('id', $3::text)))))
          ${assigned}`,
      assignedTo === undefined ? [messageId, id] : [messageId, id, assignedTo],
    );
    return row ?? null;
  }

  /** Part of the inbound sweep: files never given a message, older than UNLINKED_ATTACHMENT_DAYS, are deleted. */
  async sweepUnlinked(): Promise<number> {
    // A platform-wide delete through the partial index of files without a message.
    const rows = (await this.sql.query(
      `DELETE FROM message_attachments WHERE id IN (
         SELECT id FROM message_attachments
          WHERE message_id IS NULL AND campaign_id IS NULL AND created_at < now() - make_interval(days => $1)
          ORDER BY created_at LIMIT ${SWEEP_ROWS})
       RETURNING id`,
      [UNLINKED_ATTACHMENT_DAYS],
    )) as { id: string }[];
    if (rows.length) this.logger.log({ attachments: rows.length }, 'Files never given a message deleted');
    return rows.length;
  }
}
