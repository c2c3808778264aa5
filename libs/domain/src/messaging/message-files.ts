import { AppError, Clock, invalidInput } from '@app/common';
import { AppConfig } from '@app/config';
import { assertTenantId, fastSql, MessageAttachmentRef, SqlRunner, tenantQuery } from '@app/db';
import { safeEqual } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';

/**
 * How long after its message went out (or failed) a file stays at its public link: the provider fetches it as it
 * sends; the link then stops serving it, wherever it was copied to (the tenant's users keep the API's download).
 */
export const PUBLIC_FILE_DAYS = 7;

/** The most files one message carries (Twilio's MMS limit). */
export const FILES_PER_MESSAGE = 10;
/** Channels whose providers carry one file per message (Meta, Telegram). */
const ONE_FILE_CHANNELS = new Set(['whatsapp', 'telegram']);

/**
 * The public links of the files our messages send: the provider (Twilio, Meta, Telegram) fetches the file itself,
 * without our credentials, so the link carries an HMAC of the file id instead. Only files of outbound messages are
 * served this way; an inbound message's files need a user's token (GET /api/messages/:id/attachments/:id).
 */
export class MessageFileLinks {
  constructor(
    private readonly key: Buffer,
    private readonly publicBaseUrl: string,
  ) {}

  token(id: string): string {
    return createHmac('sha256', this.key)
      .update(`message-file\n${id.toLowerCase()}`)
      .digest('base64url')
      .slice(0, 32);
  }

  verify(id: string, token: unknown): boolean {
    return typeof token === 'string' && safeEqual(this.token(id), token);
  }

  /** `/webhooks/media/<id>/<file name>?t=<token>`: the name in the path, for providers that name a file by its URL. */
  url(file: MessageAttachmentRef): string {
    const name = encodeURIComponent(file.filename ?? 'file');
    return `${this.publicBaseUrl.replace(/\/+$/, '')}/webhooks/media/${file.id}/${name}?t=${this.token(file.id)}`;
  }
}

/**
 * Refuses (a 400, before anything is recorded) a send with more files than its channel carries: media URLs and
 * uploaded files count alike, an upload named twice once. The error names `attachment_ids` when uploads take part.
 */
export function checkFileCount(channel: string, mediaUrls: string[] = [], uploadIds: string[] = []): void {
  const uploads = new Set(uploadIds.map((id) => id.toLowerCase())).size;
  if (mediaUrls.length + uploads <= (ONE_FILE_CHANNELS.has(channel) ? 1 : FILES_PER_MESSAGE)) return;
  throw AppError.field(
    uploads ? 'attachment_ids' : 'media_urls',
    ONE_FILE_CHANNELS.has(channel)
      ? `${channel} carries one file (or media URL) per message`
      : `a message carries at most ${FILES_PER_MESSAGE} files and media URLs`,
  );
}

/**
 * The uploaded files a send names, locked in its transaction: each must be an upload of this tenant not sent yet
 * (a 400 naming `attachment_ids` otherwise, and nothing is sent). The count was checked before (checkFileCount).
 */
export async function claimUploads(
  runner: SqlRunner,
  tenantId: string,
  ids: string[],
): Promise<MessageAttachmentRef[]> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  const rows = await tenantQuery<MessageAttachmentRef>(
    runner,
    tenantId,
    `SELECT id, filename, content_type, size FROM message_attachments
      WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND origin = 'upload' AND message_id IS NULL
        AND campaign_id IS NULL
      FOR UPDATE`,
    [unique],
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length)
    throw AppError.field(
      'attachment_ids',
      `names files that are not uploads waiting to be sent: ${missing.join(', ')}`,
    );
  return unique.map((id) => found.get(id) as MessageAttachmentRef);
}

/**
 * Stores one file of the tenant's, not yet any message's; a file already stored under this id is left as it is (an
 * inbound file's id is derived from its message, so a redelivery stores it once). Only an `upload` may be sent.
 */
export async function storeFile(
  runner: SqlRunner,
  tenantId: string,
  id: string,
  file: { filename: string | null; content_type: string; content_id?: string | null },
  content: Buffer,
  origin: 'inbound' | 'upload' = 'inbound',
): Promise<MessageAttachmentRef> {
  assertTenantId(tenantId);
  // An insert names its tenant in the values (assertTenantId above): tenantQuery guards filters.
  await runner.query(
    `INSERT INTO message_attachments (id, tenant_id, filename, content_type, content_id, size, content, origin)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [
      id,
      tenantId,
      file.filename,
      file.content_type,
      file.content_id ?? null,
      content.length,
      content,
      origin,
    ],
  );
  return { id, filename: file.filename, content_type: file.content_type, size: content.length };
}

/**
 * The uploads a campaign's steps send (`options.attachment_ids`) become the campaign's, in the transaction that
 * stores the steps: each must be an upload of this tenant not sent yet, or one of this campaign's already (a 400
 * naming the step's field otherwise, and nothing is stored). They are never swept, and no single send takes them.
 */
export async function pinCampaignFiles(
  runner: SqlRunner,
  tenantId: string,
  campaignId: string,
  wanted: { id: string; field: string }[],
): Promise<void> {
  if (!wanted.length) return;
  const ids = [...new Set(wanted.map((w) => w.id))];
  const rows = await tenantQuery<{ id: string }>(
    runner,
    tenantId,
    `SELECT id FROM message_attachments
      WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND origin = 'upload' AND message_id IS NULL
        AND (campaign_id IS NULL OR campaign_id = $3)
      FOR UPDATE`,
    [ids, campaignId],
  );
  const found = new Set(rows.map((r) => r.id));
  const issues = wanted
    .filter((w) => !found.has(w.id))
    .map((w) => ({
      field: w.field,
      reason: `names a file that is not an upload of this campaign or waiting to be sent: ${w.id}`,
    }));
  if (issues.length) throw invalidInput(issues);
  await tenantQuery(
    runner,
    tenantId,
    `UPDATE message_attachments SET campaign_id = $2 WHERE tenant_id = $1 AND id = ANY($3::uuid[])`,
    [campaignId, ids],
  );
}

/** A campaign's files named by a step, as its messages list them; a file no longer the campaign's is left out. */
export async function campaignFiles(
  runner: SqlRunner,
  tenantId: string,
  campaignId: string,
  ids: string[],
): Promise<MessageAttachmentRef[]> {
  const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
  const rows = await tenantQuery<MessageAttachmentRef>(
    runner,
    tenantId,
    `SELECT id, filename, content_type, size FROM message_attachments
      WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND campaign_id = $3`,
    [unique, campaignId],
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  return unique.flatMap((id) => found.get(id) ?? []);
}

/** The files are the new message's (in the transaction that recorded it): uploads it sends, files it came with. */
export async function giveFiles(
  runner: SqlRunner,
  tenantId: string,
  messageId: string,
  files: MessageAttachmentRef[],
): Promise<void> {
  if (!files.length) return;
  await tenantQuery(
    runner,
    tenantId,
    `UPDATE message_attachments SET message_id = $2 WHERE tenant_id = $1 AND id = ANY($3::uuid[]) AND message_id IS NULL`,
    [messageId, files.map((f) => f.id)],
  );
}

/**
 * Files to send: uploaded first (stored without a message; one never sent is swept with the inbound files left
 * without one), then named by a send's `attachment_ids`, and served to the provider at their public link.
 */
@Injectable()
export class MessageUploads {
  readonly links: MessageFileLinks;
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.sql = fastSql(db);
    this.links = new MessageFileLinks(config.encryptionKey, config.publicBaseUrl);
  }

  upload(
    tenantId: string,
    file: { filename: string | null; content_type: string; content: Buffer },
  ): Promise<MessageAttachmentRef> {
    return storeFile(this.sql, tenantId, uuidv7(), file, file.content, 'upload');
  }

  /**
   * A file we send (an outbound message's until PUBLIC_FILE_DAYS after it went out or failed, or a live campaign's:
   * a deleted campaign's files are served as its messages' only), for the provider fetching it by its public link;
   * null for a bad or expired link.
   */
  async readPublic(
    id: string,
    token: unknown,
  ): Promise<{ filename: string | null; content_type: string; content: Buffer } | null> {
    if (!this.links.verify(id, token)) return null;
    // A read across tenants by primary key: the link's token is the authority.
    const rows = (await this.sql.query(
      `SELECT a.filename, a.content_type, a.content FROM message_attachments a
        WHERE a.id = $1 AND a.origin = 'upload'
          AND (EXISTS (SELECT 1 FROM campaigns c
                        WHERE c.tenant_id = a.tenant_id AND c.id = a.campaign_id AND c.archived_at IS NULL)
               OR EXISTS (SELECT 1 FROM messages m
                           WHERE m.tenant_id = a.tenant_id AND m.id = a.message_id AND m.direction = 'outbound'
                             AND coalesce(greatest(m.sent_at, m.failed_at),
                                          CASE WHEN m.status IN ('queued', 'sending') THEN 'infinity'::timestamptz END,
                                          m.updated_at) > $2))`,
      [id, new Date(this.clock.nowMs() - PUBLIC_FILE_DAYS * 86_400_000)],
    )) as { filename: string | null; content_type: string; content: Buffer }[];
    return rows[0] ?? null;
  }
}
