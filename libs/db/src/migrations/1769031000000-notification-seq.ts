import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications get their insertion order (`seq`, as the activity log has): a user's list, newest first, breaks
 * ties between notifications of the same instant by it instead of by their random ids, so the newest one of a
 * burst is first and the order does not depend on the ids. The list's indexes end with it.
 */
export class NotificationSeq1769031000000 implements MigrationInterface {
  name = 'NotificationSeq1769031000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ADD "seq" bigint GENERATED ALWAYS AS IDENTITY`);
    await q.query(`DROP INDEX "ix_notifications_tenant_user_created"`);
    await q.query(
      `CREATE INDEX "ix_notifications_tenant_user_created" ON "notifications" ("tenant_id", "user_id", "created_at", "seq")`,
    );
    await q.query(`DROP INDEX "ix_notifications_tenant_user_unread"`);
    await q.query(
      `CREATE INDEX "ix_notifications_tenant_user_unread" ON "notifications" ("tenant_id", "user_id", "created_at", "seq") WHERE "read_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_notifications_tenant_user_unread"`);
    await q.query(
      `CREATE INDEX "ix_notifications_tenant_user_unread" ON "notifications" ("tenant_id", "user_id", "created_at") WHERE "read_at" IS NULL`,
    );
    await q.query(`DROP INDEX "ix_notifications_tenant_user_created"`);
    await q.query(
      `CREATE INDEX "ix_notifications_tenant_user_created" ON "notifications" ("tenant_id", "user_id", "created_at", "id")`,
    );
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "seq"`);
  }
}
