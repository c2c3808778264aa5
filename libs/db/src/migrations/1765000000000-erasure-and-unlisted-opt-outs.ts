import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure keeps the numbers: an erased lead's conversations and messages stay, without the lead (lead_id set to
 * null) and without their content, so counts and analytics do not change when a person is forgotten.
 * `leads.unlisted_opt_outs`: channels a lead opted out of by STOP where the do-not-contact list has no address to
 * hold it (a Telegram chat of a lead with no phone or email), so a later refresh of the flags keeps them.
 */
export class ErasureAndUnlistedOptOuts1765000000000 implements MigrationInterface {
  name = 'ErasureAndUnlistedOptOuts1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" ADD "unlisted_opt_outs" text[] NOT NULL DEFAULT '{}'`);
    for (const table of ['conversations', 'messages']) {
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "fk_${table}_lead"`);
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "lead_id" DROP NOT NULL`);
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE SET NULL`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['messages', 'conversations']) {
      await q.query(`DELETE FROM "${table}" WHERE "lead_id" IS NULL`);
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "fk_${table}_lead"`);
      await q.query(`ALTER TABLE "${table}" ALTER COLUMN "lead_id" SET NOT NULL`);
      await q.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "fk_${table}_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE CASCADE`,
      );
    }
    await q.query(`ALTER TABLE "leads" DROP COLUMN "unlisted_opt_outs"`);
  }
}
