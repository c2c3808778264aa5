import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The campaign tick's sweep of enrollments left `queued` (EnrollmentsRepository.releaseStale) reads every tenant's
 * queued enrollments older than a cut-off: with no index of its own it scanned the whole of
 * `ix_campaign_enrollments_tenant_status` on every tick. A partial index of the queued ones alone (a handful at any
 * time, however many enrollments there are), by when they were queued, answers it. Built concurrently, as this table
 * is large (an index a failed build left invalid is dropped first).
 */
export class EnrollmentsQueuedIndex1769468050000 implements MigrationInterface {
  name = 'EnrollmentsQueuedIndex1769468050000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_campaign_enrollments_queued_updated"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_campaign_enrollments_queued_updated" ON "campaign_enrollments" ("updated_at") WHERE "status" = 'queued'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_campaign_enrollments_queued_updated"`);
  }
}
