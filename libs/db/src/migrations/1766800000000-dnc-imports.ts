import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The do-not-contact list is imported the way leads are: its upload stored in lead_import_chunks and run from
 * there, in the request (a small file) or by the worker, resumable. An import says which list it fills.
 */
export class DncImports1766800000000 implements MigrationInterface {
  name = 'DncImports1766800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "lead_imports" ADD "kind" varchar(8) NOT NULL DEFAULT 'leads'`);
    await q.query(
      `ALTER TABLE "lead_imports" ADD CONSTRAINT "ck_lead_imports_kind" CHECK ("kind" IN ('leads', 'dnc'))`,
    );
    await q.query(
      `CREATE INDEX "ix_lead_imports_tenant_kind_created" ON "lead_imports" ("tenant_id", "kind", "created_at")`,
    );
    await q.query(`DROP INDEX "ix_lead_imports_tenant_created"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "lead_imports" WHERE "kind" = 'dnc'`);
    await q.query(
      `CREATE INDEX "ix_lead_imports_tenant_created" ON "lead_imports" ("tenant_id", "created_at")`,
    );
    await q.query(`DROP INDEX "ix_lead_imports_tenant_kind_created"`);
    await q.query(`ALTER TABLE "lead_imports" DROP CONSTRAINT "ck_lead_imports_kind"`);
    await q.query(`ALTER TABLE "lead_imports" DROP COLUMN "kind"`);
  }
}
