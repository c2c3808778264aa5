import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification centre (seed 004): one row per user and event. A user's list is read newest first by
 * (tenant, user, created_at, id); their unread ones (the filter, the badge's count, read-all) by a partial index
 * of the unread only, which stays small however many they read; the ones about a lead by its id, for its erasure.
 */
export class Notifications1768950000000 implements MigrationInterface {
  name = 'Notifications1768950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "type" varchar(16) NOT NULL,
        "title" varchar(200) NOT NULL,
        "message" text NOT NULL,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "lead_id" uuid,
        "read_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "fk_notifications_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_notifications_type" CHECK ("type" IN ('lead', 'message', 'system'))
      )`);
    await q.query(
      `CREATE INDEX "ix_notifications_tenant_user_created" ON "notifications" ("tenant_id", "user_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_tenant_user_unread" ON "notifications" ("tenant_id", "user_id", "created_at") WHERE "read_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_notifications_tenant_lead" ON "notifications" ("tenant_id", "lead_id") WHERE "lead_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notifications"`);
  }
}
