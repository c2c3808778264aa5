import { MigrationInterface, QueryRunner } from 'typeorm';

/** Applied provider events are deleted once older than WEBHOOK_EVENTS_RETENTION_DAYS: found by when they were applied. */
export class WebhookEventRetention1767000000000 implements MigrationInterface {
  name = 'WebhookEventRetention1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_webhook_events_processed" ON "webhook_events" ("processed_at") WHERE "processed_at" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_events_processed"`);
  }
}
