import { AiMode, fastSql, SqlRunner, tenantQuery } from '@app/db';
import { isReplyLabel } from '@app/providers';
import type { LeadFacts, ReplyLabel } from '@app/providers';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { leadHeldByHuman } from '../messaging/human-hold';
import type { HistoryRow } from './outreach-history';

/** The lead as the writer reads it. */
export interface LeadProfile extends LeadFacts {
  classification: ReplyLabel | null;
}

/** One inbound message and what decides whether the AI answers it. */
export interface InboundToAnswer {
  id: string;
  lead_id: string | null;
  conversation_id: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  subject: string | null;
  ai_mode: AiMode;
  settings: Record<string, unknown>;
  tenant_timezone: string;
  label: ReplyLabel | null;
  confidence: number | null;
  overridden: boolean;
  agent_after: boolean;
  newer_inbound: boolean;
  /** The AI's messages in the conversation before this one, since a human agent last wrote, within a day. */
  ai_in_a_row: number;
}

/**
 * Reads of AI outreach. Messages are ordered by id: ids are UUIDv7 made by the application when the row is written,
 * so they order inbound and outbound messages alike, in the order they were recorded.
 */
@Injectable()
export class AiOutreachRepository {
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  /**
   * The lead's latest `limit` messages on every channel, oldest first: what a human said to the lead by SMS is part
   * of the conversation the AI takes up by email after a cede.
   */
  async history(tenantId: string, leadId: string, limit: number): Promise<HistoryRow[]> {
    const rows = await tenantQuery<HistoryRow>(
      this.sql,
      tenantId,
      `SELECT direction, sender, channel, content, created_at FROM messages
        WHERE tenant_id = $1 AND lead_id = $2
        ORDER BY id DESC LIMIT $3`,
      [leadId, limit],
    );
    return rows.reverse();
  }

  async lead(tenantId: string, leadId: string): Promise<LeadProfile | undefined> {
    const [row] = await tenantQuery<LeadFacts & { classification: string | null }>(
      this.sql,
      tenantId,
      `SELECT l.first_name, l.last_name, l.company, l.position, l.country, l.custom_fields, l.classification,
              COALESCE(l.timezone, l.timezones[1], t.timezone) AS timezone
         FROM leads l JOIN tenants t ON t.id = l.tenant_id
        WHERE l.tenant_id = $1 AND l.id = $2`,
      [leadId],
    );
    // A classification stored before only the labels were taken is no label: the writer reads none.
    return row && { ...row, classification: isReplyLabel(row.classification) ? row.classification : null };
  }

  /** The lead's answers of this kind refused as invalid (recorded by the LLM manager) since `since`. */
  async refusedWrites(tenantId: string, leadId: string, kind: string, since: Date): Promise<number> {
    const [row] = await tenantQuery<{ n: number }>(
      this.sql,
      tenantId,
      `SELECT count(*)::int AS n FROM ai_interactions
        WHERE tenant_id = $1 AND lead_id = $2 AND kind = $3 AND success = false AND error_code = 'invalid_response'
          AND created_at > $4`,
      [leadId, kind, since],
    );
    return row.n;
  }

  /** When control of the lead was last ceded back to automation (the `campaign.lead_ceded` activity entry). */
  async cededAt(tenantId: string, leadId: string): Promise<Date | null> {
    const [row] = await tenantQuery<{ created_at: Date }>(
      this.sql,
      tenantId,
      `SELECT created_at FROM activity_log
        WHERE tenant_id = $1 AND type = 'campaign.lead_ceded' AND data->>'lead_id' = $2
        ORDER BY created_at DESC LIMIT 1`,
      [leadId],
    );
    return row?.created_at ?? null;
  }

  async inbound(tenantId: string, messageId: string): Promise<InboundToAnswer | undefined> {
    const [row] = await tenantQuery<InboundToAnswer>(this.sql, tenantId, INBOUND, [messageId]);
    return row;
  }

  /**
   * Whether the AI's answer to `messageId` still stands, read inside the answer's transaction: no human holds the
   * lead (on any channel: leadHeldByHuman), no human wrote after the message and the lead did not write again.
   */
  async answerStands(runner: SqlRunner, tenantId: string, messageId: string): Promise<boolean> {
    const [row] = await tenantQuery<{ stands: boolean }>(
      runner,
      tenantId,
      `SELECT c.ai_mode = 'auto' AND NOT ${leadHeldByHuman('m.lead_id')}
              AND NOT EXISTS (SELECT 1 FROM messages n
                               WHERE n.tenant_id = $1 AND n.conversation_id = m.conversation_id AND n.id > m.id
                                 AND (n.direction = 'inbound' OR n.sender = 'agent')) AS stands
         FROM messages m JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
        WHERE m.tenant_id = $1 AND m.id = $2`,
      [messageId],
    );
    return row?.stands === true;
  }
}

const INBOUND = `
  SELECT m.id, m.lead_id, m.conversation_id, m.channel, m.direction, m.subject,
         c.ai_mode, t.settings, t.timezone AS tenant_timezone,
         rc.label, rc.confidence,
         ${leadHeldByHuman('m.lead_id')} AS overridden,
         EXISTS (SELECT 1 FROM messages a
                  WHERE a.tenant_id = $1 AND a.conversation_id = m.conversation_id AND a.id > m.id
                    AND a.sender = 'agent') AS agent_after,
         EXISTS (SELECT 1 FROM messages n
                  WHERE n.tenant_id = $1 AND n.conversation_id = m.conversation_id AND n.id > m.id
                    AND n.direction = 'inbound') AS newer_inbound,
         (SELECT count(*)::int FROM messages a
           WHERE a.tenant_id = $1 AND a.conversation_id = m.conversation_id AND a.id < m.id AND a.sender = 'ai'
             AND a.created_at > m.created_at - interval '1 day'
             AND a.id > COALESCE((SELECT h.id FROM messages h
                                   WHERE h.tenant_id = $1 AND h.conversation_id = m.conversation_id AND h.id < m.id
                                     AND h.sender = 'agent'
                                   ORDER BY h.id DESC LIMIT 1), '00000000-0000-0000-0000-000000000000'::uuid)
         ) AS ai_in_a_row
    FROM messages m
    JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
    JOIN tenants t ON t.id = m.tenant_id
    LEFT JOIN reply_classifications rc ON rc.tenant_id = $1 AND rc.message_id = m.id
   WHERE m.tenant_id = $1 AND m.id = $2`;
