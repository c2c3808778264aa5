import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why the platform paused a campaign (the tenant's AI provider refused its key, its quota or its model): shown on the
 * campaign until a person resumes, pauses or cancels it. Null for a pause a person made.
 */
export class CampaignPauseReason1767800000000 implements MigrationInterface {
  name = 'CampaignPauseReason1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "campaigns" ADD COLUMN "pause_reason" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "campaigns" DROP COLUMN "pause_reason"`);
  }
}
