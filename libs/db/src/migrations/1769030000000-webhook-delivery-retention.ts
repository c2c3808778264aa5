import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finished webhook deliveries (delivered or failed) are deleted once older than WEBHOOK_DELIVERIES_RETENTION_DAYS:
 * found by when they were made, platform-wide, by the `webhooks.prune` sweep.
 */
export class WebhookDeliveryRetention1769030000000 implements MigrationInterface {
  name = 'WebhookDeliveryRetention1769030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_finished_created" ON "webhook_deliveries" ("created_at") WHERE "status" <> 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_deliveries_finished_created"`);
  }
}
