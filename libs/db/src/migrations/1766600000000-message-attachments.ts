import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound messages keep their files: `message_attachments` holds the bytes (stored when the webhook is received,
 * given their message when the worker records it) and `messages.attachments` lists them on the message (id, name,
 * type, size), so a page of messages needs no second read.
 */
export class MessageAttachments1766600000000 implements MigrationInterface {
  name = 'MessageAttachments1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD "attachments" jsonb NOT NULL DEFAULT '[]'`);
    await q.query(
      `CREATE TABLE "message_attachments" (
         "id" uuid NOT NULL,
         "tenant_id" uuid NOT NULL,
         "message_id" uuid,
         "filename" character varying(255),
         "content_type" character varying(255) NOT NULL,
         "content_id" character varying(255),
         "size" integer NOT NULL,
         "content" bytea NOT NULL,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "pk_message_attachments" PRIMARY KEY ("id"),
         CONSTRAINT "fk_message_attachments_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id")
           ON DELETE CASCADE,
         CONSTRAINT "fk_message_attachments_message" FOREIGN KEY ("message_id") REFERENCES "messages"("id")
           ON DELETE CASCADE)`,
    );
    await q.query(`ALTER TABLE "message_attachments" ALTER COLUMN "content" SET STORAGE EXTERNAL`);
    await q.query(
      `CREATE INDEX "ix_message_attachments_message" ON "message_attachments" ("tenant_id", "message_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_message_attachments_unlinked" ON "message_attachments" ("created_at")
        WHERE "message_id" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "message_attachments"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "attachments"`);
  }
}
