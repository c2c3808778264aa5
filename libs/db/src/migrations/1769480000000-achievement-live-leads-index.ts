import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's qualified leads count their live leads only, as the dashboard counts them (an archived lead no longer
 * counts: creating and deleting qualified leads farmed the achievement): the partial index that serves the count
 * (migration 1769020000001) is rebuilt with the same condition. Built concurrently, as this table is large (an index
 * a failed build left invalid is dropped first).
 */
export class AchievementLiveLeadsIndex1769480000000 implements MigrationInterface {
  name = 'AchievementLiveLeadsIndex1769480000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_leads_tenant_owner_qualified"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_leads_tenant_owner_qualified" ON "leads" ("tenant_id", "owner_id") WHERE "owner_id" IS NOT NULL AND "archived_at" IS NULL AND ("status" IN ('qualified', 'converted') OR "qualification_status" IN ('qualified', 'meeting_requested'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_leads_tenant_owner_qualified"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_leads_tenant_owner_qualified" ON "leads" ("tenant_id", "owner_id") WHERE "owner_id" IS NOT NULL AND ("status" IN ('qualified', 'converted') OR "qualification_status" IN ('qualified', 'meeting_requested'))`,
    );
  }
}
