import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboards count a tenant's messages over a window of time (today, the last 30 days): an index of its
 * messages by creation time. Built concurrently, so messages go on while a large table is indexed; an index a
 * failed build left invalid is dropped first.
 */
export class MessagesTenantCreated1768400000000 implements MigrationInterface {
  name = 'MessagesTenantCreated1768400000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_tenant_created"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_messages_tenant_created" ON "messages" ("tenant_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_tenant_created"`);
  }
}
