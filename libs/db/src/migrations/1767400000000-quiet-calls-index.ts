import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dialer tick asks the provider about open calls no callback has touched for a while, across tenants, quietest
 * first, every second: a partial index of the open calls the provider took. Built concurrently (outside a
 * transaction), so calls go on while a large calls table is indexed; an index a failed build left invalid is
 * dropped first.
 */
export class QuietCallsIndex1767400000000 implements MigrationInterface {
  name = 'QuietCallsIndex1767400000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_calls_open_updated"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_calls_open_updated" ON "calls" ("updated_at") WHERE "end_time" IS NULL AND "call_sid" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_calls_open_updated"`);
  }
}
