import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ix_messages_tenant_status` (tenant_id, status) served no query: every read of messages by status has a narrower
 * index (the partial ones of queued, sending, unknown and a campaign's queued sends; a lead's, a conversation's, a
 * campaign's or a user's messages), and the count of a tenant's `unknown` messages reads `ix_messages_tenant_unknown`
 * as fast without it. Each status callback rewrote the message outside a HOT update, so it added an entry to this
 * index too: one fewer to write per status. Dropped concurrently, so messages go on meanwhile.
 */
export class DropMessagesTenantStatus1769330000000 implements MigrationInterface {
  name = 'DropMessagesTenantStatus1769330000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_tenant_status"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_tenant_status"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_messages_tenant_status" ON "messages" ("tenant_id", "status")`,
    );
  }
}
