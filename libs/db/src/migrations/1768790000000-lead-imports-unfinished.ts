import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import whose job was lost (Redis) would stay queued or running for good: the worker's import sweep finds the
 * unfinished imports across tenants through `ix_lead_imports_unfinished` (partial: only queued and running ones).
 */
export class LeadImportsUnfinished1768790000000 implements MigrationInterface {
  name = 'LeadImportsUnfinished1768790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_lead_imports_unfinished" ON "lead_imports" ("updated_at") WHERE "status" IN ('queued', 'running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_lead_imports_unfinished"`);
  }
}
