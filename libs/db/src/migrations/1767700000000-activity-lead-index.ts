import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasing a lead scrubs the activity log's entries about it (`data.lead_id`): a partial index of the entries that
 * name a lead, so that is a look-up, not a read of the tenant's whole log. Built concurrently (outside a
 * transaction), so the log is written on while it builds; an index a failed build left invalid is dropped first.
 */
export class ActivityLeadIndex1767700000000 implements MigrationInterface {
  name = 'ActivityLeadIndex1767700000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_activity_log_lead"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_activity_log_lead" ON "activity_log" ("tenant_id", ("data"->>'lead_id')) WHERE "data" ? 'lead_id'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_activity_log_lead"`);
  }
}
