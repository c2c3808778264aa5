import { Page, PageWindow } from '@app/common';
import { tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface UnknownMessage {
  id: string;
  conversation_id: string;
  lead_id: string;
  lead_name: string | null;
  lead_phone: string | null;
  lead_email: string | null;
  channel: string;
  provider: string;
  attempts: number;
  content: string | null;
  error_code: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Every `unknown` message (DESIGN §7.6): a send whose outcome was lost and that the provider's look-up could not
 * find. It is never resent; admins see each one, newest first, to check with the provider or the lead.
 */
@Injectable()
export class UnknownMessagesService {
  constructor(private readonly db: DataSource) {}

  async list(tenantId: string, window: PageWindow): Promise<Page<UnknownMessage>> {
    const rows = await tenantQuery<UnknownMessage>(
      this.db,
      tenantId,
      `SELECT m.id, m.conversation_id, m.lead_id, m.channel, m.provider, m.attempts, m.content, m.error_code,
              m.created_at, m.updated_at,
              NULLIF(concat_ws(' ', l.first_name, l.last_name), '') AS lead_name,
              COALESCE(l.phone_normalized, l.phone) AS lead_phone, l.email AS lead_email
         FROM messages m
         LEFT JOIN leads l ON l.tenant_id = m.tenant_id AND l.id = m.lead_id
        WHERE m.tenant_id = $1 AND m.status = 'unknown'
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT $2 OFFSET $3`,
      [window.limit, window.offset],
    );
    const [{ total }] = await tenantQuery<{ total: number }>(
      this.db,
      tenantId,
      `SELECT count(*)::int AS total FROM messages WHERE tenant_id = $1 AND status = 'unknown'`,
    );
    return new Page(rows, total, window.limit, window.offset);
  }
}
