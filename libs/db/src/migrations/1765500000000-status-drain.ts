import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Status callbacks are applied in batches per tenant (the `inbound.statuses` drain): its claim reads a tenant's
 * pending status events oldest first, and the sweep finds tenants with pending ones, both from a partial index
 * that holds only what is still to apply. A status whose message is not stored yet is tried again later:
 * `attempts` counts the tries, `next_attempt_at` holds it until then.
 */
export class StatusDrain1765500000000 implements MigrationInterface {
  name = 'StatusDrain1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "webhook_events" ADD "attempts" smallint NOT NULL DEFAULT 0, ADD "next_attempt_at" timestamptz`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_events_pending_status" ON "webhook_events" ("tenant_id", "received_at")
        WHERE "processed_at" IS NULL AND "kind" = 'status'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_events_pending_status"`);
    await q.query(`ALTER TABLE "webhook_events" DROP COLUMN "next_attempt_at", DROP COLUMN "attempts"`);
  }
}
