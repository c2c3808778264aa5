import { MigrationInterface, QueryRunner } from 'typeorm';

/** Inbound email finds its conversation by In-Reply-To / References against messages.external_thread_id. */
export class MessageThreadIndex1764806400000 implements MigrationInterface {
  name = 'MessageThreadIndex1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_messages_tenant_thread" ON "messages" ("tenant_id", "external_thread_id") WHERE "external_thread_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_messages_tenant_thread"`);
  }
}
