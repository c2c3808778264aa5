import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign's message steps send uploaded files (`options.attachment_ids`): each such upload belongs to its
 * campaign (`message_attachments.campaign_id`), is listed on every message that sends it, and is never swept as a
 * file left without a message.
 */
export class CampaignFiles1766900000000 implements MigrationInterface {
  name = 'CampaignFiles1766900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "message_attachments" ADD "campaign_id" uuid`);
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
    await q.query(`ALTER TABLE "message_attachments" DROP CONSTRAINT "fk_message_attachments_campaign"`);
    await q.query(`ALTER TABLE "message_attachments" DROP COLUMN "campaign_id"`);
  }
}
