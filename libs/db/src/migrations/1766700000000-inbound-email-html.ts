import { MigrationInterface, QueryRunner } from 'typeorm';

/** An inbound email keeps its HTML part beside its text, so the inbox can show it as it was written. */
export class InboundEmailHtml1766700000000 implements MigrationInterface {
  name = 'InboundEmailHtml1766700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" ADD "html" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "messages" DROP COLUMN "html"`);
  }
}
