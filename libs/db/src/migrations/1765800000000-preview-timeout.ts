import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A preview offer waits `preview_timeout_seconds` (default 30 s) for the agent's decision, then expires. The
 * dialer's tick finds expired offers across tenants, oldest first, through `ix_calls_unplaced` (partial: only the
 * calls with no SID and no end yet, the same set its sweep of lost placements reads).
 */
export class PreviewTimeout1765800000000 implements MigrationInterface {
  name = 'PreviewTimeout1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "campaigns"
        ADD "preview_timeout_seconds" smallint NOT NULL DEFAULT 30,
        ADD CONSTRAINT "ck_campaigns_preview_timeout" CHECK ("preview_timeout_seconds" BETWEEN 10 AND 600)`);
    await q.query(
      `CREATE INDEX "ix_calls_unplaced" ON "calls" ("created_at") WHERE "call_sid" IS NULL AND "end_time" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_calls_unplaced"`);
    await q.query(`
      ALTER TABLE "campaigns"
        DROP CONSTRAINT "ck_campaigns_preview_timeout", DROP "preview_timeout_seconds"`);
  }
}
