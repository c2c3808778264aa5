import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * When each lead was last in touch with the tenant (seed 004's `lastContactDate`): its last call, or its last message
 * either way that went (sent, delivered, read, or received from the lead), whichever is later. One statement per
 * page: an index probe per lead (`ix_messages_tenant_lead`, read backwards).
 */
@Injectable()
export class LeadLastContacts {
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  async of(tenantId: string, leadIds: string[]): Promise<Map<string, Date>> {
    if (!leadIds.length) return new Map();
    const rows = await tenantQuery<{ id: string; at: Date | null }>(
      this.sql,
      tenantId,
      `SELECT l.id, greatest(l.last_call_at, m.created_at) AS at
         FROM leads l
         LEFT JOIN LATERAL (
           SELECT m.created_at FROM messages m
            WHERE m.tenant_id = $1 AND m.lead_id = l.id
              AND m.status IN ('sent', 'delivered', 'read', 'unknown', 'received')
            ORDER BY m.created_at DESC LIMIT 1) m ON true
        WHERE l.tenant_id = $1 AND l.id = ANY($2::uuid[])`,
      [leadIds],
    );
    return new Map(rows.filter((r) => r.at).map((r) => [r.id, r.at!]));
  }
}
