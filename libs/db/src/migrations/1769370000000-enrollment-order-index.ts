import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign's enrollments in the order they were enrolled (GET campaigns/:id and its first leads,
 * GET campaigns/:id/leads): an index in that order lets a page stop after its rows instead of sorting every
 * enrollment of a 100,000-lead campaign. Built concurrently, as this table is large (an index a failed build left
 * invalid is dropped first): enrollments go on being written meanwhile.
 */
export class EnrollmentOrderIndex1769370000000 implements MigrationInterface {
  name = 'EnrollmentOrderIndex1769370000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_campaign_enrollments_tenant_order"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_campaign_enrollments_tenant_order" ON "campaign_enrollments" ("tenant_id", "campaign_id", "created_at", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_campaign_enrollments_tenant_order"`);
  }
}
