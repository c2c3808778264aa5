import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks (seed 004, DESIGN §4): a tenant's endpoints (`webhook_endpoints`: url, events, the signing
 * secret sealed) and each event's delivery to one of them (`webhook_deliveries`: the body sent, status, every
 * attempt), unique per endpoint and event id so a dispatch that runs again adds nothing.
 */
export class OutboundWebhooks1768900000000 implements MigrationInterface {
  name = 'OutboundWebhooks1768900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "webhook_endpoints" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "url" text NOT NULL,
        "description" varchar(200),
        "events" text[] NOT NULL,
        "secret_sealed" text NOT NULL,
        "secret_hint" varchar(8) NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "consecutive_failures" integer NOT NULL DEFAULT 0,
        "disabled_at" timestamptz,
        "disabled_reason" varchar(200),
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_webhook_endpoints" PRIMARY KEY ("id"),
        CONSTRAINT "fk_webhook_endpoints_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "ix_webhook_endpoints_tenant_created" ON "webhook_endpoints" ("tenant_id", "created_at")`,
    );
    await q.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "endpoint_id" uuid NOT NULL,
        "event" varchar(32) NOT NULL,
        "event_id" uuid NOT NULL,
        "body" text NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'pending',
        "attempt_count" integer NOT NULL DEFAULT 0,
        "last_status_code" integer,
        "last_error" varchar(300),
        "attempts" jsonb NOT NULL DEFAULT '[]',
        "delivered_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "ck_webhook_deliveries_status" CHECK ("status" IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "fk_webhook_deliveries_endpoint" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "ix_webhook_deliveries_tenant_endpoint_created" ON "webhook_deliveries" ("tenant_id", "endpoint_id", "created_at")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_webhook_deliveries_tenant_endpoint_event" ON "webhook_deliveries" ("tenant_id", "endpoint_id", "event_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webhook_deliveries"`);
    await q.query(`DROP TABLE "webhook_endpoints"`);
  }
}
