import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hard bounce puts the address on the do-not-contact list for email, with its own reason (`bounce`): the
 * address does not exist, so no campaign or agent should write to it again until someone removes the entry.
 */
export class DncBounce1765900000000 implements MigrationInterface {
  name = 'DncBounce1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dnc_entries" DROP CONSTRAINT "ck_dnc_entries_reason"`);
    await q.query(
      `ALTER TABLE "dnc_entries" ADD CONSTRAINT "ck_dnc_entries_reason"
         CHECK ("reason" IN ('stop_keyword', 'manual', 'import', 'complaint', 'erasure', 'bounce'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "dnc_entries" WHERE "reason" = 'bounce'`);
    await q.query(`ALTER TABLE "dnc_entries" DROP CONSTRAINT "ck_dnc_entries_reason"`);
    await q.query(
      `ALTER TABLE "dnc_entries" ADD CONSTRAINT "ck_dnc_entries_reason"
         CHECK ("reason" IN ('stop_keyword', 'manual', 'import', 'complaint', 'erasure'))`,
    );
  }
}
