import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign's message steps send uploaded files (`options.attachment_ids`): each such upload belongs to its
 * campaign (`message_attachments.campaign_id`), is listed on every message that sends it, and is never swept as a
 * file left without a message. A file says where it came from (`origin`): only an upload may be sent, so a file
 * that came with a lead's message, not yet given it, can never be made public by naming its id. Uploads stored
 * before this migration have uuidv7 ids (inbound files uuidv5).
 */
export class CampaignFiles1766900000000 implements MigrationInterface {
  name = 'CampaignFiles1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "message_attachments" ADD "campaign_id" uuid`);
    await q.query(`ALTER TABLE "message_attachments" ADD "origin" varchar(8) NOT NULL DEFAULT 'inbound'`);
    await q.query(
      `ALTER TABLE "message_attachments" ADD CONSTRAINT "ck_message_attachments_origin"
         CHECK ("origin" IN ('inbound', 'upload'))`,
    );
    await q.query(
      `UPDATE "message_attachments" SET "origin" = 'upload' WHERE substring("id"::text from 15 for 1) = '7'`,
    );
    await q.query(
      `CREATE INDEX "ix_message_attachments_campaign" ON "message_attachments" ("tenant_id", "campaign_id")
        WHERE "campaign_id" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "message_attachments" ADD CONSTRAINT "fk_message_attachments_campaign"
         FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL`,
    );
    await q.query(`DROP INDEX "ix_message_attachments_unlinked"`);
    await q.query(
      `CREATE INDEX "ix_message_attachments_unlinked" ON "message_attachments" ("created_at")
        WHERE "message_id" IS NULL AND "campaign_id" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_message_attachments_unlinked"`);
    await q.query(
      `CREATE INDEX "ix_message_attachments_unlinked" ON "message_attachments" ("created_at")
        WHERE "message_id" IS NULL`,
    );
    await q.query(`DROP INDEX "ix_message_attachments_campaign"`);
    await q.query(`ALTER TABLE "message_attachments" DROP CONSTRAINT "ck_message_attachments_origin"`);
    await q.query(`ALTER TABLE "message_attachments" DROP COLUMN "origin"`);
    await q.query(`ALTER TABLE "message_attachments" DROP CONSTRAINT "fk_message_attachments_campaign"`);
    await q.query(`ALTER TABLE "message_attachments" DROP COLUMN "campaign_id"`);
  }
}
