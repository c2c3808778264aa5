import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `leads.archived_identities`: the phone, WhatsApp and email identities a lead held when it was archived (archiving
 * frees them), so that its erasure later lists every one of them on the do-not-contact list, as it does a live
 * lead's. Null while the lead is live; gone with the row when it is erased. Nullable, no default: adding it
 * rewrites nothing.
 */
export class LeadArchivedIdentities1768780000000 implements MigrationInterface {
  name = 'LeadArchivedIdentities1768780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" ADD COLUMN IF NOT EXISTS "archived_identities" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" DROP COLUMN IF EXISTS "archived_identities"`);
  }
}
