import { assertTenantId, fastSql, MessageAttachmentRef, SqlRunner, tenantQuery } from '@app/db';
import type { InboundAttachment, InboundMessage } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** How long a file never given its message is kept: its event may still be applied (the inbound sweep retries). */
export const UNLINKED_ATTACHMENT_DAYS = 7;
/** Files deleted per sweep; the rest wait for the next. */
const SWEEP_ROWS = 500;

/**
 * The id of a message's n-th file: the same for every delivery of the message (a redelivery stores it once), from
 * the tenant, the provider and its message id (a UUID of version 8, RFC 9562's form for ids made this way).
 */
export function attachmentId(
  tenantId: string,
  provider: string,
  providerMessageId: string,
  n: number,
): string {
  const hex = createHash('sha256')
    .update(`${tenantId}\n${provider}\n${providerMessageId}\n${n}`)
    .digest('hex')
    .slice(0, 32)
    .split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Where a message's file is downloaded (MessageAttachmentsController). */
export function attachmentUrl(messageId: string, id: string): string {
  return `/api/messages/${messageId}/attachments/${id}`;
}

/** A stored file as its message lists it. */
export function attachmentRef(a: InboundAttachment): MessageAttachmentRef | null {
  if (!a.id || a.size === undefined) return null;
  return { id: a.id, filename: a.filename, content_type: a.content_type, size: a.size };
}

/**
 * The files of inbound messages. The API stores them as it receives the webhook (the event it records for the
 * worker names them without their bytes); the worker gives them their message as it records it (insertInbound).
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
    assertTenantId(tenantId);
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
      for (const [n, file] of message.attachments.entries()) {
        const content = file.content ?? Buffer.alloc(0);
        const id = attachmentId(tenantId, provider, message.provider_message_id, n);
        // An insert names its tenant in the values (assertTenantId above): tenantQuery guards filters.
        await this.sql.query(
          `INSERT INTO message_attachments (id, tenant_id, filename, content_type, content_id, size, content)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
          [id, tenantId, file.filename, file.content_type, file.content_id ?? null, content.length, content],
        );
        attachments.push({
          id,
          filename: file.filename,
          content_type: file.content_type,
          size: content.length,
          ...(file.content_id ? { content_id: file.content_id } : {}),
        });
      }
      stored.push({ ...message, attachments });
    }
    return stored;
  }

  /** One stored file of the tenant's message, bytes included; null when there is none. */
  async read(
    tenantId: string,
    messageId: string,
    id: string,
  ): Promise<{ filename: string | null; content_type: string; content: Buffer } | null> {
    const [row] = await tenantQuery<{ filename: string | null; content_type: string; content: Buffer }>(
      this.sql,
      tenantId,
      `SELECT filename, content_type, content FROM message_attachments
        WHERE tenant_id = $1 AND message_id = $2 AND id = $3`,
      [messageId, id],
    );
    return row ?? null;
  }

  /** Part of the inbound sweep: files never given a message, older than UNLINKED_ATTACHMENT_DAYS, are deleted. */
  async sweepUnlinked(): Promise<number> {
    // A platform-wide delete through the partial index of files without a message.
    const rows = (await this.sql.query(
      `DELETE FROM message_attachments WHERE id IN (
         SELECT id FROM message_attachments
          WHERE message_id IS NULL AND created_at < now() - make_interval(days => $1)
          ORDER BY created_at LIMIT ${SWEEP_ROWS})
       RETURNING id`,
      [UNLINKED_ATTACHMENT_DAYS],
    )) as { id: string }[];
    if (rows.length) this.logger.log({ attachments: rows.length }, 'Files never given a message deleted');
    return rows.length;
  }
}
