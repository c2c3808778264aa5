import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ix_webhook_events_tenant_received` (tenant_id, received_at) served no query: the status drain reads a tenant's
 * pending callbacks oldest first through `ix_webhook_events_pending_status` (the same columns, partial), the
 * sweeps through the partial pending indexes, a lead's erasure through `ix_webhook_events_lead`, the retention
 * through `ix_webhook_events_processed`, the intake's repeats through `uq_webhook_events_key`, every other read by
 * id; the reads of a tenant's events by kind (a lead's erasure of its unlinked calls' events, the pending inbound
 * of an erased lead) read `uq_webhook_events_key` or the pending index as well. Every recorded event added an
 * entry to it, and every applied one another (marking it applied is not a HOT update): two fewer index writes per
 * status callback. Dropped concurrently, so webhooks go on meanwhile.
 */
export class DropWebhookEventsTenantReceived1769410000000 implements MigrationInterface {
  name = 'DropWebhookEventsTenantReceived1769410000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_webhook_events_tenant_received"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_webhook_events_tenant_received"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_webhook_events_tenant_received" ON "webhook_events" ("tenant_id", "received_at")`,
    );
  }
}
