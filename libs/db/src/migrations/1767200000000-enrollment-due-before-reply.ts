import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a waiting enrollment's next step was due as a reply stopped it: an out-of-office reply resumes the sequence
 * no sooner than that (a follow-up planned after the lead's return keeps its day).
 */
export class EnrollmentDueBeforeReply1767200000000 implements MigrationInterface {
  name = 'EnrollmentDueBeforeReply1767200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "campaign_enrollments" ADD COLUMN "due_before_reply" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "campaign_enrollments" DROP COLUMN "due_before_reply"`);
  }
}
