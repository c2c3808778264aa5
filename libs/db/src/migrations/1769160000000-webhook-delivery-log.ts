import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook's delivery log filtered by status (`GET /api/webhooks/:id/deliveries?status=failed`), newest first: by
 * (tenant, endpoint, status, made), so the failed ones are found without reading the delivered ones.
 */
export class WebhookDeliveryLog1769160000000 implements MigrationInterface {
  name = 'WebhookDeliveryLog1769160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_tenant_endpoint_status_created" ON "webhook_deliveries" ("tenant_id", "endpoint_id", "status", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_webhook_deliveries_tenant_endpoint_status_created"`);
  }
}
