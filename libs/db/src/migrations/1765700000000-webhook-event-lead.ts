import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead a provider event concerned, set when the worker applies it (the message's or the call's lead), so that
 * erasing a lead can find and scrub the raw payloads it left in webhook_events (phone numbers, message text)
 * through an index instead of a scan of the tenant's events.
 */
export class WebhookEventLead1765700000000 implements MigrationInterface {
  name = 'WebhookEventLead1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_events" ADD "lead_id" uuid`);
    await q.query(
      `CREATE INDEX "ix_webhook_events_lead" ON "webhook_events" ("tenant_id", "lead_id") WHERE "lead_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_events_lead"`);
    await q.query(`ALTER TABLE "webhook_events" DROP COLUMN "lead_id"`);
  }
}
