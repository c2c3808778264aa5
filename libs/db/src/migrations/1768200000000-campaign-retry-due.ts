import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign send that failed waits for its campaign's retry policy to decide (retry the step, or end the
 * enrollment `failed`): `campaign_retry_due_at` is set in the statement that fails the message and cleared once the
 * decision has committed, so a decision lost with its process (or to a failed statement) is taken by the campaign
 * tick's sweep. The partial index serves that sweep, across tenants; built concurrently, as the messages table is
 * large (an index a failed build left invalid is dropped first).
 */
export class CampaignRetryDue1768200000000 implements MigrationInterface {
  name = 'CampaignRetryDue1768200000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD COLUMN IF NOT EXISTS "campaign_retry_due_at" timestamptz`);
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_campaign_retry_due"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_messages_campaign_retry_due" ON "messages" ("campaign_retry_due_at") WHERE "campaign_retry_due_at" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_campaign_retry_due"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN IF EXISTS "campaign_retry_due_at"`);
  }
}
