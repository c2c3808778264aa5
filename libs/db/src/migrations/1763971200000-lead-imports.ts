import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadImports1763971200000 implements MigrationInterface {
  name = 'LeadImports1763971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "lead_imports" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "created_by_id" uuid,
        "file_name" varchar(255),
        "file_bytes" bigint NOT NULL DEFAULT 0,
        "encoding" varchar(16) NOT NULL,
        "delimiter" varchar(1) NOT NULL,
        "columns" jsonb NOT NULL,
        "options" jsonb NOT NULL DEFAULT '{}',
        "status" varchar(16) NOT NULL DEFAULT 'queued',
        "rows_done" integer NOT NULL DEFAULT 0,
        "results" jsonb NOT NULL DEFAULT '{}',
        "error" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "lease_until" timestamptz,
        "started_at" timestamptz,
        "finished_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_lead_imports" PRIMARY KEY ("id"),
        CONSTRAINT "fk_lead_imports_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_lead_imports_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed'))
      )`);
    await q.query(
      `CREATE INDEX "ix_lead_imports_tenant_created" ON "lead_imports" ("tenant_id", "created_at")`,
    );
    await q.query(`
      CREATE TABLE "lead_import_chunks" (
        "tenant_id" uuid NOT NULL,
        "import_id" uuid NOT NULL,
        "seq" integer NOT NULL,
        "data" bytea NOT NULL,
        CONSTRAINT "pk_lead_import_chunks" PRIMARY KEY ("tenant_id", "import_id", "seq"),
        CONSTRAINT "fk_lead_import_chunks_import" FOREIGN KEY ("import_id") REFERENCES "lead_imports" ("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "lead_import_errors" (
        "tenant_id" uuid NOT NULL,
        "import_id" uuid NOT NULL,
        "row" integer NOT NULL,
        "field" varchar(120) NOT NULL,
        "value" text,
        "error" text NOT NULL,
        CONSTRAINT "pk_lead_import_errors" PRIMARY KEY ("tenant_id", "import_id", "row", "field"),
        CONSTRAINT "fk_lead_import_errors_import" FOREIGN KEY ("import_id") REFERENCES "lead_imports" ("id") ON DELETE CASCADE
      )`);
    await q.query(`ALTER TABLE "leads" ADD "last_import_id" uuid`);
    // An identity is its address: the unique index becomes the key, and the random uuid key (one more index to
    // write per identity, a third of an import's identity cost) goes.
    await q.query(`ALTER TABLE "lead_identities" DROP CONSTRAINT "pk_lead_identities"`);
    await q.query(`ALTER TABLE "lead_identities" DROP COLUMN "id"`);
    await q.query(
      `ALTER TABLE "lead_identities" ADD CONSTRAINT "pk_lead_identities" PRIMARY KEY USING INDEX "uq_lead_identities_address"`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "lead_identities" DROP CONSTRAINT "pk_lead_identities"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_lead_identities_address" ON "lead_identities" ("tenant_id", "channel", "address")`,
    );
    await q.query(`ALTER TABLE "lead_identities" ADD "id" uuid NOT NULL DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE "lead_identities" ADD CONSTRAINT "pk_lead_identities" PRIMARY KEY ("id")`);
    await q.query(`ALTER TABLE "leads" DROP COLUMN "last_import_id"`);
    await q.query(`DROP TABLE "lead_import_errors"`);
    await q.query(`DROP TABLE "lead_import_chunks"`);
    await q.query(`DROP TABLE "lead_imports"`);
  }
}
