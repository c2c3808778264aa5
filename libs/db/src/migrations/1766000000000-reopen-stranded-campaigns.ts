import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repairs what a race fixed in this release left behind: a campaign could complete while a retry moved one of its
 * enrollments back to waiting, and that enrollment then never ran (the scheduler takes active campaigns only).
 * Such campaigns are active again, so their waiting enrollments run and the campaign completes after them. No
 * campaign completes with an enrollment still to act any other way, so nothing else is touched.
 */
export class ReopenStrandedCampaigns1766000000000 implements MigrationInterface {
  name = 'ReopenStrandedCampaigns1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE "campaigns" c SET "status" = 'active', "completed_at" = NULL, "updated_at" = now()
       WHERE c."status" = 'completed'
         AND EXISTS (SELECT 1 FROM "campaign_enrollments" e
                      WHERE e."tenant_id" = c."tenant_id" AND e."campaign_id" = c."id"
                        AND e."status" IN ('pending', 'queued', 'in_progress', 'waiting'))`);
  }

  async down(): Promise<void> {
    // A repair: the campaigns it reopened were wrongly completed, and are left as they now stand.
  }
}
