import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The failed runs of an enrollment's current turn (its step and attempt): `{ turn, count, since }`, counted by the
 * step runner. A turn that keeps failing for a reason no check recognises ends the enrollment `failed` instead of
 * being taken again every ten minutes for good. Null until a turn fails.
 */
export class EnrollmentStepFailure1768100000000 implements MigrationInterface {
  name = 'EnrollmentStepFailure1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "campaign_enrollments" ADD COLUMN "step_failure" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "campaign_enrollments" DROP COLUMN "step_failure"`);
  }
}
