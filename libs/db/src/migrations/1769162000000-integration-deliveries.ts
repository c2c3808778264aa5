import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each event posted to an integration (`GET /api/integrations/:id/deliveries`), as webhook deliveries are kept: its
 * data type and subject, status, every attempt (status code, duration, our error words: nothing of what was sent nor
 * of the answer), one row per (integration, subject) as its job is keyed. Finished ones go with the webhook
 * deliveries' retention sweep.
 */
export class IntegrationDeliveries1769162000000 implements MigrationInterface {
  name = 'IntegrationDeliveries1769162000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "integration_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "integration_id" uuid NOT NULL,
        "data_type" varchar(16) NOT NULL,
        "source" varchar(16) NOT NULL,
        "subject_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'pending',
        "attempt_count" integer NOT NULL DEFAULT 0,
        "last_status_code" integer,
        "last_error" varchar(500),
        "attempts" jsonb NOT NULL DEFAULT '[]',
        "delivered_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_integration_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "ck_integration_deliveries_status" CHECK ("status" IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "fk_integration_deliveries_integration" FOREIGN KEY ("integration_id") REFERENCES "integrations" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_integration_deliveries_tenant_integration_subject" ON "integration_deliveries" ("tenant_id", "integration_id", "subject_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_integration_deliveries_tenant_integration_created" ON "integration_deliveries" ("tenant_id", "integration_id", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_integration_deliveries_tenant_integration_status_created" ON "integration_deliveries" ("tenant_id", "integration_id", "status", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_integration_deliveries_finished_created" ON "integration_deliveries" ("created_at") WHERE "status" <> 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "integration_deliveries"`);
  }
}
