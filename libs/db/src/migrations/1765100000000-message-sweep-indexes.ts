import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sweep of messages left `queued` reads them oldest first across tenants; admins list `unknown` messages
 * newest first (DESIGN §7.6). Both sets are small, so both indexes are partial.
 */
export class MessageSweepIndexes1765100000000 implements MigrationInterface {
  name = 'MessageSweepIndexes1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_messages_queued_updated" ON "messages" ("updated_at") WHERE "status" = 'queued'`,
    );
    await q.query(
      `CREATE INDEX "ix_messages_tenant_unknown" ON "messages" ("tenant_id", "created_at", "id") WHERE "status" = 'unknown'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_messages_tenant_unknown"`);
    await q.query(`DROP INDEX "ix_messages_queued_updated"`);
  }
}
