import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The message sweep finds sends left `sending` without a provider id, oldest first, across tenants. Built
 * concurrently (outside a transaction), so sends go on while a large messages table is indexed; an index a failed
 * build left invalid is dropped first.
 */
export class OrphanedSendsIndex1767100000000 implements MigrationInterface {
  name = 'OrphanedSendsIndex1767100000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_sending_unsent"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_messages_sending_unsent" ON "messages" ("updated_at", "id") WHERE "status" = 'sending' AND "provider_message_id" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_sending_unsent"`);
  }
}
