import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrations (seed 004): a tenant's connection to each catalogue entry (Slack, Zapier), one row per type, with
 * its credentials sealed, what it is sent, and how its deliveries went (last_sync, last_error).
 */
export class Integrations1769010000000 implements MigrationInterface {
  name = 'Integrations1769010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "integrations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "type" varchar(32) NOT NULL,
        "status" varchar(16) NOT NULL,
        "data_types" text array NOT NULL,
        "config" jsonb NOT NULL DEFAULT '{}',
        "credentials_sealed" text,
        "credentials_hint" jsonb,
        "last_sync" timestamptz,
        "last_error" varchar(500),
        "error_at" timestamptz,
        "connected_at" timestamptz,
        "connected_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_integrations" PRIMARY KEY ("id"),
        CONSTRAINT "fk_integrations_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_integrations_status" CHECK ("status" IN ('connected', 'error', 'disconnected'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_integrations_tenant_type" ON "integrations" ("tenant_id", "type")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "integrations"`);
  }
}
