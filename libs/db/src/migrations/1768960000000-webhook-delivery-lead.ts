import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead a webhook delivery's body is about (a lead event's lead, or the lead_id of a message or AI run), by a
 * partial index: a lead's erasure scrubs its deliveries by it instead of parsing every body of the tenant. Rows
 * already there take it from their body.
 */
export class WebhookDeliveryLead1768960000000 implements MigrationInterface {
  name = 'WebhookDeliveryLead1768960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhook_deliveries" ADD "lead_id" uuid`);
    await q.query(`
      UPDATE "webhook_deliveries"
         SET "lead_id" = CASE WHEN "event" IN ('lead.created', 'lead.updated')
                              THEN ("body"::jsonb -> 'data' ->> 'id')::uuid
                              ELSE ("body"::jsonb -> 'data' ->> 'lead_id')::uuid END`);
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_tenant_lead" ON "webhook_deliveries" ("tenant_id", "lead_id") WHERE "lead_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_deliveries_tenant_lead"`);
    await q.query(`ALTER TABLE "webhook_deliveries" DROP COLUMN "lead_id"`);
  }
}
