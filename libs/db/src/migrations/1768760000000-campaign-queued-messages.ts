import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign does not complete while messages of it are still queued (a throttled backlog, a wait for the window):
 * the completion and the campaign tick's sweep ask whether any is left, which this partial index answers from the
 * few rows in the queue, not from every message the campaign ever sent. Built concurrently, as the messages table
 * is large (an index a failed build left invalid is dropped first).
 */
export class CampaignQueuedMessages1768760000000 implements MigrationInterface {
  name = 'CampaignQueuedMessages1768760000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_campaign_queued"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_messages_campaign_queued" ON "messages" ("tenant_id", "campaign_id") WHERE "status" = 'queued' AND "campaign_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_messages_campaign_queued"`);
  }
}
