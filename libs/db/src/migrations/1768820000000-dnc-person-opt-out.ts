import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether the person's own opt-out (their STOP, an unsubscribe the classifier read or a link recorded) made a
 * do-not-contact entry. It outlives a staff listing that takes the entry over (a new reason and creator), so the
 * entry stays the admin's to remove: a manager cannot list over a person's STOP and then delete it.
 */
export class DncPersonOptOut1768820000000 implements MigrationInterface {
  name = 'DncPersonOptOut1768820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "dnc_entries" ADD COLUMN "opted_out_by_person" boolean NOT NULL DEFAULT false`,
    );
    await q.query(`UPDATE "dnc_entries" SET "opted_out_by_person" = true WHERE "reason" = 'stop_keyword'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dnc_entries" DROP COLUMN "opted_out_by_person"`);
  }
}
